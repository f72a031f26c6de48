import { decide } from "../decide/recommend.js";
import { defaultFlag, openQuestions, withDefaults } from "./answers.js";
import { printJson, showDecision } from "./output.js";
import type { Flags } from "./parse.js";
import { reporterFor } from "./reporter.js";

/**
 * The recommend command: prints the decision and its reasons, writes nothing and never
 * prompts; open questions take their defaults, and the output names the ones assumed.
 */
export async function recommend(flags: Flags): Promise<void> {
  const assumed = openQuestions(flags).map(defaultFlag);
  const answers = withDefaults(flags.answers);
  const decision = decide(answers, flags.strategy);

  if (flags.json) {
    printJson({ ok: true, answers, assumed, decision });
    return;
  }
  const reporter = await reporterFor(process.stdout);
  showDecision(reporter, decision);
  if (assumed.length > 0) reporter.info(`Assumed for questions not answered: ${assumed.join(" ")}`);
}
