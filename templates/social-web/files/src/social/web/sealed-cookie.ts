import { hkdfSync } from 'node:crypto';
import type { Request, Response } from 'express';
import { EncryptJWT, type JWTPayload, jwtDecrypt } from 'jose';

/** How a sealed cookie is sent: always HttpOnly and Path=/, never with a Domain. */
export interface SealedCookieOptions {
  /** The cookie name without the `__Host-` prefix, which production adds. */
  name: string;
  /** Keeps the keys of different cookies apart: one cannot be replayed as the other. */
  purpose: string;
  maxAgeSeconds: number;
  sameSite: 'lax' | 'strict' | 'none';
  secret: string;
  /** Production: `__Host-` prefix and Secure. SameSite=None is always Secure. */
  production: boolean;
}

/** A value kept by the browser, encrypted and authenticated by this server, and short-lived. */
export interface SealedCookie<Value extends JWTPayload> {
  /** The value, or undefined when the cookie is missing, altered, foreign or expired. */
  read(request: Request): Promise<Value | undefined>;
  write(response: Response, value: Value): Promise<void>;
  clear(response: Response): void;
}

/** The value of one cookie in a Cookie header, or undefined. */
function cookieValue(request: Request, name: string): string | undefined {
  for (const pair of (request.get('cookie') ?? '').split(';')) {
    const separator = pair.indexOf('=');
    if (separator > 0 && pair.slice(0, separator).trim() === name) {
      return pair.slice(separator + 1).trim();
    }
  }
  return undefined;
}

/**
 * A cookie whose value is a JWE (direct A256GCM) under a key derived from the secret for this
 * purpose, with an expiry inside: the browser holds it but can neither read nor change it.
 */
export function sealedCookie<Value extends JWTPayload>(
  options: SealedCookieOptions,
): SealedCookie<Value> {
  const key = new Uint8Array(hkdfSync('sha256', options.secret, '', options.purpose, 32));
  const name = options.production ? `__Host-${options.name}` : options.name;
  const attributes = {
    httpOnly: true,
    path: '/',
    sameSite: options.sameSite,
    // Browsers drop SameSite=None without Secure; they accept Secure from http://localhost.
    secure: options.production || options.sameSite === 'none',
  } as const;

  return {
    async read(request) {
      const sealed = cookieValue(request, name);
      if (sealed === undefined || sealed === '') return undefined;
      try {
        const { payload } = await jwtDecrypt<Value>(sealed, key, {
          audience: options.purpose,
          keyManagementAlgorithms: ['dir'],
          contentEncryptionAlgorithms: ['A256GCM'],
        });
        return payload;
      } catch {
        return undefined;
      }
    },

    async write(response, value) {
      const sealed = await new EncryptJWT(value)
        .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
        .setAudience(options.purpose)
        .setIssuedAt()
        .setExpirationTime(`${options.maxAgeSeconds}s`)
        .encrypt(key);
      response.cookie(name, sealed, { ...attributes, maxAge: options.maxAgeSeconds * 1000 });
    },

    clear(response) {
      response.clearCookie(name, attributes);
    },
  };
}
