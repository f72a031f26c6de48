import { basename, resolve } from "node:path";
import type { Answers, Decision } from "../decide/answers.js";
import { decide } from "../decide/recommend.js";
import type { PartLibrary } from "../parts/part.js";
import { detectPackageManager, installCommand } from "../plan/package-manager.js";
import { buildPlan } from "../plan/plan.js";
import { checkProjectName } from "../plan/project-name.js";
import type { Progress } from "../post/progress.js";
import { runPostSteps } from "../post/run-post-steps.js";
import { withManifest } from "../manifest/record.js";
import { renderProject } from "../render/render.js";
import { checkTargetEmpty } from "../write/target.js";
import { writeTree } from "../write/write-tree.js";
import {
  defaultDir,
  flagUsage,
  missingAnswersError,
  openQuestions,
  withDefaults,
} from "./answers.js";
import { nextSteps, planDocument, printJson, showDecision, showPlan } from "./output.js";
import type { Flags } from "./parse.js";
import { askDatabase, askDir, askInstall, askQuestions, confirmStrategy } from "./prompts.js";
import { loadPrompts, promptsReporter, reporterFor } from "./reporter.js";

/** Where the scaffold runs: folder, environment and whether prompts may be shown. */
export interface CreateContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  interactive: boolean;
  loadLibrary: () => Promise<PartLibrary>;
}

const silentProgress: Progress = {
  start: () => undefined,
  stop: () => undefined,
  fail: () => undefined,
  warn: () => undefined,
};

/** The scaffold command, step by step: folder, answers, decision, plan, write, post-steps. */
export async function createProject(
  dirFlag: string | undefined,
  flags: Flags,
  context: CreateContext,
): Promise<void> {
  // 1. Without a way to ask, refuse at once and name every missing flag.
  const ask = context.interactive && !flags.yes;
  const open = flags.yes ? [] : openQuestions(flags);
  if (!ask) {
    const missingDir = dirFlag === undefined && !flags.yes ? ["[dir]"] : [];
    const missing = [...missingDir, ...open.map(flagUsage)];
    if (missing.length > 0) throw missingAnswersError(missing);
  }
  const prompts = ask ? await loadPrompts() : undefined;
  const reporter = prompts
    ? promptsReporter(prompts)
    : flags.json
      ? undefined
      : await reporterFor(process.stdout);
  reporter?.intro("create-express-auth");

  // 2. The folder: the argument, else asked, else the default; checked before any question.
  const dir = dirFlag ?? (prompts ? await askDir(prompts, defaultDir) : defaultDir);
  checkFolder(dir, context.cwd);

  // 3. The answers: flags, else asked, else defaults.
  const asked = prompts ? await askQuestions(prompts, open) : {};
  const answers: Answers = withDefaults({ ...flags.answers, ...asked });

  // 4. The decision: shown with its reasons; on a terminal the user confirms or picks another.
  let decision: Decision = decide(answers, flags.strategy);
  if (prompts && reporter && flags.strategy === undefined) {
    decision = await confirmStrategy(prompts, reporter, answers, decision);
  } else if (reporter) showDecision(reporter, decision);

  // 5. The settings with defaults: database, package manager, install, git.
  const packageManager = flags.pm ?? detectPackageManager(context.env.npm_config_user_agent);
  const db = flags.db ?? (prompts ? await askDatabase(prompts) : "sqlite");
  const install =
    flags.install ?? (prompts ? await askInstall(prompts, installCommand(packageManager)) : true);
  const library = await context.loadLibrary();
  const plan = buildPlan(
    { dir, answers, decision, db, packageManager, install, git: flags.git ?? true },
    library,
    context.cwd,
  );

  // 6. A dry run stops here and prints the plan.
  if (flags.dryRun) {
    if (reporter) {
      showPlan(reporter, plan);
      reporter.outro("Dry run: nothing was written.");
    } else printJson({ ok: true, dryRun: true, plan: planDocument(plan) });
    return;
  }

  // 7. Render in memory with the manifest later updates merge against, then write in one atomic step.
  const tree = renderProject(plan, library);
  writeTree(withManifest(tree, plan), plan.targetDir);
  reporter?.success(`Wrote ${tree.size} files to ${plan.targetDir}`);

  // 8. Post-steps: install, then git.
  const post = await runPostSteps(plan, reporter?.progress() ?? silentProgress);
  if (reporter) {
    reporter.note(nextSteps(plan, post), "Next steps");
    reporter.outro(`Done: ${decision.strategy} auth in ${plan.dir}`);
  } else printJson({ ok: true, dryRun: false, plan: planDocument(plan), post });
}

/** Refuses a folder whose name is no valid package name, or one that holds files. */
function checkFolder(dir: string, cwd: string): void {
  const targetDir = resolve(cwd, dir);
  checkProjectName(basename(targetDir));
  checkTargetEmpty(targetDir, dir);
}
