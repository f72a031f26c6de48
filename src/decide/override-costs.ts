import type { Answers, Strategy } from "./answers.js";

/** What choosing `strategy` against the recommendation costs, given the answers. */
export function overrideCosts(strategy: Strategy, answers: Answers): string[] {
  const costs: string[] = [];

  if (strategy === "jwt" && answers.instantRevoke) {
    costs.push(
      "JWT with instant revocation leans on a per-session liveness lookup on every request, and roles carried in the token change only at the next refresh, up to one access-token lifetime later.",
    );
  }
  if (strategy !== "session" && answers.web) {
    costs.push(
      "Browsers must hold a Bearer token in JavaScript, where an injected script can read it; a session cookie is HttpOnly and handled by the browser.",
    );
  }
  if (strategy === "opaque" && !answers.instantRevoke) {
    costs.push(
      "Opaque tokens cost a store lookup on every request to buy instant revocation, which you did not ask for.",
    );
  }
  if (strategy === "session" && !answers.web) {
    costs.push(
      "Without browsers, a cookie session adds CSRF protection and cookie handling the apps do not need; every request still reads the session store.",
    );
  }
  if (strategy !== "jwt" && !answers.redis) {
    costs.push("Without Redis, every authenticated request reads the SQL database.");
  }

  return costs;
}
