import { z } from 'zod';
import { commaList } from '../config/fields.js';

/** A provider address: the real provider's by default, a local stand-in in tests. */
export function endpoint(fallback: string) {
  return z
    .string()
    .trim()
    .optional()
    .transform((value) => (value === undefined || value === '' ? fallback : value))
    .pipe(
      z
        .string()
        .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
          error: 'must be an http(s) URL',
        })
        .transform((value) => new URL(value)),
    );
}

/** A comma list of client ids that must name at least one. */
export function clientIds() {
  return commaList().pipe(z.array(z.string()).min(1, 'must list at least one client id'));
}

/** A comma list that takes `fallback` when unset or empty. */
export function listWithDefault(fallback: string[]) {
  return commaList().transform((list) => (list.length === 0 ? fallback : list));
}
