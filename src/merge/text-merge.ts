import { diff3Merge } from "node-diff3";

/** The labels written after the conflict markers, so a reader knows which side is which. */
export interface ConflictLabels {
  /** Follows `<<<<<<<`: the user's side. */
  yours: string;
  /** Follows `>>>>>>>`: the generator's side. */
  theirs: string;
}

/** The outcome of a three-way merge of one text file. */
export interface TextMergeResult {
  text: string;
  /** Regions both sides changed differently; each is wrapped in conflict markers in `text`. */
  conflicts: number;
}

/** The marker labels for the user's edits against a given generator version. */
export function conflictLabels(toolVersion: string): ConflictLabels {
  return { yours: "yours (your edits)", theirs: `create-express-auth ${toolVersion}` };
}

/**
 * Merges line by line what was generated before (`base`), what the user has now (`yours`)
 * and what is generated now (`theirs`), as `git merge-file` does. Changes to different lines
 * both survive; both sides making the same change is no conflict.
 */
export function mergeText(
  base: string,
  yours: string,
  theirs: string,
  labels: ConflictLabels,
): TextMergeResult {
  const regions = diff3Merge(splitLines(yours), splitLines(base), splitLines(theirs), {
    excludeFalseConflicts: true,
  });

  const out: string[] = [];
  let conflicts = 0;
  for (const region of regions) {
    const conflict = region.conflict;
    if (conflict === undefined) {
      out.push(...(region.ok ?? []));
      continue;
    }
    conflicts += 1;
    out.push(`<<<<<<< ${labels.yours}\n`, ...endLines(conflict.a));
    out.push("=======\n", ...endLines(conflict.b), `>>>>>>> ${labels.theirs}\n`);
  }
  return { text: out.join(""), conflicts };
}

/** Splits text into lines that keep their line ending, so the merge keeps CRLF and a missing last newline. */
export function splitLines(text: string): string[] {
  return text === "" ? [] : text.split(/(?<=\n)/);
}

/** Inside a conflict a marker must start its own line, even after a last line without newline. */
function endLines(lines: string[]): string[] {
  const last = lines.at(-1);
  if (last === undefined || last.endsWith("\n")) return lines;
  return [...lines.slice(0, -1), `${last}\n`];
}

/** True when a text still holds a conflict marker this tool writes. */
export function hasConflictMarkers(text: string): boolean {
  return (
    /^<<<<<<< yours \(your edits\)$/m.test(text) && /^>>>>>>> create-express-auth /m.test(text)
  );
}
