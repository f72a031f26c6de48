import type { Answers, Strategy } from "../decide/answers.js";
import type { OwnedPackageEntries } from "../merge/package-json.js";
import type { Database } from "../plan/database.js";
import type { PackageManager } from "../plan/package-manager.js";

/**
 * Where the manifest lives, at the project root. One file holds the record and every merge
 * base, so it is written in one atomic step and can never disagree with itself.
 */
export const manifestPath = ".create-express-auth.json";

/** Files the manifest never keeps a merge base of: `.env` holds secrets and stays out of git. */
export const filesWithoutBase = new Set([".env", manifestPath]);

/** What the generator owns outside its own files, so an update can remove what it added. */
export interface OwnedEntries {
  /** package.json entries the generator wrote, by section. */
  packageJson: OwnedPackageEntries;
  /** Variables of `.env.example` the generator wrote. */
  env: string[];
  /** docker-compose.yml services the generator wrote. */
  services: string[];
}

/** The manifest: how the project was generated, and what was generated for each file. */
export interface Manifest {
  /** Says what the file is to someone who opens it. */
  about: string;
  /** The generator version that wrote the merge bases. */
  version: string;
  /** A command that generates this project again from scratch. */
  command: string;
  /** The package name the templates were rendered with. */
  projectName: string;
  answers: Answers;
  /** The strategy in use; an update keeps it unless told to switch. */
  strategy: Strategy;
  db: Database;
  packageManager: PackageManager;
  /** True when auth was added to a repository the generator did not create. */
  adopted: boolean;
  /** The parts the project was composed from. */
  parts: string[];
  owned: OwnedEntries;
  /** The merge base of each generated text file: its content as generated last time. */
  files: Record<string, string>;
  /** The merge base of each generated binary file, base64. */
  binaryFiles: Record<string, string>;
}

/** The sentence the manifest opens with. */
export const manifestAbout =
  "Written by create-express-auth: what it generated for each file, so that an update or a " +
  "strategy switch can merge with your edits. Commit it; do not edit it.";
