import { describe, expect, it } from "vitest";
import type { Answers } from "../../src/decide/answers.js";
import { decide } from "../../src/decide/recommend.js";
import { CliError } from "../../src/errors.js";
import { defaultAnswers } from "../helpers/plans.js";

const appOnly: Answers = defaultAnswers;

describe("decision table", () => {
  it("app only, keep it simple: jwt, the token carries user and roles", () => {
    const decision = decide(appOnly);
    expect(decision.strategy).toBe("jwt");
    expect(decision.recommended).toBe("jwt");
    expect(decision.overridden).toBe(false);
    expect(decision.store).toBe("sql");
    expect(decision.reasons[0]).toMatch(/carries the user and roles/);
    expect(decision.costs).toEqual([]);
  });

  it("instant revocation without web: opaque tokens stored server-side", () => {
    const decision = decide({ ...appOnly, instantRevoke: true });
    expect(decision.strategy).toBe("opaque");
    expect(decision.reasons[0]).toMatch(/revocation a delete/);
  });

  it("opaque tokens live in Redis when Redis can run, else in SQL", () => {
    expect(decide({ ...appOnly, instantRevoke: true, redis: true }).store).toBe("redis");
    expect(decide({ ...appOnly, instantRevoke: true, redis: false }).store).toBe("sql");
  });

  it("web and app with instant revocation: a server session in Redis", () => {
    const decision = decide({ ...appOnly, web: true, instantRevoke: true, redis: true });
    expect(decision.strategy).toBe("session");
    expect(decision.store).toBe("redis");
    expect(decision.reasons.join(" ")).toMatch(/cookie/);
    expect(decision.reasons.join(" ")).toMatch(/bite at once/);
  });

  it("web without Redis: the session lives in SQL", () => {
    const decision = decide({ ...appOnly, web: true, instantRevoke: true, redis: false });
    expect(decision.strategy).toBe("session");
    expect(decision.store).toBe("sql");
    expect(decision.reasons.join(" ")).toMatch(/SQL database/);
  });

  it("no password system: social login, then the token layer of the other rows", () => {
    const decision = decide({ ...appOnly, passwords: false, social: ["google", "apple"] });
    expect(decision.strategy).toBe("jwt");
    expect(decision.providers).toEqual(["google", "apple"]);
    expect(decision.reasons.join(" ")).toMatch(
      /No passwords are stored: users sign in with google, apple/,
    );

    const withRevocation = decide({
      ...appOnly,
      passwords: false,
      social: ["wechat"],
      instantRevoke: true,
    });
    expect(withRevocation.strategy).toBe("opaque");
    expect(withRevocation.providers).toEqual(["wechat"]);
  });

  it("social login beside passwords keeps both", () => {
    const decision = decide({ ...appOnly, social: ["google"] });
    expect(decision.providers).toEqual(["google"]);
    expect(decision.reasons.join(" ")).toMatch(/beside email and password accounts/);
  });

  it("passwords: the decision keeps the answer, with or without social login", () => {
    expect(decide(appOnly).passwords).toBe(true);
    expect(decide({ ...appOnly, social: ["google"] }).passwords).toBe(true);
    expect(decide({ ...appOnly, passwords: false, social: ["wechat"] }).passwords).toBe(false);
  });

  it("web with google or apple: those providers get the browser redirect flow, wechat never", () => {
    const decision = decide({ ...appOnly, web: true, social: ["wechat", "apple", "google"] });
    expect(decision.providers).toEqual(["wechat", "apple", "google"]);
    expect(decision.webProviders).toEqual(["apple", "google"]);
    expect(decide({ ...appOnly, web: true, social: ["wechat"] }).webProviders).toEqual([]);
    expect(decide({ ...appOnly, social: ["google", "apple"] }).webProviders).toEqual([]);
  });

  it("enterprise: client certificates add the mtls layer on top of a token layer", () => {
    const decision = decide({ ...appOnly, mtls: true });
    expect(decision.layers).toEqual(["mtls"]);
    expect(decision.strategy).toBe("jwt");
    expect(decision.reasons.join(" ")).toMatch(/client certificates/);
    expect(decide(appOnly).layers).toEqual([]);
  });

  it("refuses answers that leave nobody a way to sign in", () => {
    expect(() => decide({ ...appOnly, passwords: false })).toThrow(CliError);
    try {
      decide({ ...appOnly, passwords: false });
    } catch (error) {
      expect((error as CliError).code).toBe("invalid_answers");
      expect((error as CliError).exitCode).toBe(2);
      expect((error as CliError).hint).toMatch(/--social/);
    }
  });

  it("refuses browsers without passwords when only wechat is chosen, which browsers cannot use", () => {
    const webWechatOnly = { ...appOnly, web: true, passwords: false, social: ["wechat" as const] };
    expect(() => decide(webWechatOnly)).toThrow(/browsers could not sign in: wechat/);
    try {
      decide(webWechatOnly);
    } catch (error) {
      expect((error as CliError).exitCode).toBe(2);
      expect((error as CliError).hint).toMatch(/--social google or --social apple/);
    }
    expect(decide({ ...webWechatOnly, social: ["wechat", "apple"] }).webProviders).toEqual([
      "apple",
    ]);
    const withPasswords = decide({ ...webWechatOnly, passwords: true });
    expect(withPasswords.reasons.join(" ")).toMatch(/WeChat signs in from the app only/);
  });
});

describe("--strategy override and its cost", () => {
  it("jwt with instant revocation leans on a liveness lookup and late role changes", () => {
    const decision = decide({ ...appOnly, instantRevoke: true }, "jwt");
    expect(decision.strategy).toBe("jwt");
    expect(decision.recommended).toBe("opaque");
    expect(decision.overridden).toBe(true);
    expect(decision.costs.join(" ")).toMatch(/per-session liveness lookup.*next refresh/);
  });

  it("a Bearer strategy for browsers gives up the HttpOnly cookie", () => {
    const decision = decide({ ...appOnly, web: true, redis: true }, "opaque");
    expect(decision.costs.join(" ")).toMatch(/HttpOnly/);
  });

  it("opaque without a need for revocation pays a lookup for nothing", () => {
    const decision = decide({ ...appOnly, redis: true }, "opaque");
    expect(decision.costs).toHaveLength(1);
    expect(decision.costs[0]).toMatch(/store lookup on every request/);
  });

  it("a session without browsers adds cookie handling apps do not need, and SQL reads without Redis", () => {
    const decision = decide(appOnly, "session");
    expect(decision.costs.join(" ")).toMatch(/CSRF/);
    expect(decision.costs.join(" ")).toMatch(/Without Redis/);
  });

  it("an override equal to the recommendation costs nothing", () => {
    const decision = decide(appOnly, "jwt");
    expect(decision.overridden).toBe(false);
    expect(decision.costs).toEqual([]);
  });
});
