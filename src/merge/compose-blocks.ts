import type { KeyedBlock } from "./keyed-merge.js";

/** A top-level key of a compose file, at the start of its line. */
export const topLevelKey = /^([A-Za-z0-9_.-]+):/;
const entryKey = /^ {2}([A-Za-z0-9_.-]+):/;

/**
 * Splits a docker-compose.yml into blocks: each top-level key's own line, and each entry
 * below it (a service, a volume) with everything indented under it, keyed `services.redis`.
 * Comments and blank lines stay with the block they follow.
 * Limitation: only the block layout compose files are written in (two-space indentation,
 * no flow mappings at the top) is understood; anything else is one block merged by line.
 */
export function parseComposeBlocks(text: string): KeyedBlock[] {
  const blocks: KeyedBlock[] = [];
  let section = "";
  for (const line of text.split(/(?<=\n)/)) {
    if (line === "") continue;
    const top = topLevelKey.exec(line)?.[1];
    const entry = section === "" ? undefined : entryKey.exec(line)?.[1];
    if (top !== undefined) {
      section = top;
      blocks.push({ key: top, text: line });
    } else if (entry !== undefined) {
      blocks.push({ key: `${section}.${entry}`, text: line });
    } else {
      const last = blocks.at(-1);
      if (last === undefined) blocks.push({ key: `comment:${line}`, text: line });
      else last.text += line;
    }
  }
  return blocks;
}

/** The services a compose file defines, in order. */
export function composeServices(text: string): string[] {
  return parseComposeBlocks(text)
    .map((block) => block.key)
    .filter((key) => key.startsWith("services."))
    .map((key) => key.slice("services.".length));
}
