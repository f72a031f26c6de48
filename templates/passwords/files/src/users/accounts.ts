import { z } from 'zod';
import { HttpProblem } from '../http/problem.js';
import type { Logger } from '../logger.js';
import { normalizeEmail } from './email.js';
import type { LoginLimiter } from './login-limiter.js';
import { passwordWeakness } from './password-policy.js';
import { hashPassword, needsRehash, verifyPassword } from './passwords.js';
import type { User, UserRepository } from './users.js';

/** The most characters a password may have; longer input is refused before hashing. */
const passwordField = z.string().max(1024);

const newPasswordField = z.string().superRefine((password, context) => {
  const weakness = passwordWeakness(password);
  if (weakness !== undefined) context.addIssue({ code: 'custom', message: weakness });
});

const deviceNameField = z.string().trim().min(1).max(100).optional();

/** Body of register: unknown fields (such as `role`) are refused. */
export const registerBody = z.strictObject({
  email: z.email().max(254),
  password: newPasswordField,
  deviceName: deviceNameField,
});

/** Body of login. */
export const loginBody = z.strictObject({
  email: z.string().trim().min(1).max(254),
  password: passwordField.min(1),
  deviceName: deviceNameField,
});

/** Body of a password change. */
export const changePasswordBody = z.strictObject({
  currentPassword: passwordField.min(1),
  newPassword: newPasswordField,
});

/** The one answer for an unknown email and a wrong password alike. */
export function invalidCredentials(headers?: Record<string, string>): HttpProblem {
  return new HttpProblem(401, 'invalid_credentials', {
    detail: 'The email or password is incorrect.',
    ...(headers === undefined ? {} : { headers }),
  });
}

/** How a strategy starts a session for a user whose password was just checked, and ends it again. */
export interface SessionStart<Started> {
  /** Starts the session (or device) and resolves once it is stored. */
  start(user: User): Promise<Started>;
  /** Ends what `start` stored. */
  end(started: Started, user: User): Promise<void>;
}

interface AccountDependencies {
  users: UserRepository;
  loginLimiter: LoginLimiter;
  logger: Logger;
  /** Headers every 401 carries, e.g. the strategy's WWW-Authenticate challenge. */
  unauthorizedHeaders: Record<string, string>;
}

/** Email + password accounts: register, login with failure limits, password change. */
export function createAccounts({
  users,
  loginLimiter,
  logger,
  unauthorizedHeaders,
}: AccountDependencies) {
  /** Counts the attempt before the password is checked; 429 when the account or address is over. */
  async function takeAttempt(email: string, address: string): Promise<void> {
    const retryAfter = await loginLimiter.takeAttempt({ email, address });
    if (retryAfter > 0) {
      logger.warn({ event: 'login_limited', address }, 'login attempts limited');
      throw new HttpProblem(429, 'rate_limited', {
        detail: 'Too many failed attempts; try again later.',
        headers: { 'Retry-After': String(retryAfter) },
      });
    }
  }

  /**
   * The user's hash when `password` matches it, else undefined; an unknown user or one without a
   * password costs the same hashing work, so the answer time tells nothing.
   */
  async function matchingHash(
    user: User | undefined,
    password: string,
  ): Promise<string | undefined> {
    const hash = user?.passwordHash;
    return (await verifyPassword(hash, password)) ? hash : undefined;
  }

  return {
    /** Creates an account, or throws 409 when the email is taken. */
    async register(input: z.output<typeof registerBody>): Promise<User> {
      const email = normalizeEmail(input.email);
      const user = await users.create(email, await hashPassword(input.password));
      if (user === undefined) {
        throw new HttpProblem(409, 'email_taken', { detail: 'An account with this email exists.' });
      }
      logger.info({ event: 'user_registered', userId: user.id }, 'user registered');
      return user;
    },

    /**
     * Checks email and password within the failure limits, re-hashes an outdated hash, and starts
     * a session that survives only if the password is still the one checked.
     */
    async login<Started>(
      input: z.output<typeof loginBody>,
      address: string,
      session: SessionStart<Started>,
    ): Promise<{ user: User; started: Started }> {
      const email = normalizeEmail(input.email);
      await takeAttempt(email, address);

      const user = await users.findByEmail(email);
      const passwordHash = await matchingHash(user, input.password);
      if (user === undefined || passwordHash === undefined) {
        logger.warn({ event: 'login_failed', address }, 'login failed');
        throw invalidCredentials(unauthorizedHeaders);
      }

      await loginLimiter.giveBackAttempt({ email, address });
      let verifiedHash = passwordHash;
      if (needsRehash(passwordHash)) {
        const upgraded = await hashPassword(input.password);
        if (await users.updatePasswordHash(user.id, upgraded, passwordHash)) {
          verifiedHash = upgraded;
          logger.info({ event: 'password_rehashed', userId: user.id }, 'password hash upgraded');
        }
      }

      // The password may be removed (a provider identity took the account over, and signed it out
      // everywhere) or changed while this login runs. The session is stored before the hash is
      // read again: if the change committed first, the read sees it and the session is ended
      // here; if it commits later, its sign-out runs after the session exists and ends it.
      const started = await session.start(user);
      const current = await users.findById(user.id);
      if (current?.passwordHash !== verifiedHash) {
        await session.end(started, user);
        logger.warn(
          { event: 'login_failed', userId: user.id, address },
          'password changed during login',
        );
        throw invalidCredentials(unauthorizedHeaders);
      }

      logger.info({ event: 'login_succeeded', userId: user.id }, 'login succeeded');
      return { user, started };
    },

    /** Replaces the password after checking the current one; the caller revokes other sessions. */
    async changePassword(
      userId: string,
      input: z.output<typeof changePasswordBody>,
      address: string,
    ): Promise<void> {
      const user = await users.findById(userId);
      const email = user?.email ?? userId;
      await takeAttempt(email, address);
      const passwordHash = await matchingHash(user, input.currentPassword);
      if (user === undefined || passwordHash === undefined) {
        logger.warn({ event: 'password_change_failed', userId }, 'password change refused');
        throw invalidCredentials(unauthorizedHeaders);
      }

      await loginLimiter.giveBackAttempt({ email, address });
      // Replaced only if the hash is still the one verified: a password removed or changed while
      // this ran stays removed or changed, and the caller hears that the password was wrong.
      const newHash = await hashPassword(input.newPassword);
      if (!(await users.updatePasswordHash(user.id, newHash, passwordHash))) {
        logger.warn({ event: 'password_change_failed', userId }, 'password changed meanwhile');
        throw invalidCredentials(unauthorizedHeaders);
      }
      logger.info({ event: 'password_changed', userId }, 'password changed');
    },
  };
}

export type Accounts = ReturnType<typeof createAccounts>;
