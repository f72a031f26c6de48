import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { scaffoldingCli } from "../helpers/paths.js";
import { entries, plainEnv, tempDir } from "../helpers/run.js";

const driver = fileURLToPath(new URL("../helpers/pty_driver.py", import.meta.url));
const enter = "\r";
const down = "\x1b[B";
const ctrlC = "\x03";

type Step = { expect: string; send?: string; signal?: "INT" };

/** Runs the CLI in a real pseudo-terminal, answering each prompt as it appears. */
async function inTerminal(args: string[], steps: Step[], cwd: string) {
  const result = await execa(
    "python3",
    [driver, JSON.stringify(steps), "--", process.execPath, scaffoldingCli(), ...args],
    {
      cwd,
      env: plainEnv({ COLUMNS: "100", LINES: "40", TERM: "xterm" }),
      extendEnv: false,
      reject: false,
      timeout: 90_000,
    },
  );
  expect(result.exitCode, result.stdout).toBe(0);
  const exitCode = Number(/exit: (-?\d+)\s*$/.exec(result.stdout)?.[1]);
  return { screen: result.stdout, exitCode };
}

describe("on a terminal", () => {
  it("asks each open question, shows the recommendation, and writes the answers", async () => {
    const cwd = tempDir();
    const { screen, exitCode } = await inTerminal(
      ["--no-install", "--no-git"],
      [
        { expect: "Project folder", send: `tty-app${enter}` },
        { expect: "Will browsers sign in too", send: enter },
        { expect: "Can you run Redis", send: enter },
        { expect: "Third-party login", send: enter },
        { expect: "Keep your own email + password accounts", send: enter },
        { expect: "Must a sign-out or a changed role take effect at once", send: enter },
        { expect: "Do devices carry client certificates", send: enter },
        { expect: "Strategy:", send: enter },
        { expect: "Database:", send: `${down}${enter}` },
        { expect: "Next steps" },
      ],
      cwd,
    );
    expect(exitCode, screen).toBe(0);
    expect(screen).toContain("Strategy: jwt (recommended)");
    expect(screen).toContain("a rotating refresh token");
    expect(JSON.parse(readFileSync(join(cwd, "tty-app/package.json"), "utf8")).name).toBe(
      "tty-app",
    );
    expect(readFileSync(join(cwd, "tty-app/.env"), "utf8")).toMatch(/^DATABASE_URL=postgres/m);
  });

  it("asks only what the flags left open", async () => {
    const cwd = tempDir();
    const flags = ["--no-web", "--no-redis", "--social", "none", "--passwords", "--no-mtls"];
    const { screen, exitCode } = await inTerminal(
      ["flagged", ...flags, "--db", "sqlite", "--no-install", "--no-git"],
      [
        { expect: "Must a sign-out or a changed role take effect at once", send: enter },
        { expect: "Strategy:", send: enter },
        { expect: "Next steps" },
      ],
      cwd,
    );
    expect(exitCode, screen).toBe(0);
    expect(screen).not.toContain("Will browsers sign in too");
    expect(screen).not.toContain("Database:");
    expect(existsSync(join(cwd, "flagged/package.json"))).toBe(true);
  });

  it("exits 130 and leaves nothing when Ctrl-C cancels a prompt", async () => {
    const cwd = tempDir();
    const { exitCode, screen } = await inTerminal(
      ["cancelled-app", "--no-install", "--no-git"],
      [
        { expect: "Will browsers sign in too", send: enter },
        { expect: "Can you run Redis", send: ctrlC },
      ],
      cwd,
    );
    expect(exitCode, screen).toBe(130);
    expect(entries(cwd)).toEqual([]);
  });

  it("exits 130 and leaves nothing on SIGINT during the prompts", async () => {
    const cwd = tempDir();
    const { exitCode, screen } = await inTerminal(
      ["signalled-app", "--no-install", "--no-git"],
      [{ expect: "Will browsers sign in too", signal: "INT" }],
      cwd,
    );
    expect(exitCode, screen).toBe(130);
    expect(entries(cwd)).toEqual([]);
  });
});
