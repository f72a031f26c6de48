import { createHash } from 'node:crypto';
import { type JWTPayload, type JWTVerifyGetKey, createRemoteJWKSet, errors, jwtVerify } from 'jose';
import { z } from 'zod';
import type { HttpProblem } from '../http/problem.js';
import { providerUnavailable, socialUnauthorized } from './problems.js';

/** Where a provider publishes its keys and what its ID tokens must say. */
export interface IdTokenIssuer {
  /** Shown in errors and logs, e.g. "Google". */
  provider: string;
  /** Accepted `iss` values. */
  issuers: string[];
  jwksUrl: URL;
  /** Accepted `aud` values: every client id of the app (iOS, Android, web, services id). */
  audiences: string[];
}

/** How often keys may be refetched and how long a fetch may take. */
export interface KeyFetchLimits {
  cooldownSeconds: number;
  timeoutSeconds: number;
}

/** The body of an ID-token sign-in (Google, Apple); unknown fields are refused. */
export const idTokenBody = z.strictObject({
  idToken: z.string().min(1).max(8192),
  nonce: z.string().min(1).max(512).optional(),
  name: z.string().trim().min(1).max(200).optional(),
  deviceName: z.string().trim().min(1).max(100).optional(),
});

/** Seconds of clock difference tolerated on `exp`, `iat` and `nbf`. */
const clockToleranceSeconds = 30;

/** The provider's keys could not be had: unreachable, slow, not 200, not JSON or not a JWKS. */
class KeysUnavailable extends Error {}

/**
 * The published keys, with every failure to get them marked as the provider's: jose reports a
 * keys answer that is not 200 or not JSON with the same error class it uses for bad tokens.
 */
function publishedKeys(keys: ReturnType<typeof createRemoteJWKSet>): JWTVerifyGetKey {
  return async (header, token) => {
    try {
      return await keys(header, token);
    } catch (error) {
      // A `kid` the provider does not publish, even after a refetch, is the token's fault.
      if (
        error instanceof errors.JWKSNoMatchingKey ||
        error instanceof errors.JWKSMultipleMatchingKeys
      ) {
        throw error;
      }
      throw new KeysUnavailable('the provider keys could not be fetched', { cause: error });
    }
  };
}

function toProblem(provider: string, error: unknown): HttpProblem {
  if (error instanceof KeysUnavailable) return providerUnavailable(provider);
  if (error instanceof errors.JWTExpired) return socialUnauthorized('id_token_expired');
  if (error instanceof errors.JOSEError) return socialUnauthorized('id_token_invalid');
  return providerUnavailable(provider);
}

/**
 * Verifies ID tokens of one provider: the signature with a published key chosen by `kid` (keys are
 * cached, and an unknown `kid` refetches them at most once per cooldown), then issuer, audience
 * and expiry. Only RS256 is accepted, the algorithm Google and Apple sign with. Keys that cannot
 * be fetched give 503 `provider_unavailable`; a token that does not hold gives 401.
 */
export function createIdTokenVerifier(issuer: IdTokenIssuer, limits: KeyFetchLimits) {
  const keys = publishedKeys(
    createRemoteJWKSet(issuer.jwksUrl, {
      cooldownDuration: limits.cooldownSeconds * 1000,
      timeoutDuration: limits.timeoutSeconds * 1000,
    }),
  );

  return async function verifyIdToken(idToken: string): Promise<JWTPayload & { sub: string }> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(idToken, keys, {
        issuer: issuer.issuers,
        audience: issuer.audiences,
        algorithms: ['RS256'],
        requiredClaims: ['sub', 'exp', 'iat'],
        clockTolerance: clockToleranceSeconds,
      }));
    } catch (error) {
      throw toProblem(issuer.provider, error);
    }
    // `sub` keys the user; jose checks only that it is there, not that it is a usable string.
    const subject = payload.sub as unknown;
    if (typeof subject !== 'string' || subject.trim() === '') {
      throw socialUnauthorized('id_token_invalid');
    }
    return { ...payload, sub: subject };
  };
}

/** The SHA-256 of a value as lower-case hex, the form Apple puts a nonce in. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/**
 * Checks the token's `nonce` claim against the nonce the app sent, as the provider encodes it.
 * A token that carries a nonce needs the app to send it; a sent nonce needs the claim.
 */
export function checkNonce(
  claim: unknown,
  sent: string | undefined,
  expected: (sent: string) => string,
) {
  if (sent === undefined && claim === undefined) return;
  if (sent === undefined || typeof claim !== 'string' || claim !== expected(sent)) {
    throw socialUnauthorized('nonce_mismatch');
  }
}

/** Providers send booleans in ID tokens either as JSON booleans or as the strings "true"/"false". */
export function claimIsTrue(claim: unknown): boolean {
  return claim === true || claim === 'true';
}

/** A string claim, or undefined when it is missing, empty or not a string. */
export function stringClaim(claim: unknown): string | undefined {
  return typeof claim === 'string' && claim !== '' ? claim : undefined;
}
