import { mergeCompose } from "../merge/compose.js";
import { addMissingEnvValues, mergeEnvExample } from "../merge/env-example.js";
import { mergePackageJson, type OwnedPackageEntries, ownedEntries } from "../merge/package-json.js";
import type { KeyedTextMerger } from "../merge/keyed-merge.js";
import { mergeText, type ConflictLabels } from "../merge/text-merge.js";
import { asText } from "../manifest/record.js";
import type { FileTree } from "../render/render.js";
import type { FileAction, UpdatePlan } from "./file-actions.js";

type Content = string | Uint8Array;

/** Everything an update plan is computed from; reading the disk is the caller's job. */
export interface UpdateInputs {
  /** Each generated file as generated last time; empty for a repository the tool did not create. */
  base: FileTree;
  /** The file as it is on disk now, or undefined when there is none. */
  current: (path: string) => Content | undefined;
  /** The project as this version renders it with the chosen answers. */
  next: FileTree;
  /** The package.json entries the generator owned before this run. */
  ownedBefore: OwnedPackageEntries;
  labels: ConflictLabels;
  /** Overwrite files the generator did not write instead of leaving them. */
  force: boolean;
}

/** Files merged by key rather than by line. */
const keyedMergers: Record<string, KeyedTextMerger> = {
  ".env.example": mergeEnvExample,
  "docker-compose.yml": mergeCompose,
};

/**
 * Decides, for every file the generator wrote before or writes now, whether to create,
 * update, merge, delete or keep it, and where both sides changed the same lines. Pure: the
 * same inputs give the same plan, and nothing is written.
 */
export function planUpdate(inputs: UpdateInputs): UpdatePlan {
  const paths = [...new Set([...inputs.base.keys(), ...inputs.next.keys()])].sort();
  const actions: FileAction[] = [];
  for (const path of paths) {
    const action = planFile(path, inputs);
    if (action !== undefined) actions.push(action);
  }
  return { actions };
}

function planFile(path: string, inputs: UpdateInputs): FileAction | undefined {
  const base = inputs.base.get(path);
  const next = inputs.next.get(path);
  const current = inputs.current(path);

  if (next === undefined) return planRemoved(path, base, current);
  if (current === undefined) {
    return base === undefined
      ? { path, action: "create", reason: "new", content: next, base: next }
      : { path, action: "keep", reason: "you deleted it; it stays deleted", base: next };
  }
  if (path === "package.json") return planPackageJson(current, next, inputs);
  if (path === ".env") return planLocalEnv(current, next);
  if (sameContent(current, next)) return { path, action: "keep", reason: "up to date", base: next };

  const merger = keyedMergers[path];
  if (merger !== undefined) return planKeyed(path, merger, base, current, next, inputs.labels);
  if (base === undefined) {
    return inputs.force
      ? { path, action: "update", reason: "overwritten (--force)", content: next, base: next }
      : {
          path,
          action: "keep",
          reason: "yours, not written by create-express-auth; --force overwrites it",
        };
  }
  if (sameContent(current, base))
    return { path, action: "update", reason: "unchanged by you", content: next, base: next };
  if (sameContent(next, base))
    return {
      path,
      action: "keep",
      reason: "your edits; nothing new from the generator",
      base: next,
    };
  return planThreeWay(path, base, current, next, inputs.labels);
}

/** A file the generator no longer writes: it goes unless the user edited it. */
function planRemoved(
  path: string,
  base: Content | undefined,
  current: Content | undefined,
): FileAction | undefined {
  if (base === undefined || current === undefined) return undefined;
  if (sameContent(current, base)) return { path, action: "delete", reason: "no longer generated" };
  return { path, action: "keep", reason: "no longer generated, but you edited it: left for you" };
}

/** Both sides changed the file: merged line by line, conflicts marked. */
function planThreeWay(
  path: string,
  base: Content,
  current: Content,
  next: Content,
  labels: ConflictLabels,
): FileAction {
  const [baseText, currentText, nextText] = [asText(base), asText(current), asText(next)];
  if (baseText === undefined || currentText === undefined || nextText === undefined) {
    return {
      path,
      action: "conflict",
      reason: "binary file changed on both sides",
      conflicts: 1,
      base: next,
    };
  }
  const merged = mergeText(baseText, currentText, nextText, labels);
  if (merged.conflicts === 0)
    return {
      path,
      action: "merge",
      reason: "your edits and the generator's merged",
      content: merged.text,
      base: next,
    };
  return {
    path,
    action: "conflict",
    reason: `${merged.conflicts} region(s) changed on both sides`,
    content: merged.text,
    conflicts: merged.conflicts,
    base: next,
  };
}

/** `.env.example` and docker-compose.yml: merged by variable and by service. */
function planKeyed(
  path: string,
  merger: KeyedTextMerger,
  base: Content | undefined,
  current: Content,
  next: Content,
  labels: ConflictLabels,
): FileAction {
  const merged = merger(
    asText(base ?? "") ?? "",
    asText(current) ?? "",
    asText(next) ?? "",
    labels,
  );
  const kept =
    merged.keptEdited.length > 0 ? `; kept your edited ${merged.keptEdited.join(", ")}` : "";
  if (merged.conflicts > 0) {
    return {
      path,
      action: "conflict",
      reason: `an entry changed on both sides${kept}`,
      content: merged.text,
      conflicts: merged.conflicts,
      base: next,
    };
  }
  if (sameContent(merged.text, current))
    return { path, action: "keep", reason: `your entries kept${kept}`, base: next };
  return {
    path,
    action: "merge",
    reason: `merged by key${kept}`,
    content: merged.text,
    base: next,
  };
}

/** package.json: the generator's entries follow it, the user's stay, other fields untouched. */
function planPackageJson(current: Content, next: Content, inputs: UpdateInputs): FileAction {
  const path = "package.json";
  let merged;
  try {
    merged = mergePackageJson(
      asText(current) ?? "",
      inputs.ownedBefore,
      ownedEntries(asText(next) ?? "{}"),
    );
  } catch {
    return { path, action: "keep", reason: "not valid JSON: fix it, then run again" };
  }
  if (sameContent(merged.text, current))
    return { path, action: "keep", reason: "up to date", base: next };
  const summary = merged.changes
    .filter((change) => change.change !== "kept-yours")
    .map((change) => `${change.change} ${change.name}`)
    .join(", ");
  return {
    path,
    action: "merge",
    reason: summary === "" ? "reformatted" : summary,
    content: merged.text,
    base: next,
  };
}

/** The local `.env`: only variables it lacks are added; values and secrets are never replaced. */
function planLocalEnv(current: Content, next: Content): FileAction {
  const path = ".env";
  const currentText = asText(current) ?? "";
  const added = addMissingEnvValues(currentText, asText(next) ?? "");
  if (added === currentText) return { path, action: "keep", reason: "your values kept" };
  return {
    path,
    action: "update",
    reason: "new variables added; your values kept",
    content: added,
  };
}

function sameContent(a: Content, b: Content): boolean {
  if (typeof a === "string" && typeof b === "string") return a === b;
  return Buffer.from(a).equals(Buffer.from(b));
}
