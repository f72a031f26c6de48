import type { KeyedBlock } from "./keyed-merge.js";

const variableLine = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/m;

/**
 * Splits an env file into paragraphs (separated by blank lines), each keyed by the variable
 * it sets, or by its own text when it is only a comment.
 */
export function parseEnvBlocks(text: string): KeyedBlock[] {
  return text
    .replace(/\r\n/g, "\n")
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/^\n+|\n+$/g, ""))
    .filter((paragraph) => paragraph !== "")
    .map((paragraph) => ({
      key: variableLine.exec(paragraph)?.[1] ?? `comment:${paragraph}`,
      text: paragraph,
    }));
}

/** Writes paragraphs back with one blank line between them. */
export function formatEnvBlocks(blocks: KeyedBlock[]): string {
  return blocks.length === 0 ? "" : `${blocks.map((block) => block.text).join("\n\n")}\n`;
}

/** The variable names an env file sets, in order. */
export function envKeys(text: string): string[] {
  return parseEnvBlocks(text)
    .map((block) => block.key)
    .filter((key) => !key.startsWith("comment:"));
}
