import { isIP } from 'node:net';
import { z } from 'zod';

/** A variable that must be set to a non-empty value; there is no fallback. */
export function requiredText() {
  return z.string({ error: 'is required' }).trim().min(1, 'is required');
}

/** A secret of at least `minBytes` bytes (UTF-8), with no fallback. */
export function secret(minBytes: number) {
  return requiredText().refine((value) => Buffer.byteLength(value, 'utf8') >= minBytes, {
    error: `must be at least ${minBytes} bytes long; generate one with: node -e "console.log(require('node:crypto').randomBytes(48).toString('base64url'))"`,
  });
}

/** A whole number within [min, max], given as decimal digits; `fallback` applies when unset. */
export function wholeNumber(options: {
  min: number;
  max: number;
  fallback: number;
  unit?: string;
}) {
  const unit = options.unit ? ` ${options.unit}` : '';
  return z
    .string()
    .trim()
    .optional()
    .transform((value) => (value === undefined || value === '' ? String(options.fallback) : value))
    .pipe(
      z
        .string()
        .regex(/^\d+$/, `must be a whole number${unit}`)
        .transform(Number)
        .refine((value) => value >= options.min && value <= options.max, {
          error: `must be between ${options.min} and ${options.max}${unit}`,
        }),
    );
}

/** A comma-separated list; blank entries are dropped. */
export function commaList() {
  return z
    .string()
    .optional()
    .transform((value) =>
      (value ?? '')
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry !== ''),
    );
}

const proxyKeywords = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(entry: string): boolean {
  const [address = '', prefix] = entry.split('/');
  const validPrefix = prefix === undefined || /^\d{1,3}$/.test(prefix);
  return proxyKeywords.has(entry) || (isIP(address) !== 0 && validPrefix);
}

/**
 * Express `trust proxy`: false, a hop count, or a list of proxy addresses. `true` is refused
 * because it would let any client choose its own address by sending X-Forwarded-For.
 */
export function trustProxy() {
  return z
    .string()
    .trim()
    .optional()
    .transform((value, context): false | number | string[] => {
      if (value === undefined || value === '' || value === 'false' || value === '0') return false;
      if (/^\d+$/.test(value)) return Number(value);
      const entries = value.split(',').map((entry) => entry.trim());
      const invalid = entries.find((entry) => !isProxyAddress(entry));
      if (invalid !== undefined) {
        context.addIssue({
          code: 'custom',
          message: `must be false, a hop count or a comma list of proxy addresses (never true), got "${invalid}"`,
        });
        return z.NEVER;
      }
      return entries;
    });
}
