/** What an update does to one file. */
export type FileActionKind = "create" | "update" | "merge" | "conflict" | "delete" | "keep";

/** One line of an update plan. */
export interface FileAction {
  path: string;
  action: FileActionKind;
  /** Why, in a few words a person reads in the plan. */
  reason: string;
  /** What to write: the new content (with markers for a text conflict); absent for keep and delete. */
  content?: string | Uint8Array;
  /** Regions both sides changed (conflict only). */
  conflicts?: number;
  /**
   * The content to record as this file's merge base afterwards; undefined when the file is
   * no longer the generator's (deleted, left to the user, or never written by it).
   */
  base?: string | Uint8Array;
}

/** Every file the update touches or reports, sorted by path. */
export interface UpdatePlan {
  actions: FileAction[];
}

/** Counts of each kind of action, in the order a summary lists them. */
export function countActions(plan: UpdatePlan): Record<FileActionKind, number> {
  const counts = { create: 0, update: 0, merge: 0, conflict: 0, delete: 0, keep: 0 };
  for (const action of plan.actions) counts[action.action] += 1;
  return counts;
}

/** True when applying the plan would change no file. */
export function changesNothing(plan: UpdatePlan): boolean {
  return plan.actions.every((action) => action.action === "keep");
}
