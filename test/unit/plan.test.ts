import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { thrownCliError as thrown } from "../helpers/errors.js";
import { loadFolderLibrary } from "../../src/parts/folder-library.js";
import { checkProjectName } from "../../src/plan/project-name.js";
import { fixtureParts, realTemplates } from "../helpers/paths.js";
import { defaultAnswers, planFor } from "../helpers/plans.js";
import { tempDir } from "../helpers/run.js";

describe("plan", () => {
  const library = loadFolderLibrary(fixtureParts);

  it("takes base, the Bearer token part, the strategy, the store, then providers and layers", () => {
    const plan = planFor(library);
    expect(plan.parts).toEqual(["base", "tokens", "passwords", "strategy-jwt", "store-sql"]);
    expect(plan.projectName).toBe("demo-api");
    expect(plan.targetDir).toBe("/tmp/create-express-auth-plans/demo-api");
    expect(plan.files).toContain("package.json");
  });

  it("adds the shared social part once, before the chosen providers", () => {
    const real = loadFolderLibrary(realTemplates);
    const plan = planFor(real, { ...defaultAnswers, social: ["wechat", "google"] });
    expect(plan.parts).toEqual([
      "base",
      "tokens",
      "passwords",
      "strategy-jwt",
      "store-sql",
      "social",
      "provider-wechat",
      "provider-google",
    ]);
    expect(planFor(real).parts).not.toContain("social");
  });

  it("adds the passwords part after base and the Bearer token part only when passwords are kept", () => {
    const real = loadFolderLibrary(realTemplates);
    const socialOnly = { ...defaultAnswers, passwords: false, social: ["google" as const] };
    expect(planFor(real, socialOnly).parts).toEqual([
      "base",
      "tokens",
      "strategy-jwt",
      "store-sql",
      "social",
      "provider-google",
    ]);
    expect(planFor(real, { ...socialOnly, passwords: true }).parts).toContain("passwords");
  });

  it("adds the browser redirect part after the providers when --web has google or apple", () => {
    const real = loadFolderLibrary(realTemplates);
    const answers = { ...defaultAnswers, web: true, redis: true, social: ["google" as const] };
    expect(planFor(real, answers).parts).toEqual([
      "base",
      "passwords",
      "strategy-session",
      "store-redis",
      "social",
      "provider-google",
      "social-web",
      "web-google",
    ]);
    const wechatOnly = planFor(real, { ...answers, social: ["wechat"] });
    expect(wechatOnly.parts).not.toContain("social-web");
    const appOnly = planFor(real, { ...answers, web: false });
    expect(appOnly.parts).not.toContain("social-web");
  });

  it("refuses a strategy or store whose part is missing, saying what this version writes", () => {
    const error = thrown(() => planFor(library, { ...defaultAnswers, web: true, redis: true }));
    expect(error.code).toBe("part_missing");
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain("cannot write strategy-session, store-redis yet");
    expect(error.message).toContain("It writes strategy jwt with store sql (no Redis)");
    expect(error.hint).toBe("Pick what it has: --strategy jwt --no-redis");
  });

  it("names the flags that drop missing providers and layers", () => {
    const error = thrown(() =>
      planFor(library, { ...defaultAnswers, social: ["google"], mtls: true }),
    );
    expect(error.message).toContain("provider-google, layer-mtls");
    expect(error.hint).toContain("--social none");
    expect(error.hint).toContain("--no-mtls");
  });

  it("enables a strategy as soon as its part folder exists", () => {
    const dir = join(tempDir(), "parts");
    cpSync(fixtureParts, dir, { recursive: true });
    mkdirSync(join(dir, "strategy-opaque/files"), { recursive: true });
    writeFileSync(join(dir, "strategy-opaque/part.json"), "{}");
    const plan = planFor(loadFolderLibrary(dir), { ...defaultAnswers, instantRevoke: true });
    expect(plan.parts).toEqual(["base", "tokens", "passwords", "strategy-opaque", "store-sql"]);
  });

  it.each(["my-api", "api2", "a.b_c~d"])("accepts the project name %s", (name) => {
    expect(() => checkProjectName(name)).not.toThrow();
  });

  it.each(["My-Api", "my api", ".hidden", "_x", "node_modules", "a".repeat(215), "é"])(
    "refuses the project name %j with the rule",
    (name) => {
      const error = thrown(() => checkProjectName(name));
      expect(error.code).toBe("invalid_project_name");
      expect(error.exitCode).toBe(2);
      expect(error.hint).toMatch(/lowercase letters, digits/);
    },
  );
});
