import type { Answers, Decision, SocialProvider, Strategy } from "../decide/answers.js";
import { strategies } from "../decide/answers.js";
import { decide } from "../decide/recommend.js";
import { cancelled } from "../errors.js";
import { databases, type Database } from "../plan/database.js";
import { checkProjectName } from "../plan/project-name.js";
import type { QuestionSpec } from "./answers.js";
import { showDecision } from "./output.js";
import type { Reporter } from "./reporter.js";

type Prompts = typeof import("@clack/prompts");

/** Throws the cancelled error when the user pressed Ctrl-C or Escape. */
function answered<T>(prompts: Prompts, value: T): Exclude<T, symbol> {
  if (prompts.isCancel(value)) {
    prompts.cancel("Cancelled; nothing was written.");
    throw cancelled();
  }
  return value as Exclude<T, symbol>;
}

/** Asks for the folder to create, checking it makes a valid package name. */
export async function askDir(prompts: Prompts, placeholder: string): Promise<string> {
  const value = await prompts.text({
    message: "Project folder:",
    placeholder,
    defaultValue: placeholder,
    validate: (input) => {
      const name = (input ?? "").trim() || placeholder;
      try {
        checkProjectName(name.split(/[\\/]/).filter(Boolean).at(-1) ?? name);
        return undefined;
      } catch (error) {
        return (error as Error).message;
      }
    },
  });
  return answered(prompts, value).trim() || placeholder;
}

/** Asks every open question of the decision table. */
export async function askQuestions(
  prompts: Prompts,
  open: QuestionSpec[],
): Promise<Partial<Answers>> {
  const answers: Partial<Answers> = {};
  for (const spec of open) {
    if (spec.kind === "list") {
      const picked = await prompts.multiselect<SocialProvider>({
        message: spec.question,
        options: spec.choices.map((provider) => ({ value: provider, label: provider })),
        required: false,
      });
      answers.social = answered(prompts, picked);
    } else {
      const yes = await prompts.confirm({
        message: spec.question,
        initialValue: spec.defaultValue,
      });
      answers[spec.key] = answered(prompts, yes);
    }
  }
  return answers;
}

/** Shows the recommendation with its reasons and lets the user confirm it or pick another. */
export async function confirmStrategy(
  prompts: Prompts,
  reporter: Reporter,
  answers: Answers,
  decision: Decision,
): Promise<Decision> {
  showDecision(reporter, decision);
  const picked = await prompts.select<Strategy>({
    message: "Strategy:",
    initialValue: decision.recommended,
    options: strategies.map((strategy) => ({
      value: strategy,
      label: strategy,
      hint: strategy === decision.recommended ? "recommended" : undefined,
    })),
  });
  const strategy = answered(prompts, picked);
  if (strategy === decision.strategy) return decision;

  const overridden = decide(answers, strategy);
  for (const cost of overridden.costs) reporter.warn(`Override cost: ${cost}`);
  return overridden;
}

/** Asks which database the project defaults to. */
export async function askDatabase(prompts: Prompts): Promise<Database> {
  const picked = await prompts.select<Database>({
    message: "Database:",
    initialValue: "sqlite",
    options: databases.map((db) => ({
      value: db,
      label: db,
      hint: db === "sqlite" ? "embedded, nothing to install" : "DATABASE_URL=postgres://...",
    })),
  });
  return answered(prompts, picked);
}

/** Asks whether to install dependencies now. */
export async function askInstall(prompts: Prompts, command: string): Promise<boolean> {
  return answered(
    prompts,
    await prompts.confirm({ message: `Install dependencies (${command})?`, initialValue: true }),
  );
}
