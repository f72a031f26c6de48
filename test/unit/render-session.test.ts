import { describe, expect, it } from "vitest";
import { loadFolderLibrary } from "../../src/parts/folder-library.js";
import type { Answers } from "../../src/decide/answers.js";
import { renderProject } from "../../src/render/render.js";
import { realTemplates } from "../helpers/paths.js";
import { defaultAnswers, planFor } from "../helpers/plans.js";

const library = loadFolderLibrary(realTemplates);
const webAndApp = { ...defaultAnswers, web: true, instantRevoke: true };
// WeChat signs in from apps only, so a project without passwords has no browser redirect flow.
const socialOnly: Partial<Answers> = { passwords: false, social: ["wechat"], web: false };

function render(
  strategy: "jwt" | "session",
  db: "sqlite" | "postgres" = "sqlite",
  redis = false,
  overrides: Partial<Answers> = {},
) {
  const answers = { ...webAndApp, redis, ...overrides };
  const tree = renderProject(planFor(library, answers, { strategy, db }), library);
  const text = (path: string) => {
    const content = tree.get(path);
    return typeof content === "string" ? content : Buffer.from(content ?? "").toString("utf8");
  };
  return { tree, text };
}

describe("the session strategy with the SQL store", () => {
  it.each(["sqlite", "postgres"] as const)("renders sessions, not refresh families (%s)", (db) => {
    const { tree, text } = render("session", db);
    for (const path of [
      "src/auth/cookie-sessions.ts",
      "src/auth/csrf.ts",
      "src/store/sessions.ts",
      "src/db/migrations/0004_create_sessions.ts",
      "test/browser/sign-in.browser.test.ts",
      "test/browser/page/index.html",
    ]) {
      expect(tree.has(path), path).toBe(true);
    }
    expect(tree.has("src/store/refresh-families.ts")).toBe(false);
    expect(tree.has("test/store/refresh-families.test.ts")).toBe(false);
    expect(text("src/store/index.ts")).toContain("sessions: createSqlSessionStore(database.db)");
    expect(text("src/store/index.ts")).not.toContain("refresh");

    const packageJson = JSON.parse(text("package.json")) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
      scripts: Record<string, string>;
    };
    expect(packageJson.dependencies).toHaveProperty("express-session");
    expect(packageJson.dependencies).not.toHaveProperty("jose");
    expect(packageJson.devDependencies).toHaveProperty("playwright-core");
    expect(packageJson.scripts["test:browser"]).toBe("vitest run test/browser");
    expect(text(".env")).toMatch(/^SESSION_SECRET=[A-Za-z0-9_-]{64}$/m);
    expect(text("README.md")).toContain("### Web flow and app flow");
    // Prettier would reflow a double space left by the docker-compose sentence's conditionals.
    expect(text("README.md")).not.toMatch(/starts {2}/);
  });

  it.each([
    ["Redis: false", false, {}],
    ["Redis: true", true, {}],
    ["Redis: true, WeChat alone without passwords", true, socialOnly],
  ])("leaves no template traces (%s)", (_case, redis, overrides) => {
    const { tree, text } = render("session", "sqlite", redis, overrides);
    for (const path of tree.keys()) {
      if (!/\.(ts|md|js|html)$/.test(path)) continue;
      const content = text(path);
      expect(content, path).not.toMatch(/\n\n\n/);
      expect(content, path).not.toMatch(/^\s*\n/);
      expect(content, path).not.toContain("{{");
    }
  });

  it("with Redis, keeps sessions in connect-redis on the one Redis client", () => {
    const { tree, text } = render("session", "sqlite", true);
    expect(text("src/store/index.ts")).toContain("sessions: createRedisSessionStore(redis, keys)");
    expect(text("src/store/sessions.ts")).toContain("new RedisStore({ client: redis.client");
    expect(tree.has("src/store/refresh-families.ts")).toBe(false);
    expect(tree.has("test/store/session-outage.test.ts")).toBe(true);
    const packageJson = JSON.parse(text("package.json")) as {
      dependencies: Record<string, string>;
    };
    expect(packageJson.dependencies).toHaveProperty("connect-redis");
    expect(packageJson.dependencies).toHaveProperty("redis");
  });

  it("leaves connect-redis out of a jwt project on Redis", () => {
    const { tree, text } = render("jwt", "sqlite", true);
    const packageJson = JSON.parse(text("package.json")) as {
      dependencies: Record<string, string>;
    };
    expect(packageJson.dependencies).not.toHaveProperty("connect-redis");
    expect(packageJson.dependencies).not.toHaveProperty("express-session");
    expect(tree.has("src/store/sessions.ts")).toBe(false);
    expect(tree.has("test/store/session-outage.test.ts")).toBe(false);
  });

  it("keeps jwt projects free of session files", () => {
    const { tree, text } = render("jwt");
    expect(tree.has("src/store/sessions.ts")).toBe(false);
    expect(tree.has("src/db/migrations/0004_create_sessions.ts")).toBe(false);
    expect(tree.has("src/store/refresh-families.ts")).toBe(true);
    expect(text("src/store/index.ts")).toContain("refreshFamilies: createSqlRefreshFamilyStore");
    expect(text("src/store/index.ts")).not.toContain("session");
  });
});

describe("the session strategy without passwords", () => {
  it("has no password route or code, and its tests sign in through the provider", () => {
    const { tree, text } = render("session", "sqlite", false, socialOnly);
    expect(tree.has("src/users/passwords.ts")).toBe(false);
    expect(tree.has("src/users/accounts.ts")).toBe(false);
    for (const route of ["'/register'", "'/login'", "'/password'"]) {
      expect(text("src/auth/routes.ts")).not.toContain(route);
    }
    expect(text("src/auth/routes.ts")).toContain("router.post('/logout-all'");
    expect(text("src/auth/index.ts")).not.toContain("createAccounts");
    expect(text("test/support/sign-in.ts")).toContain("providerProof(email, deviceName)");
    expect(text("test/support/browser-session.ts")).toContain("providerProof(email, 'browser')");
    expect(text("test/browser/page/index.html")).toContain('value="wechat"');
    expect(text("README.md")).toContain("curl -s -X POST $API/auth/social/wechat");
    expect(text("README.md")).not.toContain("/auth/password -H");
  });
});
