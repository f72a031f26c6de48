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
}
