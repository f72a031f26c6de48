import { spawnSync } from "node:child_process";

/**
 * The uncommitted changes in the git work tree around a folder, one `git status --porcelain`
 * line each; undefined when the folder is not in a git work tree (or git is missing).
 */
export function uncommittedChanges(dir: string): string[] | undefined {
  const inside = spawnSync("git", ["rev-parse", "--is-inside-work-tree"], {
    cwd: dir,
    encoding: "utf8",
  });
  if (inside.status !== 0 || inside.stdout.trim() !== "true") return undefined;
  const status = spawnSync("git", ["status", "--porcelain", "--", "."], {
    cwd: dir,
    encoding: "utf8",
  });
  if (status.status !== 0) return undefined;
  return status.stdout.split("\n").filter((line) => line.trim() !== "");
}
