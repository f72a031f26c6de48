import { basename, resolve } from "node:path";
import type { Database } from "./database.js";
import type { Answers, Decision } from "../decide/answers.js";
import { CliError } from "../errors.js";
import type { PartLibrary } from "../parts/part.js";
import type { PackageManager } from "./package-manager.js";
import { checkProjectName } from "./project-name.js";

/** Files every project gets that no part writes: the tool builds them from the parts. */
export const generatedFiles = ["package.json", ".env", ".env.example"] as const;

/** Everything settled before rendering: answers, decision and the chosen settings. */
export interface ResolvedOptions {
  /** The target folder as the user typed it. */
  dir: string;
  answers: Answers;
  decision: Decision;
  db: Database;
  packageManager: PackageManager;
  install: boolean;
  git: boolean;
}

/** What will be written where: the resolved options, the parts and every file. */
export interface Plan extends ResolvedOptions {
  projectName: string;
  /** Absolute path of the folder to create. */
  targetDir: string;
  parts: string[];
  /** Every file of the project, sorted. */
  files: string[];
}

/** The parts a decision needs, in the order they are merged. */
export function partsFor(decision: Decision): string[] {
  return [
    "base",
    // Refresh-token families, device sessions and their routes serve both Bearer strategies.
    ...(decision.strategy === "session" ? [] : ["tokens"]),
    // Password hashing, the strength check and the account routes' logic; social-only projects
    // leave out argon2, a native module that builds at install.
    ...(decision.passwords ? ["passwords"] : []),
    `strategy-${decision.strategy}`,
    `store-${decision.store}`,
    // Code every provider shares (identities, linking, the social route) comes once, first.
    ...(decision.providers.length > 0 ? ["social"] : []),
    ...decision.providers.map((provider) => `provider-${provider}`),
    // The browser redirect flow builds on the providers' settings and the shared linking.
    ...(decision.webProviders.length > 0 ? ["social-web"] : []),
    ...decision.webProviders.map((provider) => `web-${provider}`),
    ...decision.layers.map((layer) => `layer-${layer}`),
  ];
}

/** Resolves the target, checks every part exists and lists every file to write. */
export function buildPlan(options: ResolvedOptions, library: PartLibrary, cwd: string): Plan {
  const targetDir = resolve(cwd, options.dir);
  const projectName = basename(targetDir);
  checkProjectName(projectName);

  const parts = partsFor(options.decision);
  checkPartsAvailable(parts, library);

  return { ...options, projectName, targetDir, parts, files: listFiles(parts, library) };
}

/** Refuses a decision whose parts this version does not have, saying what it can write. */
export function checkPartsAvailable(parts: string[], library: PartLibrary): void {
  const missing = parts.filter((name) => library.get(name) === undefined);
  if (missing.length === 0) return;

  const available = library.names();
  const strategies = suffixes(available, "strategy-");
  const stores = suffixes(available, "store-");
  const hintFlags = [
    strategies[0] === undefined ? undefined : `--strategy ${strategies[0]}`,
    stores.includes("redis") ? undefined : "--no-redis",
    missing.some((name) => name.startsWith("provider-")) ? "--social none" : undefined,
    missing.some((name) => name.startsWith("layer-mtls")) ? "--no-mtls" : undefined,
  ].filter((flag) => flag !== undefined);

  throw new CliError(
    "part_missing",
    `This version of create-express-auth cannot write ${missing.join(", ")} yet. ` +
      `It writes strategy ${describe(strategies)} with store ${describe(stores)}` +
      `${stores.includes("redis") ? "" : " (no Redis)"}.`,
    `Pick what it has: ${hintFlags.join(" ")}`,
  );
}

function suffixes(names: string[], prefix: string): string[] {
  return names.filter((name) => name.startsWith(prefix)).map((name) => name.slice(prefix.length));
}

function describe(values: string[]): string {
  return values.length === 0 ? "(none)" : values.join(", ");
}

/** Every output path of the parts plus the generated files; two writers of one path is a bug. */
function listFiles(parts: string[], library: PartLibrary): string[] {
  const writers = new Map<string, string>(generatedFiles.map((path) => [path, "the tool"]));
  for (const name of parts) {
    for (const file of library.get(name)?.files ?? []) {
      const earlier = writers.get(file.path);
      if (earlier !== undefined) {
        throw new CliError(
          "part_conflict",
          `Parts ${earlier} and ${name} both write ${file.path}`,
          "A template bug: each path belongs to one part.",
        );
      }
      writers.set(file.path, name);
    }
  }
  return [...writers.keys()].sort();
}
