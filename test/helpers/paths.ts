import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The tool's repository. */
export const root = fileURLToPath(new URL("../..", import.meta.url));
/** The real template parts the tool ships. */
export const realTemplates = join(root, "templates");
/** Small parts written for the tool's own tests. */
export const fixtureParts = join(root, "test/fixtures/parts");
/** Where the global setup builds a bundle of the fixture parts. */
export const fixtureDist = join(root, ".tmp/fixture-dist");
/** The published entry point. */
export const realBin = join(root, "bin/create-express-auth.js");

/** The parts a default (--yes) project needs. */
export const defaultParts = ["base", "tokens", "passwords", "strategy-jwt", "store-sql"];

/** True when the templates folder has every part a default project needs. */
export function hasDefaultParts(templatesDir: string): boolean {
  return defaultParts.every((part) => existsSync(join(templatesDir, part, "part.json")));
}

/**
 * The CLI that scaffold tests run: the real bundle once templates/ holds the default parts,
 * else the bundle of the fixture parts (the flow under test is the same code).
 */
export function scaffoldingCli(): string {
  return hasDefaultParts(realTemplates) ? realBin : join(fixtureDist, "cli.js");
}
