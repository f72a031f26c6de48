import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { PartManifest } from "./part.js";

/** A file as read from a part folder, before compiling. */
export interface ScannedFile {
  /** Path below files/ or partials/, with forward slashes. */
  source: string;
  bytes: Buffer;
}

/** A part folder as read from disk. */
export interface ScannedPart {
  name: string;
  manifest: PartManifest;
  files: ScannedFile[];
  partials: ScannedFile[];
}

/** Reads every part folder (one holding a part.json) below the templates folder. */
export function scanPartsFolder(templatesDir: string): ScannedPart[] {
  if (!existsSync(templatesDir)) return [];
  return readdirSync(templatesDir, { withFileTypes: true })
    .filter(
      (entry) => entry.isDirectory() && existsSync(join(templatesDir, entry.name, "part.json")),
    )
    .map((entry) => scanPart(join(templatesDir, entry.name), entry.name))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function scanPart(partDir: string, name: string): ScannedPart {
  const manifestText = readFileSync(join(partDir, "part.json"), "utf8");
  let manifest: PartManifest;
  try {
    manifest = JSON.parse(manifestText) as PartManifest;
  } catch (error) {
    throw new Error(`templates/${name}/part.json is not valid JSON: ${(error as Error).message}`);
  }
  return {
    name,
    manifest,
    files: listFiles(join(partDir, "files")),
    partials: listFiles(join(partDir, "partials")),
  };
}

/** Every file below a folder, sorted, with paths relative to it. */
function listFiles(root: string, prefix = ""): ScannedFile[] {
  const dir = join(root, prefix);
  if (!existsSync(dir)) return [];
  const found: ScannedFile[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const source = prefix === "" ? entry : `${prefix}/${entry}`;
    if (statSync(join(root, source)).isDirectory()) found.push(...listFiles(root, source));
    else found.push({ source, bytes: readFileSync(join(root, source)) });
  }
  return found;
}
