import type { Decision } from "../decide/answers.js";
import { installCommand, runCommand } from "../plan/package-manager.js";
import type { Plan } from "../plan/plan.js";
import type { PostResult } from "../post/progress.js";
import type { Reporter } from "./reporter.js";

/** Prints the one JSON document of a --json run. */
export function printJson(document: object): void {
  process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
}

/** Tells a person the decision: strategy, store, extras, reasons and override costs. */
export function showDecision(reporter: Reporter, decision: Decision): void {
  const extras = [...decision.providers, ...decision.layers];
  const recommended = decision.overridden ? `recommended: ${decision.recommended}` : "recommended";
  const lines = [
    `Strategy: ${decision.strategy} (${recommended})`,
    `Store: ${decision.store === "redis" ? "Redis" : "SQL database"}`,
    ...(extras.length > 0 ? [`With: ${extras.join(", ")}`] : []),
    "",
    ...decision.reasons.map((reason) => `- ${reason}`),
  ];
  reporter.note(lines.join("\n"), "Recommendation");
  for (const cost of decision.costs) reporter.warn(`Override cost: ${cost}`);
}

/** Lists every file of the plan as "create <path>". */
export function showPlan(reporter: Reporter, plan: Plan): void {
  reporter.step(`Plan for ${plan.targetDir} (parts: ${plan.parts.join(", ")})`);
  reporter.lines(plan.files.map((file) => `create ${file}`));
  const yesNo = (value: boolean) => (value ? "yes" : "no");
  reporter.info(
    `Package manager: ${plan.packageManager}; install: ${yesNo(plan.install)}; git: ${yesNo(plan.git)}`,
  );
}

/** The plan as data, for --json. */
export function planDocument(plan: Plan): object {
  return {
    projectName: plan.projectName,
    targetDir: plan.targetDir,
    answers: plan.answers,
    decision: plan.decision,
    db: plan.db,
    packageManager: plan.packageManager,
    install: plan.install,
    git: plan.git,
    parts: plan.parts,
    files: plan.files.map((path) => ({ action: "create", path })),
  };
}

/** The commands to run next, in the words of the chosen package manager. */
export function nextSteps(plan: Plan, post: PostResult): string {
  const run = runCommand(plan.packageManager);
  return [
    `cd ${plan.dir}`,
    ...(post.install === "done" ? [] : [installCommand(plan.packageManager)]),
    `${run} dev`,
    `${run} test`,
  ].join("\n");
}
