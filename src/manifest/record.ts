import type { Answers } from "../decide/answers.js";
import { composeServices } from "../merge/compose-blocks.js";
import { envKeys } from "../merge/env-blocks.js";
import { ownedEntries, emptyOwnedEntries } from "../merge/package-json.js";
import type { Plan } from "../plan/plan.js";
import type { FileTree } from "../render/render.js";
import { toolVersion } from "../version.js";
import { formatJson } from "./format-json.js";
import { filesWithoutBase, manifestAbout, manifestPath, type Manifest } from "./manifest.js";

/** The content of a file as text, or undefined for bytes that are not UTF-8 text. */
export function asText(content: string | Uint8Array): string | undefined {
  if (typeof content === "string") return content;
  if (content.includes(0)) return undefined;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(content);
  } catch {
    return undefined;
  }
}

/** The manifest of a freshly rendered tree: the plan's settings and every file as merge base. */
export function buildManifest(plan: Plan, tree: FileTree, adopted = false): Manifest {
  const files: Record<string, string> = {};
  const binaryFiles: Record<string, string> = {};
  for (const [path, content] of tree) {
    if (filesWithoutBase.has(path)) continue;
    const text = asText(content);
    if (text === undefined) binaryFiles[path] = Buffer.from(content).toString("base64");
    else files[path] = text;
  }

  return {
    about: manifestAbout,
    version: toolVersion,
    command: reproduceCommand(plan),
    projectName: plan.projectName,
    answers: plan.answers,
    strategy: plan.decision.strategy,
    db: plan.db,
    packageManager: plan.packageManager,
    adopted,
    parts: plan.parts,
    owned: {
      packageJson: files["package.json"]
        ? ownedEntries(files["package.json"])
        : emptyOwnedEntries(),
      env: envKeys(files[".env.example"] ?? ""),
      services: composeServices(files["docker-compose.yml"] ?? ""),
    },
    files,
    binaryFiles,
  };
}

/** The rendered tree with its manifest added, ready to write. */
export function withManifest(tree: FileTree, plan: Plan, adopted = false): FileTree {
  const entries: [string, string | Uint8Array][] = [...tree];
  entries.push([manifestPath, formatJson(buildManifest(plan, tree, adopted))]);
  return new Map(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** A command that generates the same project from scratch with this version. */
export function reproduceCommand(plan: Plan): string {
  return [
    `npx create-express-auth@${toolVersion}`,
    plan.projectName,
    ...answerFlags(plan.answers),
    `--strategy ${plan.decision.strategy}`,
    `--db ${plan.db}`,
    `--pm ${plan.packageManager}`,
  ].join(" ");
}

function answerFlags(answers: Answers): string[] {
  const flag = (name: string, on: boolean) => (on ? `--${name}` : `--no-${name}`);
  return [
    flag("web", answers.web),
    flag("redis", answers.redis),
    `--social ${answers.social.length === 0 ? "none" : answers.social.join(",")}`,
    flag("passwords", answers.passwords),
    flag("instant-revoke", answers.instantRevoke),
    flag("mtls", answers.mtls),
  ];
}

/** The merge bases the manifest records: each generated file as it was generated last time. */
export function baseTree(manifest: Manifest): FileTree {
  const tree: FileTree = new Map(Object.entries(manifest.files));
  for (const [path, base64] of Object.entries(manifest.binaryFiles))
    tree.set(path, Buffer.from(base64, "base64"));
  return tree;
}
