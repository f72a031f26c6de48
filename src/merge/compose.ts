import { parseComposeBlocks, topLevelKey } from "./compose-blocks.js";
import { keyedTextMerger } from "./keyed-merge.js";

/**
 * Merges docker-compose.yml by service (and volume): the user's own services stay untouched,
 * services the generator no longer needs go unless edited, new ones are added.
 */
export const mergeCompose = keyedTextMerger(parseComposeBlocks, (blocks) =>
  withoutEmptySections(blocks.map((block) => block.text).join("")),
);

/** Drops a top-level key left with nothing under it, e.g. `volumes:` after its last volume went. */
function withoutEmptySections(text: string): string {
  const blocks = parseComposeBlocks(text);
  return blocks
    .filter((block, index) => {
      const isSection = topLevelKey.test(block.text) && block.text.trim().endsWith(":");
      const next = blocks[index + 1];
      return !(isSection && !block.text.includes("\n ") && !next?.key.startsWith(`${block.key}.`));
    })
    .map((block) => block.text)
    .join("");
}
