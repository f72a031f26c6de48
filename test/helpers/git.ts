import { execFileSync } from "node:child_process";

/** A fixed identity, so commits work on machines without a git configuration. */
export const gitIdentity = {
  GIT_AUTHOR_NAME: "Test",
  GIT_AUTHOR_EMAIL: "test@example.invalid",
  GIT_COMMITTER_NAME: "Test",
  GIT_COMMITTER_EMAIL: "test@example.invalid",
};

/** Runs git in a folder and returns its output. */
export function git(dir: string, ...args: string[]): string {
  return execFileSync("git", args, {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, ...gitIdentity },
  });
}

/** Makes the folder a repository and commits everything in it. */
export function commitAll(dir: string, message: string): void {
  git(dir, "init", "--quiet");
  git(dir, "add", "--all");
  git(dir, "commit", "--quiet", "--allow-empty", "-m", message);
}
