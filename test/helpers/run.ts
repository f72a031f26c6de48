import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa, type Result } from "execa";
import { afterEach } from "vitest";
import { scaffoldingCli } from "./paths.js";

const made: string[] = [];

/** A fresh temporary folder, removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "cea-test-"));
  made.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Environment of a plain shell: no CI flag and no package manager's user agent. */
export function plainEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const dropped = new Set(["CI", "npm_config_user_agent"]);
  const inherited = Object.entries(process.env).filter(([name]) => !dropped.has(name));
  return { ...Object.fromEntries(inherited), ...extra };
}

/** Runs the CLI with stdin from /dev/null, as a script or CI would. */
export async function runCli(
  args: string[],
  options: { cwd: string; env?: Record<string, string>; cli?: string },
): Promise<Result<{ reject: false; stdin: "ignore" }>> {
  return execa(process.execPath, [options.cli ?? scaffoldingCli(), ...args], {
    cwd: options.cwd,
    env: plainEnv(options.env),
    extendEnv: false,
    reject: false,
    stdin: "ignore",
    timeout: 60_000,
  });
}

/** The entries of a folder, sorted. */
export function entries(dir: string): string[] {
  return readdirSync(dir).sort();
}
