import type { Answers } from "../decide/answers.js";
import { CliError } from "../errors.js";
import { questionSpecs } from "./options-schema.js";
import type { Flags } from "./parse.js";

/** A question of the decision table, as the schema describes it. */
export type QuestionSpec = (typeof questionSpecs)[number];

/** The default folder --yes creates when none is named. */
export const defaultDir = "my-api";

/** The questions the flags left open, in the order they are asked. */
export function openQuestions(flags: Flags): QuestionSpec[] {
  return questionSpecs.filter((spec) => flags.answers[spec.key] === undefined);
}

/** How a question is answered on the command line, e.g. `--web/--no-web`. */
export function flagUsage(spec: QuestionSpec): string {
  return spec.kind === "list" ? `--${spec.flag} <list>` : `--${spec.flag}/--no-${spec.flag}`;
}

/** The flag that states a default answer, e.g. `--no-web` or `--social none`. */
export function defaultFlag(spec: QuestionSpec): string {
  if (spec.kind === "list") return `--${spec.flag} none`;
  return spec.defaultValue ? `--${spec.flag}` : `--no-${spec.flag}`;
}

/** The answers with every open question set to its default (what --yes takes). */
export function withDefaults(given: Partial<Answers>): Answers {
  const answers: Record<string, unknown> = { ...given };
  for (const spec of questionSpecs) {
    answers[spec.key] ??= spec.kind === "list" ? [] : spec.defaultValue;
  }
  return answers as unknown as Answers;
}

/** The error for a run that cannot prompt and still has open questions. */
export function missingAnswersError(missing: string[]): CliError {
  return new CliError(
    "missing_answers",
    `Missing answers and no terminal to ask on: ${missing.join(", ")}`,
    "Pass those flags, or --yes to take the recommendation and defaults for everything unanswered.",
  );
}
