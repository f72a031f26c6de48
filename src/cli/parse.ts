import { Command, CommanderError, Option } from "commander";
import type { Answers, SocialProvider, Strategy } from "../decide/answers.js";
import { CliError, exitCodes } from "../errors.js";
import type { PackageManager } from "../plan/package-manager.js";
import { toolVersion } from "../version.js";
import type { Database } from "../plan/database.js";
import { conflictPolicies, type ConflictPolicy } from "../update/conflict-policy.js";
import { describeChoices, optionSpecs, questionSpecs, type OptionSpec } from "./options-schema.js";

/** The validated command line. */
export interface Flags {
  /** Answers given as flags; a missing key is a question still open. */
  answers: Partial<Answers>;
  strategy?: Strategy;
  db?: Database;
  pm?: PackageManager;
  install?: boolean;
  git?: boolean;
  dryRun: boolean;
  json: boolean;
  yes: boolean;
}

/** The update command's own flags. */
export interface UpdateOnlyFlags {
  force: boolean;
  allowDirty: boolean;
  onConflict?: ConflictPolicy;
}

/** What the command line asks for. */
export type ParsedCommand =
  | { command: "create"; dir: string | undefined; flags: Flags }
  | { command: "recommend"; flags: Flags }
  | { command: "update"; dir: string | undefined; flags: Flags & UpdateOnlyFlags }
  | { command: "done"; exitCode: number };

/** Where commander prints help and version; tests pass their own. */
export interface HelpOutput {
  write(text: string): void;
}

const exitCodeHelp = `
Exit codes:
  0    done
  1    unexpected error
  2    bad flag or value, missing answer without a terminal, target folder not empty;
       update: uncommitted changes, or conflicts and no --on-conflict without a terminal
  3    update: conflict markers were written, or --on-conflict abort found conflicts
  130  cancelled (Ctrl-C); nothing is left behind

Examples:
  $ create-express-auth my-api
  $ create-express-auth my-api --yes --no-install
  $ create-express-auth my-api --no-web --no-redis --social none --passwords --no-instant-revoke --no-mtls
  $ create-express-auth recommend --web --instant-revoke --json
  $ create-express-auth update --dry-run
  $ create-express-auth update --strategy session --on-conflict markers
`;

/** Parses argv (without node and the script) into a command with validated flags. */
export function parseCommandLine(argv: string[], output: HelpOutput): ParsedCommand {
  let parsed: ParsedCommand = { command: "done", exitCode: exitCodes.ok };
  const program = new Command("create-express-auth")
    .description("Scaffold a tested Express + TypeScript auth backend for mobile and web apps.")
    .version(toolVersion, "-v, --version")
    .enablePositionalOptions()
    .argument("[dir]", "folder to create; its name is the package name")
    .addHelpText("after", exitCodeHelp)
    .action((dir: string | undefined, raw: Record<string, unknown>) => {
      parsed = { command: "create", dir, flags: readFlags(raw) };
    });
  addOptions(program, optionSpecs);

  const recommend = program
    .command("recommend")
    .description("print the recommended strategy and its reasons; writes nothing")
    .action((raw: Record<string, unknown>) => {
      parsed = { command: "recommend", flags: readFlags(raw) };
    });
  const recommendFlags = new Set(["strategy", "json"]);
  addOptions(
    recommend,
    optionSpecs.filter((spec) => "question" in spec || recommendFlags.has(spec.key)),
  );

  const update = program
    .command("update")
    .description(
      "regenerate, update or switch strategy inside a project, merging with your edits; in an app create-express-auth did not create, add auth beside it",
    )
    .argument("[dir]", "the project folder (default: the current folder)")
    .action((dir: string | undefined, raw: Record<string, unknown>) => {
      parsed = { command: "update", dir, flags: { ...readFlags(raw), ...readUpdateFlags(raw) } };
    });
  const updateSkips = new Set(["install", "git"]);
  addOptions(
    update,
    optionSpecs.filter((spec) => !updateSkips.has(spec.key)),
  );
  update
    .addOption(new Option("--force", "overwrite files create-express-auth did not write"))
    .addOption(new Option("--allow-dirty", "run even with uncommitted changes in the repository"))
    .addOption(
      new Option(
        "--on-conflict <policy>",
        `where your edits and the generator's change the same lines: ${describeChoices(conflictPolicies)} (default: ask on a terminal, else stop)`,
      ),
    );

  for (const command of [program, recommend, update]) {
    command.exitOverride().configureOutput({
      writeOut: (text) => output.write(text),
      writeErr: (text) => output.write(text),
      outputError: () => undefined,
    });
  }

  try {
    program.parse(argv, { from: "user" });
  } catch (error) {
    if (error instanceof CliError) throw error;
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return { command: "done", exitCode: exitCodes.ok };
      throw new CliError(
        "invalid_flag",
        error.message.replace(/^error: /, ""),
        "Run create-express-auth --help for the flags.",
      );
    }
    throw error;
  }
  return parsed;
}

