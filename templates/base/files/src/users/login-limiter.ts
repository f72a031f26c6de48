import { type RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { storeCall } from '../http/problem.js';

/** What a failed-login limit is counted against: the account and the client address. */
export interface LoginAttempt {
  email: string;
  address: string;
}

/** Counts failed logins per account and per client address, in the shared store. */
export interface LoginLimiter {
  /**
   * Counts one attempt against the account and the client address before the password is
   * checked, so parallel guesses cannot all pass a check made before any of them failed. Returns
   * the seconds to wait when either is over its limit (the password must then not be checked), or 0.
   */
  takeAttempt(attempt: LoginAttempt): Promise<number>;
  /** After a correct password: clears the account's counter and gives back the address's attempt. */
  giveBackAttempt(attempt: LoginAttempt): Promise<void>;
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

/** Counts one point against `key`: 0 when it was under its limit, else the seconds to wait. */
async function consumeOrWait(limiter: RateLimiterAbstract, key: string): Promise<number> {
  try {
    await limiter.consume(key);
    return 0;
  } catch (rejection) {
    // consume() rejects with the counter's state once the limit is passed, else the store's error.
    if (rejection instanceof RateLimiterRes) return waitOf(rejection);
    throw rejection;
  }
}

/** A LoginLimiter over two rate-limiter-flexible counters kept in a shared store. */
export function rateLimitedLoginLimiter(
  byAccount: RateLimiterAbstract,
  byAddress: RateLimiterAbstract,
  limits: { perAccount: number; perAddress: number },
): LoginLimiter {
  const { perAddress } = limits;
  return {
    takeAttempt: ({ email, address }) =>
      storeCall(async () => {
        const waits = await Promise.all([
          consumeOrWait(byAccount, email),
          consumeOrWait(byAddress, address),
        ]);
        return Math.max(...waits);
      }),

    giveBackAttempt: ({ email, address }) =>
      storeCall(async () => {
        await Promise.all([byAccount.delete(email), byAddress.reward(address)]);
      }),

    addressRetryAfter: (address) =>
      storeCall(async () => secondsUntilFree(await byAddress.get(address), perAddress)),

    takeAddressAttempt: (address) => storeCall(() => consumeOrWait(byAddress, address)),

    giveBackAddressAttempt: (address) =>
      storeCall(async () => {
        await byAddress.reward(address);
      }),
  };
}
