import { type RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { storeCall } from '../http/problem.js';

/** What a failed-login limit is counted against: the account and the client address. */
export interface LoginAttempt {
  email: string;
  address: string;
}

/** Counts failed logins per account and per client address, in the shared store. */
export interface LoginLimiter {
  /** Seconds until another attempt is allowed, or 0 when it is allowed now. */
  retryAfter(attempt: LoginAttempt): Promise<number>;
  /** Counts one failed attempt against both keys. */
  recordFailure(attempt: LoginAttempt): Promise<void>;
  /** Clears the account's counter after a successful login. */
  recordSuccess(attempt: LoginAttempt): Promise<void>;
  /** Seconds until the client address may try again, or 0 when it may now. */
  addressRetryAfter(address: string): Promise<number>;
  /**
   * Counts one attempt against the client address before it is made, so a flood is stopped even
   * while its attempts are still running. Returns the seconds to wait when the address is over
   * its limit (the attempt must then not be made), or 0.
   */
  takeAddressAttempt(address: string): Promise<number>;
  /** Gives back the attempt `takeAddressAttempt` counted, once it succeeded. */
  giveBackAddressAttempt(address: string): Promise<void>;
}

function secondsUntilFree(state: RateLimiterRes | null, limit: number): number {
  if (state === null || state.consumedPoints < limit) return 0;
  return waitOf(state);
}

function waitOf(state: RateLimiterRes): number {
  return Math.max(1, Math.ceil(state.msBeforeNext / 1000));
}

/** A LoginLimiter over two rate-limiter-flexible counters kept in a shared store. */
export function rateLimitedLoginLimiter(
  byAccount: RateLimiterAbstract,
  byAddress: RateLimiterAbstract,
  limits: { perAccount: number; perAddress: number },
): LoginLimiter {
  const { perAccount, perAddress } = limits;
  return {
    retryAfter: ({ email, address }) =>
      storeCall(async () => {
        const [account, client] = await Promise.all([byAccount.get(email), byAddress.get(address)]);
        return Math.max(
          secondsUntilFree(account, perAccount),
          secondsUntilFree(client, perAddress),
        );
      }),

    recordFailure: ({ email, address }) =>
      storeCall(async () => {
        // consume() rejects once the limit is passed; the next retryAfter() reports the wait.
        await Promise.allSettled([byAccount.consume(email), byAddress.consume(address)]);
      }),

    recordSuccess: ({ email }) =>
      storeCall(async () => {
        await byAccount.delete(email);
      }),

    addressRetryAfter: (address) =>
      storeCall(async () => secondsUntilFree(await byAddress.get(address), perAddress)),

    takeAddressAttempt: (address) =>
      storeCall(async () => {
        try {
          await byAddress.consume(address);
          return 0;
        } catch (rejection) {
          // consume() rejects with the counter's state once the limit is passed, else the store's error.
          if (rejection instanceof RateLimiterRes) return waitOf(rejection);
          throw rejection;
        }
      }),

    giveBackAddressAttempt: (address) =>
      storeCall(async () => {
        await byAddress.reward(address);
      }),
  };
}
