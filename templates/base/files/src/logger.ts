import { type DestinationStream, type Logger, pino } from 'pino';

/** Paths pino replaces with "[redacted]" should a credential ever reach a log call. */
const redactedPaths = [
  'password',
  'currentPassword',
  'newPassword',
  'accessToken',
  'refreshToken',
  'token',
  'authorization',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.accessToken',
  '*.refreshToken',
  '*.token',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
];

/** Structured JSON logger; `destination` lets tests capture the output. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: redactedPaths, censor: '[redacted]' } };
  return destination === undefined ? pino(options) : pino(options, destination);
}

export type { Logger };
