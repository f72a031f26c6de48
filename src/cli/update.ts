import { existsSync, readFileSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import type { Answers, Strategy } from "../decide/answers.js";
import { decide } from "../decide/recommend.js";
import { CliError, exitCodes } from "../errors.js";
import { manifestPath, type Manifest } from "../manifest/manifest.js";
import { readManifest } from "../manifest/read-manifest.js";
import { baseTree, buildManifest } from "../manifest/record.js";
import { formatJson } from "../manifest/format-json.js";
import { emptyOwnedEntries } from "../merge/package-json.js";
import { conflictLabels } from "../merge/text-merge.js";
import type { PartLibrary } from "../parts/part.js";
import { detectPackageManager, installCommand } from "../plan/package-manager.js";
import { checkPartsAvailable, partsFor, type Plan } from "../plan/plan.js";
import { renderProject } from "../render/render.js";
import { applyFileChanges } from "../update/atomic-write.js";
import {
  conflictPolicies,
  conflictsOf,
  fileChanges,
  leavesMarkers,
  type ConflictPolicy,
} from "../update/conflict-policy.js";
import { changesNothing, countActions, type UpdatePlan } from "../update/file-actions.js";
import { uncommittedChanges } from "../update/git-state.js";
import { mountLines } from "../update/mount-lines.js";
import { planUpdate } from "../update/plan-update.js";
import { toolVersion } from "../version.js";
import { flagUsage, missingAnswersError, openQuestions, withDefaults } from "./answers.js";
import { printJson } from "./output.js";
import type { Flags } from "./parse.js";
import { askQuestions } from "./prompts.js";
import { loadPrompts, promptsReporter, reporterFor, type Reporter } from "./reporter.js";

/** The flags of the update command on top of the scaffold's. */
export interface UpdateFlags extends Flags {
  /** Overwrite files create-express-auth did not write. */
  force: boolean;
  /** Run even with uncommitted changes in the repository. */
  allowDirty: boolean;
  onConflict?: ConflictPolicy;
}

/** Where the update runs and what it may use. */
export interface UpdateContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  interactive: boolean;
  loadLibrary: () => Promise<PartLibrary>;
}

/**
 * The update command, step by step: find the project and its manifest, settle the answers,
 * render what this version generates, plan each file against the merge base, settle
 * conflicts, then write every file atomically and the manifest last. Returns the exit code.
 */
