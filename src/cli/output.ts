import type { Decision } from "../decide/answers.js";
import { installCommand, runCommand } from "../plan/package-manager.js";
import type { Plan } from "../plan/plan.js";
import type { PostResult, Progress } from "../post/progress.js";

type Prompts = typeof import("@clack/prompts");

/** Loads the prompt library; only the paths that talk to people pay for it. */
export async function loadPrompts(): Promise<Prompts> {
  return import("@clack/prompts");
}

/** Prints the one JSON document of a --json run. */
export function printJson(document: object): void {
  process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
}

/** Tells a person the decision: strategy, store, extras, reasons and override costs. */
export function showDecision(prompts: Prompts, decision: Decision): void {
  const extras = [...decision.providers, ...decision.layers];
  const lines = [
    `Strategy: ${decision.strategy}${decision.overridden ? ` (recommended: ${decision.recommended})` : " (recommended)"}`,
    `Store: ${decision.store === "redis" ? "Redis" : "SQL database"}`,
    ...(extras.length > 0 ? [`With: ${extras.join(", ")}`] : []),
    "",
    ...decision.reasons.map((reason) => `- ${reason}`),
  ];
  prompts.note(lines.join("\n"), "Recommendation");
  for (const cost of decision.costs) prompts.log.warn(`Override cost: ${cost}`);
}

/** Lists every file of the plan as "create <path>". */
export function showPlan(prompts: Prompts, plan: Plan): void {
  prompts.log.step(`Plan for ${plan.targetDir} (parts: ${plan.parts.join(", ")})`);
  prompts.log.message(plan.files.map((file) => `create ${file}`));
  prompts.log.info(
    `Package manager: ${plan.packageManager}; install: ${plan.install ? "yes" : "no"}; git: ${plan.git ? "yes" : "no"}`,
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

/** A spinner for people; silence for --json. */
export function progressFor(prompts: Prompts | undefined): Progress {
  if (prompts === undefined) {
    return {
      start: () => undefined,
      stop: () => undefined,
      fail: () => undefined,
      warn: () => undefined,
    };
  }
  const spinner = prompts.spinner();
  return {
    start: (title) => spinner.start(title),
    stop: (message) => spinner.stop(message),
    fail: (message) => spinner.error(message),
    warn: (message) => prompts.log.warn(message),
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
