import { randomBytes } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import type { FileTree } from "../render/render.js";

/** Paths to remove if the process is interrupted mid-write. */
const pendingCleanups = new Set<string>();

/** Removes whatever a write in progress has made; called on SIGINT before exiting. */
export function removeUnfinishedWrites(): void {
  for (const path of pendingCleanups) rmSync(path, { recursive: true, force: true });
  pendingCleanups.clear();
}

/**
 * Writes the tree atomically: everything goes into a hidden sibling folder first, which is
 * then renamed to the target, so an error or Ctrl-C never leaves a half-made project.
 */
export function writeTree(tree: FileTree, targetDir: string): void {
  const parent = dirname(targetDir);
  const createdParent = firstMissingAncestor(parent);
  const staging = join(parent, `.${basename(targetDir)}.partial-${randomBytes(4).toString("hex")}`);
  if (createdParent !== undefined) pendingCleanups.add(createdParent);
  pendingCleanups.add(staging);

  try {
    // Synchronous on purpose: dozens of small files are written faster without a round trip
    // through the thread pool for each, and a signal cannot land between two of them.
    const folders = new Set([...tree.keys()].map((path) => dirname(join(staging, path))));
    for (const folder of [staging, ...folders]) mkdirSync(folder, { recursive: true });
    for (const [path, content] of tree) writeFileSync(join(staging, path), content);
    if (existsSync(targetDir) && readdirSync(targetDir).length === 0) rmdirSync(targetDir);
    renameSync(staging, targetDir);
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
