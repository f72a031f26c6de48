/**
 * What the Bearer token strategies need from a token store. A refresh token family is one
 * login on one device: every token rotated from that login belongs to it, and revoking it
 * signs the device out. SQL and Redis stores implement this interface; strategy code depends
 * on nothing else.
 */

/** One login on one device. Times are epoch milliseconds. */
export interface RefreshFamily {
  id: string;
  userId: string;
  deviceName: string;
  createdAt: number;
  lastSeenAt: number;
  /** Absolute end of the family, fixed at login. */
  expiresAt: number;
  /** End of the family unless it is refreshed before; moves forward at every rotation. */
  idleExpiresAt: number;
  revokedAt: number | undefined;
}

/** One refresh token of a family; only the hash of its secret is kept. */
export interface StoredRefreshToken {
  id: string;
  familyId: string;
  secretHash: string;
  createdAt: number;
  rotatedAt: number | undefined;
  successorId: string | undefined;
}

/** A new token to store: its id and the hash of its secret. */
export interface NewRefreshToken {
  id: string;
  secretHash: string;
}

/** Why a family was revoked; kept for audits. */
export type RevocationReason =
  | 'logout'
  | 'logout_all'
  | 'device_revoked'
  | 'password_changed'
  | 'refresh_reused'
  | 'password_removed';

/** Persistence of refresh token families. Failures throw StoreUnavailableError. */
export interface RefreshFamilyStore {
  /** Stores a new family together with its first token. */
  createFamily(
    family: Omit<RefreshFamily, 'revokedAt'>,
    firstToken: NewRefreshToken,
  ): Promise<void>;

  /** Finds a token and its family by the token id. */
  findToken(
    tokenId: string,
  ): Promise<{ token: StoredRefreshToken; family: RefreshFamily } | undefined>;

  /**
   * Marks `tokenId` rotated and stores its successor, atomically: of any number of concurrent
   * calls for one token, exactly one returns true. The others return false and store nothing.
   */
  rotate(input: {
    tokenId: string;
    familyId: string;
    /** The family's owner and absolute end, so a store can place and expire the successor. */
    userId: string;
    expiresAt: number;
    successor: NewRefreshToken;
    now: number;
    idleExpiresAt: number;
  }): Promise<boolean>;

  /** True while the family is neither revoked nor expired at `now`. */
  isLive(familyId: string, userId: string, now: number): Promise<boolean>;

  /** The user's live families, newest first. */
  listLive(userId: string, now: number): Promise<RefreshFamily[]>;

  /** Revokes one family of the user; false when the user has no such live family. */
  revoke(familyId: string, userId: string, reason: RevocationReason, now: number): Promise<boolean>;

  /** Revokes every live family of the user except `keepFamilyId`; returns how many. */
  revokeAll(
    userId: string,
    reason: RevocationReason,
    now: number,
    keepFamilyId?: string,
  ): Promise<number>;
}
