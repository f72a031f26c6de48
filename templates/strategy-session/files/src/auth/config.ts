import { z } from 'zod';
import { secret, wholeNumber } from '../config/fields.js';

const day = 86_400;
const sameSiteValues = ['lax', 'strict'] as const;

/**
 * Session settings from the environment; the secret has no fallback. SameSite=None is not
 * offered: a session cookie sent on cross-site requests would undo the CSRF protection.
 */
export const authConfigSchema = z
  .object({
    NODE_ENV: z.string().trim().optional(),
    SESSION_SECRET: secret(32),
    SESSION_IDLE_TTL: wholeNumber({ min: 60, max: 30 * day, fallback: 3600, unit: 'seconds' }),
    SESSION_ABSOLUTE_TTL: wholeNumber({
      min: 300,
      max: 365 * day,
      fallback: 7 * day,
      unit: 'seconds',
    }),
    SESSION_SAME_SITE: z
      .enum(sameSiteValues, { error: `must be one of ${sameSiteValues.join(', ')}` })
      .optional()
      .default('lax'),
    // Only whether it is set matters here; src/config validates and parses its value.
    TRUST_PROXY: z
      .string()
      .trim()
      .optional()
      .transform((value) => value !== undefined && !['', 'false', '0'].includes(value)),
  })
  .superRefine((settings, context) => {
    if (settings.SESSION_IDLE_TTL > settings.SESSION_ABSOLUTE_TTL) {
      context.addIssue({
        code: 'custom',
        path: ['SESSION_IDLE_TTL'],
        message: `must not exceed SESSION_ABSOLUTE_TTL (${settings.SESSION_ABSOLUTE_TTL} seconds)`,
      });
    }
    // This server speaks plain HTTP, so a Secure cookie is only ever set when a trusted proxy
    // reports HTTPS. Without TRUST_PROXY every browser login would silently lose its cookie.
    if (settings.NODE_ENV === 'production' && !settings.TRUST_PROXY) {
      context.addIssue({
        code: 'custom',
        path: ['TRUST_PROXY'],
        message:
          'must name the HTTPS proxy in production (a hop count such as 1, or its addresses): the session cookie is Secure, and without a trusted proxy reporting X-Forwarded-Proto: https browsers would never receive it',
      });
    }
  })
  .transform((settings) => {
    const production = settings.NODE_ENV === 'production';
    return {
      sessionSecret: settings.SESSION_SECRET,
      idleTtl: settings.SESSION_IDLE_TTL,
      absoluteTtl: settings.SESSION_ABSOLUTE_TTL,
      sameSite: settings.SESSION_SAME_SITE,
      /** `__Host-` needs Secure, Path=/ and no Domain, which only HTTPS can give. */
      cookieName: production ? '__Host-sid' : 'sid',
      secureCookie: production,
    };
  });

/** The validated auth settings. */
export type AuthConfig = z.output<typeof authConfigSchema>;
