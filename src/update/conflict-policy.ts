import type { FileChange } from "./atomic-write.js";
import type { FileAction, UpdatePlan } from "./file-actions.js";

/** What to do with files both sides changed in the same lines. */
export const conflictPolicies = ["markers", "keep-mine", "abort"] as const;
export type ConflictPolicy = (typeof conflictPolicies)[number];

/** The files of a plan that hold conflicts. */
export function conflictsOf(plan: UpdatePlan): FileAction[] {
  return plan.actions.filter((action) => action.action === "conflict");
}

/**
 * The file changes that carry out a plan under a conflict policy: markers writes a conflicted
 * file with git-style markers, keep-mine leaves it as the user has it. A binary conflict can
 * hold no markers, so the user's file always stays.
 */
export function fileChanges(
  plan: UpdatePlan,
  policy: Exclude<ConflictPolicy, "abort">,
): FileChange[] {
  const changes: FileChange[] = [];
  for (const action of plan.actions) {
    if (action.action === "delete") changes.push([action.path, null]);
    else if (action.action === "conflict") {
      if (policy === "markers" && action.content !== undefined)
        changes.push([action.path, action.content]);
    } else if (action.content !== undefined) changes.push([action.path, action.content]);
  }
  return changes;
}

/** True when writing under this policy leaves conflict markers in some file. */
export function leavesMarkers(plan: UpdatePlan, policy: ConflictPolicy): boolean {
  return policy === "markers" && conflictsOf(plan).some((action) => action.content !== undefined);
}
