/** Token layers the generator knows about. */
export const strategies = ["jwt", "opaque", "session"] as const;
export type Strategy = (typeof strategies)[number];

/** Third-party identity providers. */
export const socialProviders = ["google", "apple", "wechat"] as const;
export type SocialProvider = (typeof socialProviders)[number];

/** Where sessions, tokens and rate-limit counters live. */
export type Store = "redis" | "sql";

/** Extra layers on top of a token layer. */
export type Layer = "mtls";

/** The team's answers to the questions of the decision table. */
export interface Answers {
  /** Browsers sign in too, not only the mobile app. */
  web: boolean;
  /** Redis can be run (a local container counts). */
  redis: boolean;
  /** Third-party login providers; empty for none. */
  social: SocialProvider[];
  /** The app keeps its own email + password accounts. */
  passwords: boolean;
  /** A sign-out or a changed role must take effect at once. */
  instantRevoke: boolean;
  /** Devices carry TLS client certificates. */
  mtls: boolean;
}

/** What the engine concludes from the answers. */
export interface Decision {
  /** The strategy the project gets (the override when one was given). */
  strategy: Strategy;
  /** The strategy the answers point to. */
  recommended: Strategy;
  /** True when --strategy replaced the recommendation. */
  overridden: boolean;
  store: Store;
  providers: SocialProvider[];
  /**
   * The providers browsers sign in with through the redirect flow: google and apple when the
   * answers include --web. WeChat's web login (a QR code) is not written, so it is never here.
   */
  webProviders: SocialProvider[];
  /** True when users may register and sign in with an email and a password. */
  passwords: boolean;
  layers: Layer[];
  /** Why the recommendation is what it is, one sentence each. */
  reasons: string[];
  /** What the override gives up, one sentence each; empty without an override. */
  costs: string[];
}
