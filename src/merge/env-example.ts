import { envKeys, formatEnvBlocks, parseEnvBlocks } from "./env-blocks.js";
import { keyedTextMerger } from "./keyed-merge.js";

/**
 * Merges `.env.example` by variable: the user's own variables and edited values stay, variables
 * the generator added and no longer needs go, new ones are added with their description.
 */
export const mergeEnvExample = keyedTextMerger(parseEnvBlocks, formatEnvBlocks);

/**
 * Adds to a local `.env` the variables it lacks, from a freshly rendered one (with fresh
 * secrets); never changes or removes a value already there.
 */
export function addMissingEnvValues(yours: string, rendered: string): string {
  const present = new Set(envKeys(yours));
  const missing = parseEnvBlocks(rendered).filter(
    (block) => !block.key.startsWith("comment:") && !present.has(block.key),
  );
  if (missing.length === 0) return yours;
  const separator =
    yours === "" || yours.endsWith("\n\n") ? "" : yours.endsWith("\n") ? "\n" : "\n\n";
  return `${yours}${separator}${formatEnvBlocks(missing)}`;
}
