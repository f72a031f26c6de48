import type { SessionData, Store } from 'express-session';

/**
 * What the session strategy needs from a session store: express-session's Store, plus an
 * index of each user's sessions so one user's browser and app sessions can be listed and
 * revoked together. The SQL and Redis stores implement it; strategy code depends on nothing else.
 */

declare module 'express-session' {
  interface SessionData {
    /** Set at login; a session without it is anonymous (it may hold only a CSRF token). */
    userId?: string;
    deviceName?: string;
    /** Epoch milliseconds of the login; the absolute timeout counts from here. */
    createdAt?: number;
    /** Epoch milliseconds of the last authenticated request; the idle timeout counts from here. */
    lastSeenAt?: number;
    /** The roles the session was started with; a change gives a browser a new session id. */
    roles?: string[];
    /** The synchronizer token cookie-authenticated requests must echo in X-CSRF-Token. */
    csrfToken?: string;
  }
}

/** One signed-in session as its owner sees it in the session list. */
export interface UserSession {
  /** The store's session id, which is also the app's session token: never sent in a list. */
  sessionId: string;
  deviceName: string;
  createdAt: number;
  lastSeenAt: number;
}

/** A session store that also knows which sessions belong to which user. */
export interface SessionStore extends Store {
  /** Reads one session; undefined when the store does not know it or it has expired. */
  read(sessionId: string): Promise<SessionData | undefined>;
  /** Writes one session that expires at `expiresAt` (epoch milliseconds). */
  write(sessionId: string, session: SessionData, expiresAt: number): Promise<void>;
  /** The user's unexpired sessions, newest first. */
  listForUser(userId: string): Promise<UserSession[]>;
  /** Deletes one session of the user; false when the user has no such session. */
  destroyForUser(userId: string, sessionId: string): Promise<boolean>;
  /** Deletes every session of the user except `keepSessionId`; returns how many. */
  destroyAllForUser(userId: string, keepSessionId?: string): Promise<number>;
}
