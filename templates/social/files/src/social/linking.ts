import type { Logger } from '../logger.js';
import { normalizeEmail } from '../users/email.js';
import type { User, UserRepository } from '../users/users.js';
import type { Identity, IdentityRepository } from './identities.js';
import type { ProviderProfile } from './profile.js';

interface LinkingDependencies {
  users: UserRepository;
  identities: IdentityRepository;
  logger: Logger;
}

/** The user behind a provider sign-in, and the identity as stored after it. */
export interface SignedInIdentity {
  user: User;
  identity: Identity;
}

/**
 * Finds or creates the user for a verified provider profile. Users are keyed by the provider's
 * (issuer, subject), never by email. The linking rule (also in the README): a new identity joins
 * an existing account only when the provider states the email is verified, the account has that
 * exact address, and the account has no identity from the same provider yet. Otherwise the
 * identity gets an account of its own.
 */
export function createAccountLinker({ users, identities, logger }: LinkingDependencies) {
  async function userOf(identity: Identity): Promise<SignedInIdentity> {
    const user = await users.findById(identity.userId);
    if (user === undefined) throw new Error(`identity without user ${identity.userId}`);
    return { user, identity };
  }

  async function linkableAccount(profile: ProviderProfile): Promise<User | undefined> {
    if (!profile.emailVerified || profile.email === undefined) return undefined;
    const account = await users.findByEmail(normalizeEmail(profile.email));
    if (account === undefined) return undefined;
    return (await identities.userHasProvider(account.id, profile.provider)) ? undefined : account;
  }

  async function create(profile: ProviderProfile): Promise<string | undefined> {
    // An address another account holds, or one the provider has not verified, is not copied.
    const email =
      profile.emailVerified && profile.email !== undefined ? normalizeEmail(profile.email) : null;
    const taken = email !== null && (await users.findByEmail(email)) !== undefined;
    return identities.createUser(profile, taken ? null : email);
  }

  return {
    async userFor(profile: ProviderProfile): Promise<SignedInIdentity> {
      const known = await identities.recordSignIn(profile);
      if (known !== undefined) return userOf(known);

      const account = await linkableAccount(profile);
      if (account !== undefined && (await identities.link(account.id, profile))) {
        logger.info(
          { event: 'identity_linked', userId: account.id, provider: profile.provider },
          'provider identity linked to an existing account by verified email',
        );
      } else if ((await create(profile)) !== undefined) {
        logger.info({ event: 'user_registered', provider: profile.provider }, 'user registered');
      }

      const identity = await identities.find(profile.issuer, profile.subject);
      if (identity === undefined) throw new Error('identity missing right after it was stored');
      return userOf(identity);
    },
  };
}

export type AccountLinker = ReturnType<typeof createAccountLinker>;
