import { z } from 'zod';
import { wholeNumber } from '../config/fields.js';

const day = 86_400;

/** Variables of token lifetimes shared by the Bearer token strategies. */
export const tokenLifetimeFields = {
  REFRESH_TOKEN_TTL: wholeNumber({
    min: 3600,
    max: 365 * day,
    fallback: 30 * day,
    unit: 'seconds',
  }),
  REFRESH_IDLE_TTL: wholeNumber({ min: 300, max: 365 * day, fallback: 14 * day, unit: 'seconds' }),
  REFRESH_REUSE_LEEWAY_SECONDS: wholeNumber({ min: 0, max: 60, fallback: 10, unit: 'seconds' }),
};

interface LifetimeSettings {
  ACCESS_TOKEN_TTL: number;
  REFRESH_TOKEN_TTL: number;
  REFRESH_IDLE_TTL: number;
  REFRESH_REUSE_LEEWAY_SECONDS: number;
}

/** Refuses lifetimes that contradict each other. */
export function checkLifetimes(settings: LifetimeSettings, context: z.RefinementCtx): void {
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
}

/** Token lifetimes in seconds, as the rotation code reads them. */
export interface TokenLifetimes {
  accessTokenTtl: number;
  refreshTokenTtl: number;
  refreshIdleTtl: number;
  refreshReuseLeeway: number;
}

/** The validated lifetimes under their code names. */
export function tokenLifetimes(settings: LifetimeSettings): TokenLifetimes {
  return {
    accessTokenTtl: settings.ACCESS_TOKEN_TTL,
    refreshTokenTtl: settings.REFRESH_TOKEN_TTL,
    refreshIdleTtl: settings.REFRESH_IDLE_TTL,
    refreshReuseLeeway: settings.REFRESH_REUSE_LEEWAY_SECONDS,
  };
}