export async function updateProject(
  dirFlag: string | undefined,
  flags: UpdateFlags,
  context: UpdateContext,
): Promise<number> {
  // 1. The project: a folder with a package.json; its manifest, if the tool created it.
  const targetDir = resolve(context.cwd, dirFlag ?? ".");
  const packageJsonText = readProjectPackageJson(targetDir, dirFlag ?? ".");
  const manifest = readManifest(targetDir);
  if (!flags.dryRun && !flags.allowDirty) checkCommitted(targetDir);

  // 2. The answers: recorded ones overlaid by flags; a repository new to the tool needs them all.
  const prompts = context.interactive ? await loadPrompts() : undefined;
  const reporter = flags.json
    ? undefined
    : prompts
      ? promptsReporter(prompts)
      : await reporterFor(process.stdout);
  reporter?.intro(
    manifest ? "create-express-auth update" : "create-express-auth: add auth to this app",
  );
  const answers = await settleAnswers(manifest, flags, prompts && !flags.yes ? prompts : undefined);

  // 3. The plan of the project as this version generates it, rendered in memory.
  const library = await context.loadLibrary();
  const plan = projectPlan(targetDir, manifest, packageJsonText, answers, flags, context, library);
  const next = renderProject(plan, library);

  // 4. Each file against its merge base and the disk: create, update, merge, conflict, delete, keep.
  const update = planUpdate({
    base: manifest ? baseTree(manifest) : new Map(),
    current: (path) => readIfFile(join(targetDir, path)),
    next,
    ownedBefore: manifest?.owned.packageJson ?? emptyOwnedEntries(),
    labels: conflictLabels(toolVersion),
    force: flags.force,
  });
  const manifestText = nextManifestText(plan, next, update, manifest);
  const manifestChanged = manifestText !== readIfText(join(targetDir, manifestPath));
  const summary = describeUpdate(update, manifest, plan);

  // 5. A dry run stops here with the plan.
  if (flags.dryRun) {
    if (reporter) {
      showUpdatePlan(reporter, update);
      reporter.outro(`Dry run: nothing was written. ${summary}`);
    } else printJson({ ok: true, dryRun: true, ...updateDocument(update, plan, manifest) });
    return exitCodes.ok;
  }
  if (changesNothing(update) && !manifestChanged) {
    if (reporter) {
      showUpdatePlan(reporter, update, false);
      reporter.outro(
        `Nothing changed: ${relative(context.cwd, targetDir) || "."} already matches create-express-auth ${toolVersion} with these answers.`,
      );
    } else
      printJson({
        ok: true,
        dryRun: false,
        changed: false,
        ...updateDocument(update, plan, manifest),
      });
    return exitCodes.ok;
  }

  // 6. Conflicts: the policy flag, else asked on a terminal, else stop before writing.
  const conflicts = conflictsOf(update).map((action) => action.path);
  const policy =
    conflicts.length === 0 ? "markers" : await settlePolicy(flags, conflicts, prompts, reporter);
  if (policy === "abort") {
    throw new CliError(
      "conflicts_found",
      `Stopped before writing: your edits and create-express-auth ${toolVersion} change the same lines in ${conflicts.join(", ")}`,
      "Run again with --on-conflict markers to merge with conflict markers, or --on-conflict keep-mine to keep your versions of those files.",
    );
  }

  // 7. Write each file atomically, the manifest last, so an interruption never leaves a base ahead of its file.
  const changes = fileChanges(update, policy);
  applyFileChanges(
    targetDir,
    manifestChanged ? [...changes, [manifestPath, manifestText]] : changes,
  );
  const markers = leavesMarkers(update, policy);

  // 8. The report: what changed, what is left to do, and the exit code.
  const mount = manifest ? undefined : mountLines(packageJsonText);
  if (reporter) {
    showUpdatePlan(reporter, update);
    if (conflicts.length > 0) {
      reporter.warn(
        markers
          ? `Conflicts left to resolve (search for <<<<<<<): ${conflicts.join(", ")}`
          : `Kept your version of: ${conflicts.join(", ")}; the generator's changes there were not applied.`,
      );
    }
    if (
      update.actions.some((action) => action.path === "package.json" && action.action === "merge")
    )
      reporter.info(`Dependencies changed: run ${installCommand(plan.packageManager)}.`);
    if (mount) reporter.note(mount.lines.join("\n"), `Mount auth in ${mount.entry}`);
    reporter.outro(summary);
  } else {
    printJson({
      ok: !markers,
      dryRun: false,
      changed: true,
      ...updateDocument(update, plan, manifest),
      ...(mount ? { mount } : {}),
    });
  }
  return markers ? exitCodes.conflicts : exitCodes.ok;
}

/** The package.json of the project folder; without one there is nothing to update. */
function readProjectPackageJson(targetDir: string, shownAs: string): string {
  const text = readIfText(join(targetDir, "package.json"));
  if (text !== undefined) return text;
  throw new CliError(
    "not_a_project",
    `${shownAs} has no package.json, so it is no project to update or add auth to`,
    "Create a new project with create-express-auth <dir>, or run update inside a project folder.",
  );
}

/** Refuses to write into a repository with uncommitted changes: they could not be told apart from the update's. */
function checkCommitted(targetDir: string): void {
  const changes = uncommittedChanges(targetDir);
  if (changes === undefined || changes.length === 0) return;
  throw new CliError(
    "repo_dirty",
    `The repository has uncommitted changes (${changes.length} file(s), e.g. ${changes[0]?.slice(3)})`,
    "Commit or stash them first so the update's changes show on their own in git diff, or pass --allow-dirty.",
  );
}

/** Recorded answers with flags on top; for a repository new to the tool, flags, then questions, then defaults. */
async function settleAnswers(
  manifest: Manifest | undefined,
  flags: UpdateFlags,
  prompts: Awaited<ReturnType<typeof loadPrompts>> | undefined,
): Promise<Answers> {
  if (manifest) return { ...manifest.answers, ...flags.answers };
  const open = flags.yes ? [] : openQuestions(flags);
  if (open.length > 0 && prompts === undefined) throw missingAnswersError(open.map(flagUsage));
  const asked = prompts ? await askQuestions(prompts, open) : {};
  return withDefaults({ ...flags.answers, ...asked });
}

/** The plan of the project as it is to be: recorded settings, overridden by flags. */
function projectPlan(
  targetDir: string,
  manifest: Manifest | undefined,
  packageJsonText: string,
  answers: Answers,
  flags: UpdateFlags,
  context: UpdateContext,
  library: PartLibrary,
): Plan {
  // A switch is explicit: the recorded strategy stays even if a newer engine would pick another.
  const strategy: Strategy | undefined = flags.strategy ?? manifest?.strategy;
  const decision = decide(answers, strategy);
  const parts = partsFor(decision);
  checkPartsAvailable(parts, library);
  return {
    dir: targetDir,
    answers,
    decision,
    db: flags.db ?? manifest?.db ?? "sqlite",
    packageManager:
      flags.pm ??
      manifest?.packageManager ??
      detectPackageManager(context.env.npm_config_user_agent),
    install: false,
    git: false,
    projectName: manifest?.projectName ?? packageName(packageJsonText, targetDir),
    targetDir,
    parts,
    files: [],
  };
}

