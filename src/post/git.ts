import type { Progress, StepOutcome } from "./progress.js";

type Execa = (typeof import("execa"))["execa"];

/** True when git can be run at all. */
async function gitAvailable(execa: Execa): Promise<boolean> {
  const result = await execa("git", ["--version"], { reject: false });
  return result.exitCode === 0;
}

/** True when the folder already sits inside a git work tree (then it gets no repository of its own). */
async function insideWorkTree(execa: Execa, dir: string): Promise<boolean> {
  const result = await execa("git", ["rev-parse", "--is-inside-work-tree"], {
    cwd: dir,
    reject: false,
  });
  return result.exitCode === 0 && result.stdout.trim() === "true";
}

/** Makes the project a git repository with a first commit; problems are warnings, never fatal. */
export async function initGitRepository(
  targetDir: string,
  progress: Progress,
): Promise<StepOutcome> {
  const { execa } = await import("execa");
  if (!(await gitAvailable(execa))) {
    progress.warn(
      "git is not installed: the project has no repository; run git init yourself later.",
    );
    return "skipped";
  }
  if (await insideWorkTree(execa, targetDir)) {
    progress.warn(
      "The project is inside an existing git repository, so it gets no repository of its own.",
    );
    return "skipped";
  }

  progress.start("Creating a git repository");
  const steps = [
    ["init", "--quiet"],
    ["add", "--all"],
    ["commit", "--quiet", "-m", "Initial commit from create-express-auth"],
  ];
  for (const args of steps) {
    const result = await execa("git", args, { cwd: targetDir, reject: false });
    if (result.exitCode !== 0) {
      progress.fail(`git ${args[0]} failed`);
      progress.warn(
        `git ${args[0]} failed (${result.stderr.trim().split("\n")[0] ?? "no message"}): the files are there but not committed; set git's user.name and user.email, then commit yourself.`,
      );
      return "failed";
    }
  }
  progress.stop("Created a git repository with a first commit");
  return "done";
}