/** Adds every option of the schema to a commander command. */
function addOptions(command: Command, specs: readonly OptionSpec[]): void {
  for (const spec of specs) {
    switch (spec.kind) {
      case "boolean":
        command.addOption(
          new Option(`--${spec.flag}`, `${spec.description} (or --no-${spec.flag})`),
        );
        command.addOption(new Option(`--no-${spec.flag}`).hideHelp());
        break;
      case "choice":
        command.addOption(new Option(`--${spec.flag} <${spec.key}>`, spec.description));
        break;
      case "list":
        command.addOption(new Option(`--${spec.flag} <list>`, spec.description));
        break;
      case "switch":
        command.addOption(new Option(`--${spec.flag}`, spec.description));
        break;
    }
  }
}

/** Validates commander's raw values against the schema. */
export function readFlags(raw: Record<string, unknown>): Flags {
  const answers: Partial<Answers> = {};
  for (const spec of questionSpecs) {
    const value = raw[spec.key];
    if (value === undefined) continue;
    if (spec.kind === "list") answers.social = readSocialList(String(value));
    else answers[spec.key] = value === true;
  }

  return {
    answers,
    strategy: readChoice(raw, "strategy") as Strategy | undefined,
    db: readChoice(raw, "db") as Database | undefined,
    pm: readChoice(raw, "pm") as PackageManager | undefined,
    install: raw.install as boolean | undefined,
    git: raw.git as boolean | undefined,
    dryRun: raw.dryRun === true,
    json: raw.json === true,
    yes: raw.yes === true,
  };
}

/** The update command's own flags, validated. */
function readUpdateFlags(raw: Record<string, unknown>): UpdateOnlyFlags {
  const policy = raw.onConflict;
  if (policy !== undefined && !(conflictPolicies as readonly string[]).includes(String(policy))) {
    throw new CliError(
      "invalid_flag",
      `--on-conflict must be ${describeChoices(conflictPolicies)}, got "${String(policy)}"`,
    );
  }
  return {
    force: raw.force === true,
    allowDirty: raw.allowDirty === true,
    onConflict: policy as ConflictPolicy | undefined,
  };
}

/** A choice flag's value, refused unless it is one of the allowed values. */
function readChoice(raw: Record<string, unknown>, key: string): string | undefined {
  const value = raw[key];
  if (value === undefined) return undefined;
  const spec = optionSpecs.find((candidate) => candidate.key === key);
  if (spec?.kind !== "choice") throw new Error(`${key} is not a choice flag`);
  if (!(spec.choices as readonly string[]).includes(String(value))) {
    throw new CliError(
      "invalid_flag",
      `--${spec.flag} must be ${describeChoices(spec.choices)}, got "${String(value)}"`,
    );
  }
  return String(value);
}

/** `google,apple` or `none` into a list of providers, refusing unknown names. */
function readSocialList(value: string): SocialProvider[] {
  const names = value
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== "");
  if (names.length === 1 && names[0] === "none") return [];

  const allowed: readonly string[] =
    optionSpecs.find((spec) => spec.key === "social")?.choices ?? [];
  const unknown = names.find((name) => !allowed.includes(name));
  if (unknown !== undefined || names.length === 0) {
    throw new CliError(
      "invalid_flag",
      `--social must be a comma-separated list of ${describeChoices(allowed)}, or none, got "${value}"`,
    );
  }
  return [...new Set(names)] as SocialProvider[];
}
