import { socialProviders, strategies } from "../decide/answers.js";
import { databases } from "../plan/database.js";
import { packageManagers } from "../plan/package-manager.js";

/** A yes/no flag with its --no- twin. */
interface BooleanOption {
  kind: "boolean";
  /** Commander's camelCase name of the flag. */
  key: string;
  flag: string;
  description: string;
  /** The question asked on a terminal; absent for settings that are never asked. */
  question?: string;
  /** What --yes (or a missing setting) takes. */
  defaultValue: boolean;
}

/** A flag with one value out of a fixed list. */
interface ChoiceOption {
  kind: "choice";
  key: string;
  flag: string;
  description: string;
  choices: readonly string[];
}

/** A comma-separated list drawn from a fixed set, or "none". */
interface ListOption {
  kind: "list";
  key: string;
  flag: string;
  description: string;
  question: string;
  choices: readonly string[];
}

/** A plain switch without a --no- twin. */
interface SwitchOption {
  kind: "switch";
  key: string;
  flag: string;
  description: string;
}

export type OptionSpec = BooleanOption | ChoiceOption | ListOption | SwitchOption;

/**
 * The one schema of the command line: commander's flags, validation, the interactive
 * questions and the list of missing answers are all generated from it.
 */
export const optionSpecs = [
  {
    kind: "boolean",
    key: "web",
    flag: "web",
    description: "browsers sign in too, not only the mobile app",
    question: "Will browsers sign in too, not only the mobile app?",
    defaultValue: false,
  },
  {
    kind: "boolean",
    key: "redis",
    flag: "redis",
    description: "Redis can be run (a local container counts)",
    question: "Can you run Redis (a local container counts)?",
    defaultValue: false,
  },
  {
    kind: "list",
    key: "social",
    flag: "social",
    description: `third-party login: any of ${socialProviders.join(",")}, or none`,
    question: "Third-party login? (space to pick, enter for none)",
    choices: socialProviders,
  },
  {
    kind: "boolean",
    key: "passwords",
    flag: "passwords",
    description: "keep your own email + password accounts",
    question: "Keep your own email + password accounts?",
    defaultValue: true,
  },
  {
    kind: "boolean",
    key: "instantRevoke",
    flag: "instant-revoke",
    description: "a sign-out or a changed role takes effect at once",
    question: "Must a sign-out or a changed role take effect at once (kick a device)?",
    defaultValue: false,
  },
  {
    kind: "boolean",
    key: "mtls",
    flag: "mtls",
    description: "devices carry TLS client certificates",
    question: "Do devices carry client certificates (enterprise, finance)?",
    defaultValue: false,
  },
  {
    kind: "choice",
    key: "strategy",
    flag: "strategy",
    description: "override the recommended strategy",
    choices: strategies,
  },
  {
    kind: "choice",
    key: "db",
    flag: "db",
    description: "default database (default: sqlite)",
    choices: databases,
  },
  {
    kind: "choice",
    key: "pm",
    flag: "pm",
    description: "package manager (default: the one that ran this tool)",
    choices: packageManagers,
  },
  {
    kind: "boolean",
    key: "install",
    flag: "install",
    description: "install dependencies (default: yes)",
    defaultValue: true,
  },
  {
    kind: "boolean",
    key: "git",
    flag: "git",
    description: "git init and a first commit (default: yes)",
    defaultValue: true,
  },
  {
    kind: "switch",
    key: "dryRun",
    flag: "dry-run",
    description: "print the plan, write nothing",
  },
  {
    kind: "switch",
    key: "json",
    flag: "json",
    description: "print one JSON document; never prompt",
  },
  {
    kind: "switch",
    key: "yes",
    flag: "yes",
    description: "take the recommendation and defaults for everything unanswered",
  },
] as const satisfies readonly OptionSpec[];

/** The flags that answer the decision table's questions, in the order they are asked. */
export const questionSpecs = optionSpecs.filter(
  (spec): spec is Extract<(typeof optionSpecs)[number], { question: string }> => "question" in spec,
);

/** Names each allowed value as a reader expects: "a or b", "a, b or c". */
export function describeChoices(choices: readonly string[]): string {
  if (choices.length <= 1) return choices.join("");
  return `${choices.slice(0, -1).join(", ")} or ${choices.at(-1)}`;
}
