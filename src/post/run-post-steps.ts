import type { Plan } from "../plan/plan.js";
import { initGitRepository } from "./git.js";
import { installDependencies } from "./install.js";
import type { PostResult, Progress } from "./progress.js";

/** Runs the post-steps the plan asks for: install first, so the lockfile is in the first commit. */
export async function runPostSteps(plan: Plan, progress: Progress): Promise<PostResult> {
  const warnings: string[] = [];
  const collecting: Progress = {
    ...progress,
    warn: (message) => {
      warnings.push(message);
      progress.warn(message);
    },
  };

  let install: PostResult["install"] = "skipped";
  if (plan.install) {
    await installDependencies(plan.targetDir, plan.packageManager, collecting);
    install = "done";
  }
  const git = plan.git ? await initGitRepository(plan.targetDir, collecting) : "skipped";
  return { install, git, warnings };
}
