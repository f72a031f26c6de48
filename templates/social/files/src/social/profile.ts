/** Who a provider says the caller is, after the provider's proof has been verified. */
export interface ProviderProfile {
  /** The provider's name in the route, e.g. `google`. */
  provider: string;
  /** Together with `subject`, the key of the identity: never reused for another person. */
  issuer: string;
  subject: string;
  email: string | undefined;
  /** True only when the provider states that the person controls `email`. */
  emailVerified: boolean;
  name: string | undefined;
}

/** The outcome of a provider's check of one sign-in request. */
export interface ProviderSignIn {
  profile: ProviderProfile;
  deviceName: string | undefined;
}

/** A sign-in provider: checks the request body's proof and says who the caller is. */
export interface SocialProvider {
  name: string;
  /** Parses the body with the provider's strict schema and verifies its proof. */
  authenticate(body: unknown): Promise<ProviderSignIn>;
}
