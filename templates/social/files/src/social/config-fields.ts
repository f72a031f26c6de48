import { z } from 'zod';
import { commaList } from '../config/fields.js';

/** Loopback hosts, the only ones reached over plain http (local stand-ins, local development). */
export function isLoopback(url: URL): boolean {
  return ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname);
}

/**
 * A provider address: the real provider's by default, a local stand-in in tests. Keys, codes and
 * tokens travel over it, so it must be https; plain http is let through only on loopback, where
 * no network lies between this server and the stand-in.
 */
export function endpoint(fallback: string) {
  return z
    .string()
    .trim()
    .optional()
    .transform((value) => (value === undefined || value === '' ? fallback : value))
    .pipe(
      z
        .string()
        .refine((value) => URL.canParse(value) && isSecureAddress(new URL(value)), {
          error: (issue) =>
            `must be an https URL, got "${String(issue.input)}" (plain http only on 127.0.0.1, ` +
            "[::1] or localhost); leave it empty for the provider's own address",
        })
        .transform((value) => new URL(value)),
    );
}

function isSecureAddress(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url));
}

/** A comma list of client ids that must name at least one. */
export function clientIds() {
  return commaList().pipe(z.array(z.string()).min(1, 'must list at least one client id'));
}

/** A comma list that takes `fallback` when unset or empty. */
export function listWithDefault(fallback: string[]) {
  return commaList().transform((list) => (list.length === 0 ? fallback : list));
}
