import { RateLimiterRedis } from 'rate-limiter-flexible';
import type { AppConfig } from '../config/index.js';
import { type LoginLimiter, rateLimitedLoginLimiter } from '../users/login-limiter.js';
import type { RedisKeys } from './keys.js';
import type { RedisConnection } from './redis-client.js';

/** Failed-login counters in Redis, expiring with the window, shared by every app instance. */
export function createRedisLoginLimiter(
  redis: RedisConnection,
  keys: RedisKeys,
  config: AppConfig,
): LoginLimiter {
  const { perAccount, perAddress, windowSeconds } = config.loginLimits;
  const limiter = (by: string, points: number) =>
    new RateLimiterRedis({
      storeClient: redis.client,
      useRedisPackage: true,
      // Fail at once while Redis is away rather than wait for a reconnect.
      rejectIfRedisNotReady: true,
      keyPrefix: keys.loginFailures(by),
      points,
      duration: windowSeconds,
    });
  return rateLimitedLoginLimiter(
    limiter('account', perAccount),
    limiter('address', perAddress),
    config.loginLimits,
  );
}
