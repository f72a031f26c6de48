import { randomBytes } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { dirname, join, basename } from "node:path";
import fs from "fs-extra";
import type { FileTree } from "../render/render.js";

/** Paths to remove if the process is interrupted mid-write. */
const pendingCleanups = new Set<string>();

/** Removes whatever a write in progress has made; called on SIGINT before exiting. */
export function removeUnfinishedWrites(): void {
  for (const path of pendingCleanups) fs.removeSync(path);
  pendingCleanups.clear();
}

/**
 * Writes the tree atomically: everything goes into a hidden sibling folder first, which is
 * then renamed to the target, so an error or Ctrl-C never leaves a half-made project.
 */
export async function writeTree(tree: FileTree, targetDir: string): Promise<void> {
  const parent = dirname(targetDir);
  const createdParent = firstMissingAncestor(parent);
  const staging = join(parent, `.${basename(targetDir)}.partial-${randomBytes(4).toString("hex")}`);
  if (createdParent !== undefined) pendingCleanups.add(createdParent);
  pendingCleanups.add(staging);

  try {
    await fs.ensureDir(staging);
    for (const [path, content] of tree) await fs.outputFile(join(staging, path), content);
    if (existsSync(targetDir) && readdirSync(targetDir).length === 0) await fs.rmdir(targetDir);
    await fs.rename(staging, targetDir);
    pendingCleanups.clear();
  } catch (error) {
    removeUnfinishedWrites();
    throw error;
  }
}

/** The outermost folder on the way to `dir` that does not exist yet, if any. */
function firstMissingAncestor(dir: string): string | undefined {
  let missing: string | undefined;
  for (let current = dir; !existsSync(current); current = dirname(current)) missing = current;
  return missing;
}
