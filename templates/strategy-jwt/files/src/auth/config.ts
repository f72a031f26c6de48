import { z } from 'zod';
import { requiredText, secret, wholeNumber } from '../config/fields.js';
import { checkLifetimes, tokenLifetimeFields, tokenLifetimes } from '../tokens/lifetimes.js';

/** JWT and refresh-token settings from the environment; secrets have no fallback. */
export const authConfigSchema = z
  .object({
    JWT_SECRET: secret(32),
    JWT_ISSUER: requiredText(),
    JWT_AUDIENCE: requiredText(),
    ACCESS_TOKEN_TTL: wholeNumber({ min: 300, max: 900, fallback: 900, unit: 'seconds' }),
    ...tokenLifetimeFields,
  })
  .superRefine(checkLifetimes)
  .transform((settings) => ({
    jwtSecret: settings.JWT_SECRET,
    issuer: settings.JWT_ISSUER,
    audience: settings.JWT_AUDIENCE,
    ...tokenLifetimes(settings),
  }));

/** The validated auth settings. */
export type AuthConfig = z.output<typeof authConfigSchema>;
