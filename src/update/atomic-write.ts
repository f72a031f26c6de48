import { randomBytes } from "node:crypto";
import {
  mkdirSync,
  readdirSync,
  renameSync,
  rmdirSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join, relative } from "node:path";

/** One change to a file inside a project: new content, or null to delete it. */
export type FileChange = [path: string, content: string | Uint8Array | null];

/**
 * Applies changes to files inside a project so that each file is either old or new, never
 * half-written: every new content goes to a temporary sibling first, and only when all of
 * them are on disk are they renamed over the originals (a rename replaces a file atomically).
 * It runs synchronously, so Ctrl-C lands before or after it, never between two files; a crash
 * part-way leaves at worst some files new and the rest old, each whole.
 */
export function applyFileChanges(projectDir: string, changes: FileChange[]): void {
  const staged: [temporary: string, target: string][] = [];
  try {
    for (const [path, content] of changes) {
      if (content === null) continue;
      const target = join(projectDir, path);
      mkdirSync(dirname(target), { recursive: true });
      const temporary = join(
        dirname(target),
        `.${basename(target)}.${randomBytes(4).toString("hex")}.tmp`,
      );
      staged.push([temporary, target]);
      writeFileSync(temporary, content);
    }
  } catch (error) {
    for (const [temporary] of staged) rmSync(temporary, { force: true });
    throw error;
  }

  for (const [temporary, target] of staged) renameSync(temporary, target);
  for (const [path, content] of changes) {
    if (content !== null) continue;
    unlinkSync(join(projectDir, path));
    removeEmptyFolders(projectDir, dirname(join(projectDir, path)));
  }
}

/** Removes folders a deletion left empty, up to (never including) the project folder. */
function removeEmptyFolders(projectDir: string, folder: string): void {
  for (let current = folder; relative(projectDir, current) !== ""; current = dirname(current)) {
    if (relative(projectDir, current).startsWith("..") || readdirSync(current).length > 0) return;
    rmdirSync(current);
  }
}
