import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { realBin } from "../helpers/paths.js";
import { entries, runCli, tempDir } from "../helpers/run.js";

const allAnswers = [
  "--no-web",
  "--no-redis",
  "--social",
  "none",
  "--passwords",
  "--no-instant-revoke",
  "--no-mtls",
];

describe("without a terminal", () => {
  it("exits 2 quickly when answers are missing, names the flags and creates nothing", async () => {
    const cwd = tempDir();
    const started = Date.now();
    const result = await runCli(["demo"], { cwd });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.exitCode).toBe(2);
    for (const flag of [
      "--web/--no-web",
      "--redis/--no-redis",
      "--social <list>",
      "--mtls/--no-mtls",
    ]) {
      expect(result.stderr).toContain(flag);
    }
    expect(result.stderr).toContain("--yes");
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(entries(cwd)).toEqual([]);
  });

  it("names only the flags still missing, the folder too", async () => {
    const cwd = tempDir();
    const result = await runCli(["--web", "--no-redis", "--social", "none"], { cwd });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("[dir], --passwords/--no-passwords");
    expect(result.stderr).not.toContain("--web/--no-web");
  });

  it("never prompts when CI is set, even for a run that could", async () => {
    const cwd = tempDir();
    const result = await runCli(["demo"], { cwd, env: { CI: "true" } });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("Missing answers");
  });

  it("creates a project with --yes and exits 0", async () => {
    const cwd = tempDir();
    const result = await runCli(["demo", "--yes", "--no-install", "--no-git"], { cwd });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(entries(cwd)).toEqual(["demo"]);
    const packageJson = JSON.parse(readFileSync(join(cwd, "demo/package.json"), "utf8"));
    expect(packageJson.name).toBe("demo");
    expect(existsSync(join(cwd, "demo/.env"))).toBe(true);
    expect(existsSync(join(cwd, "demo/.env.example"))).toBe(true);
    expect(existsSync(join(cwd, "demo/.gitignore"))).toBe(true);
    expect(existsSync(join(cwd, "demo/.git"))).toBe(false);
    expect(result.stdout).toContain("npm run dev");
  });

  it("creates the same project with every answer as a flag", async () => {
    const cwd = tempDir();
    const result = await runCli(["apps/api", ...allAnswers, "--no-install", "--no-git"], { cwd });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(cwd, "apps/api/package.json"), "utf8")).name).toBe("api");
    expect(entries(join(cwd, "apps"))).toEqual(["api"]);
  });

  it("makes a git repository with a first commit", async () => {
    const cwd = tempDir();
    const identity = {
      GIT_AUTHOR_NAME: "Test",
      GIT_AUTHOR_EMAIL: "test@example.invalid",
      GIT_COMMITTER_NAME: "Test",
      GIT_COMMITTER_EMAIL: "test@example.invalid",
    };
    const result = await runCli(["repo", "--yes", "--no-install"], { cwd, env: identity });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(existsSync(join(cwd, "repo/.git"))).toBe(true);
    expect(result.stdout).toContain("Created a git repository with a first commit");
  });

  it("uses the package manager that ran it in the next steps", async () => {
    const cwd = tempDir();
    const env = { npm_config_user_agent: "pnpm/9.15.5 npm/? node/v20.17.0 linux x64" };
    const result = await runCli(["demo", "--yes", "--no-install", "--no-git"], { cwd, env });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain("pnpm install");
    expect(result.stdout).toContain("pnpm dev");
  });

  it("refuses a folder that exists and is not empty, and leaves it alone", async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, "taken"));
    writeFileSync(join(cwd, "taken/notes.txt"), "mine");
    const result = await runCli(["taken", "--yes", "--no-install", "--no-git"], { cwd });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("taken already exists and is not empty");
    expect(result.stderr).toContain("never deletes files");
    expect(result.stderr).toContain("create-express-auth update taken");
    expect(entries(join(cwd, "taken"))).toEqual(["notes.txt"]);
    expect(entries(cwd)).toEqual(["taken"]);
  });

  it("fills a folder that exists and is empty", async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, "empty"));
    const result = await runCli(["empty", "--yes", "--no-install", "--no-git"], { cwd });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(entries(join(cwd, "empty"))).toContain("package.json");
  });

  it("refuses an invalid project name with the rule", async () => {
    const cwd = tempDir();
    const result = await runCli(["My App", "--yes", "--no-install", "--no-git"], { cwd });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('"My App" is not a valid project name');
    expect(result.stderr).toContain("lowercase letters");
    expect(entries(cwd)).toEqual([]);
  });

  it("refuses a bad value naming the flag, the value and the allowed values", async () => {
    const cwd = tempDir();
    const result = await runCli(["demo", "--yes", "--db", "mongo"], { cwd });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('--db must be sqlite or postgres, got "mongo"');
    expect(entries(cwd)).toEqual([]);
  });

  it("refuses a layer this version has no part for, with the way out", async () => {
    const cwd = tempDir();
    const result = await runCli(["demo", "--yes", "--strategy", "jwt", "--mtls"], { cwd });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("cannot write layer-mtls");
    expect(result.stderr).toContain("--no-mtls");
    expect(entries(cwd)).toEqual([]);
  });

  it("writes social-only sign-in on the session strategy, with no password route or code", async () => {
    const cwd = tempDir();
    const args = ["demo", "--yes", "--strategy", "session", "--social", "google", "--no-passwords"];
    const result = await runCli([...args, "--no-install", "--no-git"], { cwd, cli: realBin });
    expect(result.exitCode, result.stderr).toBe(0);
    const routes = readFileSync(join(cwd, "demo/src/auth/routes.ts"), "utf8");
    expect(routes).toContain("router.post('/logout'");
    expect(routes).not.toContain("'/login'");
    expect(existsSync(join(cwd, "demo/src/social/router.ts"))).toBe(true);
    expect(existsSync(join(cwd, "demo/src/users/passwords.ts"))).toBe(false);
  });

  it("--dry-run prints every file with create and writes nothing", async () => {
    const cwd = tempDir();
    const result = await runCli(["demo", "--yes", "--dry-run"], { cwd });
    expect(result.exitCode, result.stderr).toBe(0);
    for (const file of ["package.json", ".env", ".env.example", ".gitignore"]) {
      expect(result.stdout).toContain(`create ${file}`);
    }
    expect(entries(cwd)).toEqual([]);
  });

  it("--json --dry-run prints one JSON document with the plan and writes nothing", async () => {
    const cwd = tempDir();
    const result = await runCli(["demo", "--yes", "--dry-run", "--json"], { cwd });
    expect(result.exitCode, result.stderr).toBe(0);
    const document = JSON.parse(result.stdout);
    expect(document).toMatchObject({
      ok: true,
      dryRun: true,
      plan: {
        projectName: "demo",
        parts: ["base", "tokens", "passwords", "strategy-jwt", "store-sql"],
        packageManager: "npm",
      },
    });
    expect(document.plan.files).toContainEqual({ action: "create", path: "package.json" });
    expect(entries(cwd)).toEqual([]);
  });

  it("--json reports an error as one JSON document with its code", async () => {
    const cwd = tempDir();
    const result = await runCli(["demo", "--json"], { cwd });
    expect(result.exitCode).toBe(2);
    const document = JSON.parse(result.stdout);
    expect(document.ok).toBe(false);
    expect(document.error.code).toBe("missing_answers");
    expect(document.error.message).toContain("--web/--no-web");
  });

  it("--json scaffolds and prints the plan and post-steps", async () => {
    const cwd = tempDir();
    const result = await runCli(["demo", "--yes", "--json", "--no-install", "--no-git"], { cwd });
    expect(result.exitCode, result.stderr).toBe(0);
    const document = JSON.parse(result.stdout);
    expect(document).toMatchObject({ ok: true, post: { install: "skipped", git: "skipped" } });
    expect(existsSync(join(cwd, "demo/package.json"))).toBe(true);
  });
});