function packageName(packageJsonText: string, targetDir: string): string {
  try {
    const name = (JSON.parse(packageJsonText) as { name?: unknown }).name;
    if (typeof name === "string" && name !== "") return name;
  } catch {
    // The folder name serves when package.json has no usable name.
  }
  return basename(targetDir);
}

/** The manifest after the update: only files the generator still owns keep a merge base. */
function nextManifestText(
  plan: Plan,
  next: Map<string, string | Uint8Array>,
  update: UpdatePlan,
  previous: Manifest | undefined,
): string {
  const owned = new Set(
    update.actions.filter((action) => action.base !== undefined).map((action) => action.path),
  );
  const manifest = buildManifest(plan, next, previous?.adopted ?? previous === undefined);
  const keep = <T>(record: Record<string, T>) =>
    Object.fromEntries(Object.entries(record).filter(([path]) => owned.has(path)));
  return formatJson({
    ...manifest,
    files: keep(manifest.files),
    binaryFiles: keep(manifest.binaryFiles),
  });
}

/** Asks on a terminal; without one, the flag must say, or nothing is written. */
async function settlePolicy(
  flags: UpdateFlags,
  conflicts: string[],
  prompts: Awaited<ReturnType<typeof loadPrompts>> | undefined,
  reporter: Reporter | undefined,
): Promise<ConflictPolicy> {
  if (flags.onConflict !== undefined) return flags.onConflict;
  if (prompts === undefined) {
    throw new CliError(
      "conflict_policy_missing",
      `Your edits and create-express-auth ${toolVersion} change the same lines in ${conflicts.join(", ")}; nothing was written`,
      `Pass --on-conflict ${conflictPolicies.join("|")}: markers writes git-style conflict markers to resolve, keep-mine keeps your versions, abort changes nothing.`,
    );
  }
  reporter?.warn(`Both you and the generator changed the same lines in: ${conflicts.join(", ")}`);
  const choice = await prompts.select<ConflictPolicy>({
    message: "How should those files be written?",
    options: [
      {
        value: "markers",
        label: "Merge with conflict markers",
        hint: "resolve them like a git merge",
      },
      {
        value: "keep-mine",
        label: "Keep my versions",
        hint: "the generator's changes there are dropped",
      },
      { value: "abort", label: "Stop and write nothing" },
    ],
  });
  return prompts.isCancel(choice) ? "abort" : choice;
}

/** One line per file for people; files left as they were only when `withKept`. */
function showUpdatePlan(reporter: Reporter, update: UpdatePlan, withKept = true): void {
  const width = Math.max(...update.actions.map((action) => action.action.length));
  const lines = update.actions
    .filter((action) => action.reason !== "up to date")
    .filter((action) => withKept || action.action !== "keep")
    .map((action) => `${action.action.padEnd(width)}  ${action.path}  (${action.reason})`);
  if (lines.length > 0) reporter.lines(lines);
}

/** A sentence that counts what the update does. */
function describeUpdate(update: UpdatePlan, manifest: Manifest | undefined, plan: Plan): string {
  const counts = countActions(update);
  const parts = Object.entries(counts)
    .filter(([, count]) => count > 0)
    .map(([action, count]) => `${count} ${action}`);
  const switched =
    manifest && manifest.strategy !== plan.decision.strategy
      ? ` Strategy ${manifest.strategy} -> ${plan.decision.strategy}.`
      : "";
  return `${parts.join(", ")}.${switched}`;
}

/** The update as data, for --json. */
function updateDocument(update: UpdatePlan, plan: Plan, manifest: Manifest | undefined): object {
  return {
    targetDir: plan.targetDir,
    fromVersion: manifest?.version ?? null,
    toVersion: toolVersion,
    fromStrategy: manifest?.strategy ?? null,
    strategy: plan.decision.strategy,
    counts: countActions(update),
    conflicts: conflictsOf(update).map((action) => action.path),
    files: update.actions.map((action) => ({
      path: action.path,
      action: action.action,
      reason: action.reason,
      ...(action.conflicts === undefined ? {} : { conflicts: action.conflicts }),
    })),
  };
}

function readIfFile(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "EISDIR" || code === "ENOTDIR") return undefined;
    throw error;
  }
}

function readIfText(path: string): string | undefined {
  return existsSync(path) ? readIfFile(path)?.toString("utf8") : undefined;
}
