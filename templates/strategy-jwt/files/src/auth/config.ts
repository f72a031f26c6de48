import { z } from 'zod';
import { requiredText, secret, wholeNumber } from '../config/fields.js';

const day = 86_400;

/** JWT and refresh-token settings from the environment; secrets have no fallback. */
export const authConfigSchema = z
  .object({
    JWT_SECRET: secret(32),
    JWT_ISSUER: requiredText(),
    JWT_AUDIENCE: requiredText(),
    ACCESS_TOKEN_TTL: wholeNumber({ min: 300, max: 900, fallback: 900, unit: 'seconds' }),
    REFRESH_TOKEN_TTL: wholeNumber({
      min: 3600,
      max: 365 * day,
      fallback: 30 * day,
      unit: 'seconds',
    }),
    REFRESH_IDLE_TTL: wholeNumber({
      min: 300,
      max: 365 * day,
      fallback: 14 * day,
      unit: 'seconds',
    }),
    REFRESH_REUSE_LEEWAY_SECONDS: wholeNumber({ min: 0, max: 60, fallback: 10, unit: 'seconds' }),
  })
  .superRefine((settings, context) => {
    // The session must outlive its access token, or an active client is cut off between refreshes.
    if (settings.REFRESH_IDLE_TTL < settings.ACCESS_TOKEN_TTL) {
      context.addIssue({
        code: 'custom',
        path: ['REFRESH_IDLE_TTL'],
        message: `must be at least ACCESS_TOKEN_TTL (${settings.ACCESS_TOKEN_TTL} seconds)`,
      });
    }
    if (settings.REFRESH_IDLE_TTL > settings.REFRESH_TOKEN_TTL) {
      context.addIssue({
        code: 'custom',
        path: ['REFRESH_IDLE_TTL'],
        message: `must not exceed REFRESH_TOKEN_TTL (${settings.REFRESH_TOKEN_TTL} seconds)`,
      });
    }
  })
  .transform((settings) => ({
    jwtSecret: settings.JWT_SECRET,
    issuer: settings.JWT_ISSUER,
    audience: settings.JWT_AUDIENCE,
    accessTokenTtl: settings.ACCESS_TOKEN_TTL,
    refreshTokenTtl: settings.REFRESH_TOKEN_TTL,
    refreshIdleTtl: settings.REFRESH_IDLE_TTL,
    refreshReuseLeeway: settings.REFRESH_REUSE_LEEWAY_SECONDS,
  }));

/** The validated auth settings. */
export type AuthConfig = z.output<typeof authConfigSchema>;
