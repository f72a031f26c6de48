import { describe, expect, it } from "vitest";
import { parseCommandLine, type ParsedCommand } from "../../src/cli/parse.js";
import type { CliError } from "../../src/errors.js";
import { thrownCliError } from "../helpers/errors.js";

function parse(...argv: string[]): { parsed: ParsedCommand; printed: string } {
  let printed = "";
  const parsed = parseCommandLine(argv, { write: (text) => (printed += text) });
  return { parsed, printed };
}

function parseError(...argv: string[]): CliError {
  return thrownCliError(() => parse(...argv));
}

describe("command line", () => {
  it("reads every question flag and its --no- twin", () => {
    const { parsed } = parse(
      "my-api",
      "--web",
      "--no-redis",
      "--social",
      "google,apple",
      "--no-passwords",
      "--instant-revoke",
      "--no-mtls",
    );
    expect(parsed).toMatchObject({
      command: "create",
      dir: "my-api",
      flags: {
        answers: {
          web: true,
          redis: false,
          social: ["google", "apple"],
          passwords: false,
          instantRevoke: true,
          mtls: false,
        },
      },
    });
  });

  it("leaves unanswered questions open and reads the settings", () => {
    const { parsed } = parse(
      "app",
      "--web",
      "--strategy",
      "opaque",
      "--db",
      "postgres",
      "--pm",
      "pnpm",
      "--no-install",
      "--no-git",
      "--dry-run",
      "--json",
      "--yes",
    );
    if (parsed.command !== "create") throw new Error("expected create");
    expect(parsed.flags.answers).toEqual({ web: true });
    expect(parsed.flags).toMatchObject({
      strategy: "opaque",
      db: "postgres",
      pm: "pnpm",
      install: false,
      git: false,
      dryRun: true,
      json: true,
      yes: true,
    });
  });

  it("takes none, spaces and repeats in --social", () => {
    const none = parse("x", "--social", "none").parsed;
    const list = parse("x", "--social", "wechat, google,wechat").parsed;
    if (none.command !== "create" || list.command !== "create") throw new Error("expected create");
    expect(none.flags.answers.social).toEqual([]);
    expect(list.flags.answers.social).toEqual(["wechat", "google"]);
  });

  it("parses the recommend command with its own flags", () => {
    const { parsed } = parse(
      "recommend",
      "--web",
      "--instant-revoke",
      "--strategy",
      "jwt",
      "--json",
    );
    expect(parsed).toMatchObject({
      command: "recommend",
      flags: { answers: { web: true, instantRevoke: true }, strategy: "jwt", json: true },
    });
  });

  it.each([
    [["--db", "mongo"], '--db must be sqlite or postgres, got "mongo"'],
    [["--strategy", "oauth"], '--strategy must be jwt, opaque or session, got "oauth"'],
    [["--pm", "pip"], '--pm must be npm, pnpm, yarn or bun, got "pip"'],
    [["--social", "facebook"], 'google, apple or wechat, or none, got "facebook"'],
    [["--social", "google,none"], 'got "google,none"'],
  ])("refuses %j with the allowed values", (args, message) => {
    const error = parseError("x", ...args);
    expect(error.code).toBe("invalid_flag");
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain(message);
  });

  it("refuses unknown flags and extra arguments with exit 2", () => {
    expect(parseError("x", "--websocket").message).toMatch(/unknown option '--websocket'/);
    expect(parseError("x", "y").exitCode).toBe(2);
  });

  it("prints help and the version, then is done with exit 0", () => {
    const help = parse("--help");
    expect(help.parsed).toEqual({ command: "done", exitCode: 0 });
    expect(help.printed).toContain("--instant-revoke");
    expect(help.printed).toContain("130");
    const version = parse("--version");
    expect(version.printed.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
