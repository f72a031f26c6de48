import type { RequestHandler } from 'express';
import type { Logger } from '../logger.js';

/**
 * Logs one line per request. Only the path is kept: query strings can carry secrets, and
 * headers (Authorization, cookies) are never written.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (request, response, next) => {
    const startedAt = performance.now();
    const { method, path } = request;
    response.on('finish', () => {
      logger.info(
        {
          method,
          path,
          status: response.statusCode,
          durationMs: Math.round(performance.now() - startedAt),
        },
        'request',
      );
    });
    next();
  };
}
