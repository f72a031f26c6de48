import { CliError } from "../errors.js";
import type { Answers, Decision, Layer, SocialProvider, Strategy } from "./answers.js";
import { overrideCosts } from "./override-costs.js";

/**
 * The decision engine: a pure function from the answers (and an optional --strategy
 * override) to the strategy, store, providers and layers, with the reasons.
 */
export function decide(answers: Answers, override?: Strategy): Decision {
  if (!answers.passwords && answers.social.length === 0) {
    throw new CliError(
      "invalid_answers",
      "With --no-passwords nobody could sign in: no third-party login was chosen.",
      "Add --social google,apple,wechat (any of them) or keep --passwords.",
    );
  }
  if (answers.web && !answers.passwords && !answers.social.some(hasBrowserRedirect)) {
    throw new CliError(
      "invalid_answers",
      `With --web and --no-passwords browsers could not sign in: ${answers.social.join(", ")} ` +
        "signs in from the app only (WeChat's QR-code sign-in for browsers is not written).",
      "Add --social google or --social apple for browsers, keep --passwords, or drop --web.",
    );
  }

  const recommended = recommendStrategy(answers);
  const strategy = override ?? recommended.strategy;
  const store = answers.redis ? "redis" : "sql";
  const layers: Layer[] = answers.mtls ? ["mtls"] : [];

  return {
    strategy,
    recommended: recommended.strategy,
    overridden: strategy !== recommended.strategy,
    store,
    providers: [...answers.social],
    webProviders: answers.web ? answers.social.filter(hasBrowserRedirect) : [],
    passwords: answers.passwords,
    layers,
    reasons: [
      ...recommended.reasons,
      storeReason(strategy, answers.redis),
      ...extraReasons(answers),
    ],
    costs: strategy === recommended.strategy ? [] : overrideCosts(strategy, answers),
  };
}

/** Providers whose browser sign-in is an OpenID Connect redirect this version writes. */
function hasBrowserRedirect(provider: SocialProvider): boolean {
  return provider === "google" || provider === "apple";
}

/** The token layer the decision table points to, with the reason for it. */
function recommendStrategy(answers: Answers): { strategy: Strategy; reasons: string[] } {
  if (answers.web) {
    const reasons = [
      "Browsers sign in too: a server session behind a cookie is what browsers handle natively, and the app can use the same session.",
    ];
    if (answers.instantRevoke) {
      reasons.push(
        "Sign-out and role changes bite at once because every request reads the session.",
      );
    }
    return { strategy: "session", reasons };
  }

  if (answers.instantRevoke) {
    return {
      strategy: "opaque",
      reasons: [
        "Only apps sign in and revocation must be instant: random access and refresh tokens stored on the server make revocation a delete, at one lookup per request.",
      ],
    };
  }

  return {
    strategy: "jwt",
    reasons: [
      "Only apps sign in and revocation may wait for a short expiry: a short access JWT in the Bearer header plus a rotating refresh token is the simplest fit; the token carries the user and roles, so a request needs no session read beyond one liveness check.",
    ],
  };
}

/** Why tokens or sessions live where they do. */
function storeReason(strategy: Strategy, redis: boolean): string {
  const what = strategy === "session" ? "Sessions" : "Refresh tokens";
  return redis
    ? `${what} and rate-limit counters live in Redis, so several app instances act as one.`
    : `${what} and rate-limit counters live in the SQL database, since Redis is not available.`;
}

/** Reasons that come from the optional answers: social login and client certificates. */
function extraReasons(answers: Answers): string[] {
  const reasons: string[] = [];
  if (answers.social.length > 0) {
    const names = answers.social.join(", ");
    reasons.push(
      answers.passwords
        ? `Third-party login (${names}) is traded for the app's own credential, beside email and password accounts.`
        : `No passwords are stored: users sign in with ${names} in one tap, the server verifies the provider's proof and answers with the app's own credential, and there are no register, login or password routes.`,
    );
  }
  if (answers.web && answers.social.includes("wechat")) {
    reasons.push(
      "WeChat signs in from the app only; browsers sign in with the other choices (WeChat's QR-code sign-in for browsers is not written).",
    );
  }
  if (answers.mtls) {
    reasons.push(
      "Devices carry client certificates: an mTLS layer identifies the device on top of the token layer, at the cost of distributing certificates.",
    );
  }
  return reasons;
}
