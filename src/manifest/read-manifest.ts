import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CliError } from "../errors.js";
import { manifestPath, type Manifest } from "./manifest.js";

/** Reads the manifest of a generated project; undefined when the folder has none. */
export function readManifest(projectDir: string): Manifest | undefined {
  let text: string;
  try {
    text = readFileSync(join(projectDir, manifestPath), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw invalid(`is not valid JSON (${(error as Error).message})`);
  }
  const missing = requiredKeys.filter(
    (key) => typeof parsed !== "object" || parsed === null || !(key in parsed),
  );
  if (missing.length > 0) throw invalid(`lacks ${missing.join(", ")}`);
  return parsed as Manifest;
}

const requiredKeys = [
  "version",
  "answers",
  "strategy",
  "db",
  "packageManager",
  "parts",
  "owned",
  "files",
  "binaryFiles",
];

function invalid(problem: string): CliError {
  return new CliError(
    "manifest_invalid",
    `${manifestPath} ${problem}`,
    `Restore it from git (git checkout -- ${manifestPath}); without it the project is treated as one create-express-auth did not create.`,
  );
}
