import { z } from 'zod';
import { secret, wholeNumber } from '../config/fields.js';
import { checkLifetimes, tokenLifetimeFields, tokenLifetimes } from '../tokens/lifetimes.js';

/** Opaque token settings from the environment; the secret has no fallback. */
export const authConfigSchema = z
  .object({
    TOKEN_SECRET: secret(32),
    ACCESS_TOKEN_TTL: wholeNumber({ min: 60, max: 3600, fallback: 900, unit: 'seconds' }),
    ...tokenLifetimeFields,
  })
  .superRefine(checkLifetimes)
  .transform((settings) => ({
    tokenSecret: settings.TOKEN_SECRET,
    ...tokenLifetimes(settings),
  }));

/** The validated auth settings. */
export type AuthConfig = z.output<typeof authConfigSchema>;
