import { cpSync, mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { updateProject, type UpdateFlags } from "../../src/cli/update.js";
import { decide } from "../../src/decide/recommend.js";
import { manifestPath, type Manifest } from "../../src/manifest/manifest.js";
import { withManifest } from "../../src/manifest/record.js";
import { loadFolderLibrary } from "../../src/parts/folder-library.js";
import type { PartLibrary } from "../../src/parts/part.js";
import { buildPlan } from "../../src/plan/plan.js";
import { renderProject } from "../../src/render/render.js";
import { writeTree } from "../../src/write/write-tree.js";
import { commitAll, git } from "../helpers/git.js";
import { fixtureParts, root } from "../helpers/paths.js";
import { defaultAnswers } from "../helpers/plans.js";
import { tempDir } from "../helpers/run.js";

/** The fixture parts plus a second strategy, as one library. */
function switchLibrary(): PartLibrary {
  const parts = join(tempDir(), "parts");
  cpSync(fixtureParts, parts, { recursive: true });
  // A second file of the jwt strategy, so one can stay untouched while the other is edited.
  writeFileSync(join(parts, "strategy-jwt/files/src/auth/tokens.ts"), "export const ttl = 900;\n");
  cpSync(
    join(root, "test/fixtures/switch-parts/strategy-session"),
    join(parts, "strategy-session"),
    {
      recursive: true,
    },
  );
  return loadFolderLibrary(parts);
}

/** Generates a jwt project with its manifest into a fresh git repository. */
function generateJwtProject(library: PartLibrary): string {
  const cwd = tempDir();
  const plan = buildPlan(
    {
      dir: "demo-api",
      answers: defaultAnswers,
      decision: decide(defaultAnswers),
      db: "sqlite",
      packageManager: "npm",
      install: false,
      git: false,
    },
    library,
    cwd,
  );
  writeTree(withManifest(renderProject(plan, library), plan), plan.targetDir);
  commitAll(plan.targetDir, "generated");
  return plan.targetDir;
}

const flags = (extra: Partial<UpdateFlags> = {}): UpdateFlags => ({
  answers: {},
  dryRun: false,
  json: true,
  yes: false,
  force: false,
  allowDirty: false,
  ...extra,
});

let printed: string[] = [];
beforeEach(() => {
  printed = [];
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    printed.push(String(chunk));
    return true;
  });
});
afterEach(() => vi.restoreAllMocks());

/** The one JSON document the last --json run printed. */
const report = () =>
  JSON.parse(printed.join("")) as {
    files: { path: string; action: string }[];
    conflicts: string[];
  };

describe("switching strategy, generic over parts", () => {
  it("jwt -> session: untouched jwt files go, edited ones stay, new ones come, user entries intact", async () => {
    const library = switchLibrary();
    const dir = generateJwtProject(library);
    const read = (path: string) => readFileSync(join(dir, path), "utf8");

    // The user edits one jwt file, adds a route, a dependency and a variable of their own.
    writeFileSync(
      join(dir, "src/auth/strategy.ts"),
      `// tuned by us\n${read("src/auth/strategy.ts")}`,
    );
    mkdirSync(join(dir, "src/routes"));
    writeFileSync(join(dir, "src/routes/orders.ts"), "export const orders = [];\n");
    const packageJson = JSON.parse(read("package.json"));
    packageJson.dependencies.lodash = "^4.17.21";
    packageJson.scripts.seed = "node seed.js";
    writeFileSync(join(dir, "package.json"), `${JSON.stringify(packageJson, null, 2)}\n`);
    writeFileSync(
      join(dir, ".env.example"),
      `${read(".env.example")}\n# Ours\nSTRIPE_KEY=sk_test\n`,
    );
    const jwtSecret = /^JWT_SECRET=(.+)$/m.exec(read(".env"))?.[1];
    git(dir, "add", "--all");
    git(dir, "commit", "--quiet", "-m", "our edits");

    const exitCode = await updateProject(dir, flags({ strategy: "session" }), {
      cwd: dir,
      env: {},
      interactive: false,
      loadLibrary: async () => library,
    });
    expect(exitCode).toBe(0);

    const actions = Object.fromEntries(report().files.map((file) => [file.path, file.action]));
    expect(actions).toMatchObject({
      "src/auth/tokens.ts": "delete",
      // The Bearer token part goes with the strategy that needed it.
      "src/tokens/refresh.ts": "delete",
      "src/auth/strategy.ts": "keep",
      "src/auth/session.ts": "create",
      "package.json": "merge",
      ".env.example": "merge",
    });
    expect(existsSync(join(dir, "src/auth/tokens.ts"))).toBe(false);
    expect(existsSync(join(dir, "src/tokens/refresh.ts"))).toBe(false);
    expect(read("src/auth/strategy.ts")).toMatch(/^\/\/ tuned by us\n/);
    expect(read("src/auth/session.ts")).toContain('export const strategy = "session";');
    expect(read("src/routes/orders.ts")).toBe("export const orders = [];\n");

    const merged = JSON.parse(read("package.json"));
    expect(merged.dependencies).toEqual({
      express: "^5.1.0",
      "express-session": "^1.18.0",
      kysely: "^0.28.0",
      lodash: "^4.17.21",
    });
    expect(merged.scripts.seed).toBe("node seed.js");

    const example = read(".env.example");
    expect(example).toContain("SESSION_SECRET=change-me-to-a-long-random-string");
    expect(example).toContain("STRIPE_KEY=sk_test");
    expect(example).not.toContain("JWT_SECRET");
    expect(example).not.toContain("ACCESS_TOKEN_TTL");
    // The local .env keeps its secret and gains the new one.
    expect(read(".env")).toContain(`JWT_SECRET=${jwtSecret}`);
    expect(read(".env")).toMatch(/^SESSION_SECRET=[A-Za-z0-9_-]{64}$/m);

    const manifest = JSON.parse(read(manifestPath)) as Manifest;
    expect(manifest.strategy).toBe("session");
    expect(manifest.parts).toEqual(["base", "passwords", "strategy-session", "store-sql"]);
    expect(Object.keys(manifest.files)).not.toContain("src/auth/strategy.ts");
    expect(manifest.owned.packageJson.dependencies).not.toHaveProperty("jose");
    expect(manifest.owned.env).toContain("SESSION_SECRET");

    // Run again with the recorded answers: the switch sticks and nothing changes.
    git(dir, "add", "--all");
    git(dir, "commit", "--quiet", "-m", "switched");
    printed = [];
    const again = await updateProject(dir, flags(), {
      cwd: dir,
      env: {},
      interactive: false,
      loadLibrary: async () => library,
    });
    expect(again).toBe(0);
    expect(JSON.parse(printed.join("")).changed).toBe(false);
    expect(git(dir, "status", "--porcelain")).toBe("");
  });
});
