import { mergeText, type ConflictLabels } from "./text-merge.js";

/** One piece of a keyed document: an environment variable with its comment, a compose service. */
export interface KeyedBlock {
  key: string;
  text: string;
}

/** The outcome of merging two keyed documents against their base. */
export interface KeyedMergeResult {
  blocks: KeyedBlock[];
  conflicts: number;
  /** Keys the generator no longer writes but that stay because the user edited them. */
  keptEdited: string[];
}

/**
 * Merges documents made of keyed blocks three ways, key by key: the user's blocks keep their
 * order and their edits, blocks the generator no longer writes go unless edited, new ones come
 * after their predecessor in the generator's order. Only a block both sides changed is merged
 * line by line, and only there can a conflict arise.
 */
export function mergeKeyedBlocks(
  base: KeyedBlock[],
  yours: KeyedBlock[],
  theirs: KeyedBlock[],
  labels: ConflictLabels,
): KeyedMergeResult {
  const baseByKey = new Map(base.map((block) => [block.key, block.text]));
  const theirsByKey = new Map(theirs.map((block) => [block.key, block.text]));
  const merged: KeyedBlock[] = [];
  const keptEdited: string[] = [];
  let conflicts = 0;

  for (const block of yours) {
    const baseText = baseByKey.get(block.key);
    const theirsText = theirsByKey.get(block.key);
    if (baseText === undefined) merged.push(block);
    else if (theirsText === undefined) {
      if (block.text !== baseText) {
        merged.push(block);
        keptEdited.push(block.key);
      }
    } else {
      const result = mergeBlock(baseText, block.text, theirsText, labels);
      conflicts += result.conflicts;
      merged.push({ key: block.key, text: result.text });
    }
  }

  // A key the user deleted stays deleted; a key new to the generator is added.
  const present = new Set(yours.map((block) => block.key));
  theirs.forEach((block, index) => {
    if (present.has(block.key) || baseByKey.has(block.key)) return;
    merged.splice(insertionIndex(merged, theirs.slice(0, index)), 0, block);
    present.add(block.key);
  });
  return { blocks: merged, conflicts, keptEdited };
}

/** A whole-file merge: base, the user's text and the generator's, to the merged text. */
export type KeyedTextMerger = (
  base: string,
  yours: string,
  theirs: string,
  labels: ConflictLabels,
) => { text: string; conflicts: number; keptEdited: string[] };

/** A whole-file merge for a format, from how it splits into keyed blocks and joins again. */
export function keyedTextMerger(
  parse: (text: string) => KeyedBlock[],
  format: (blocks: KeyedBlock[]) => string,
): KeyedTextMerger {
  return (base, yours, theirs, labels) => {
    const { blocks, conflicts, keptEdited } = mergeKeyedBlocks(
      parse(base),
      parse(yours),
      parse(theirs),
      labels,
    );
    return { text: format(blocks), conflicts, keptEdited };
  };
}

function mergeBlock(base: string, yours: string, theirs: string, labels: ConflictLabels) {
  if (yours === base || yours === theirs) return { text: theirs, conflicts: 0 };
  if (theirs === base) return { text: yours, conflicts: 0 };
  return mergeText(base, yours, theirs, labels);
}

/** Just after the nearest earlier block of the generator's order that the result holds. */
function insertionIndex(merged: KeyedBlock[], earlier: KeyedBlock[]): number {
  for (const previous of [...earlier].reverse()) {
    const index = merged.findIndex((block) => block.key === previous.key);
    if (index !== -1) return index + 1;
  }
  return merged.length;
}
