/**
 * What the opaque strategy needs to keep its access tokens. An access token belongs to one
 * device session (a refresh token family); only the hash of its secret is stored.
 */

/** One stored access token. Times are epoch milliseconds. */
export interface StoredAccessToken {
  id: string;
  secretHash: string;
  /** The device session the token was issued for. */
  familyId: string;
  userId: string;
  /** The user's roles when the token was issued; a refresh picks up changes. */
  roles: string[];
  expiresAt: number;
}

/** Persistence of opaque access tokens. Failures throw StoreUnavailableError. */
export interface AccessTokenStore {
  /** Stores a new token; the store forgets it once it has expired. */
  save(token: StoredAccessToken): Promise<void>;
  /** Finds a token by its id; undefined when unknown or already forgotten. */
  find(tokenId: string): Promise<StoredAccessToken | undefined>;
}