describe("recommend", () => {
  it("prints the decision and reasons as JSON and writes nothing", async () => {
    const cwd = tempDir();
    const result = await runCli(["recommend", "--web", "--instant-revoke", "--redis", "--json"], {
      cwd,
      cli: realBin,
    });
    expect(result.exitCode, result.stderr).toBe(0);
    const document = JSON.parse(result.stdout);
    expect(document.decision).toMatchObject({ strategy: "session", store: "redis" });
    expect(document.assumed).toEqual(["--social none", "--passwords", "--no-mtls"]);
    expect(entries(cwd)).toEqual([]);
  });

  it("explains social login without passwords", async () => {
    const cwd = tempDir();
    const args = ["recommend", "--social", "google", "--no-passwords"];
    const result = await runCli(args, { cwd, cli: realBin });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain("Strategy: jwt (recommended)");
    expect(result.stdout).toContain("With: google");
    expect(result.stdout).toMatch(/No passwords are stored: users sign in with google/);
    expect(result.stdout).toMatch(/no register, login or password\s+routes/);
    expect(entries(cwd)).toEqual([]);
  });

  it("says what an override costs", async () => {
    const cwd = tempDir();
    const args = ["recommend", "--no-web", "--instant-revoke", "--strategy", "jwt"];
    const result = await runCli(args, { cwd, cli: realBin });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toContain("recommended: opaque");
    expect(result.stderr).toContain("warning: Override cost: JWT with instant revocation");
    expect(result.stderr).toContain("per-session liveness lookup");
  });
});

describe("help and version", () => {
  it("prints help with every flag and the exit codes", async () => {
    const result = await runCli(["--help"], { cwd: tempDir(), cli: realBin });
    expect(result.exitCode).toBe(0);
    for (const flag of [
      "--web",
      "--no-web",
      "--social",
      "--strategy",
      "--db",
      "--pm",
      "--dry-run",
      "--json",
      "--yes",
    ]) {
      expect(result.stdout).toContain(flag);
    }
    expect(result.stdout).toContain("130");
  });

  it("prints the package version", async () => {
    const result = await runCli(["--version"], { cwd: tempDir(), cli: realBin });
    const { version } = JSON.parse(
      readFileSync(new URL("../../package.json", import.meta.url), "utf8"),
    );
    expect(result.stdout.trim()).toBe(version);
  });
});
