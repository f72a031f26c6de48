import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { CliError, exitCodes, toCliError } from "../errors.js";
import { manifestPath } from "../manifest/manifest.js";
import { removeUnfinishedWrites } from "../write/write-tree.js";
import { createProject } from "./create.js";
import { canPrompt } from "./environment.js";
import { printJson } from "./output.js";
import { parseCommandLine } from "./parse.js";
import { recommend } from "./recommend.js";
import { reporterFor } from "./reporter.js";

/** Runs the tool and returns the exit code; the only place that prints errors. */
export async function main(argv: string[]): Promise<number> {
  const json = argv.includes("--json");
  try {
    const command = parseCommandLine(argv, process.stdout);
    if (command.command === "done") return command.exitCode;
    if (command.command === "recommend") {
      await recommend(command.flags);
      return exitCodes.ok;
    }
    const context = {
      cwd: process.cwd(),
      env: process.env,
      interactive: canPrompt(command.flags.json),
      // The compiled templates are the largest chunk: only the scaffold and update load them.
      loadLibrary: async () => (await import("../parts/bundled-library.js")).loadBundledLibrary(),
    };
    // Pointed at a project it generated, the main command updates it.
    if (command.command === "update" || isGeneratedProject(command.dir)) {
      const flags =
        command.command === "update"
          ? command.flags
          : { ...command.flags, force: false, allowDirty: false };
      // The merge code loads only here, so the scaffold's start-up does not pay for it.
      return await (await import("./update.js")).updateProject(command.dir, flags, context);
    }
    await createProject(command.dir, command.flags, context);
    return exitCodes.ok;
  } catch (thrown) {
    const error = toCliError(thrown);
    await report(error, json);
    return error.exitCode;
  }
}

/** True when the folder holds the manifest create-express-auth writes into every project. */
function isGeneratedProject(dir: string | undefined): boolean {
  return dir !== undefined && existsSync(join(resolve(dir), manifestPath));
}

/** Prints an error for a person (message and hint, no stack) or as the JSON document. */
async function report(error: CliError, json: boolean): Promise<void> {
  if (json) {
    printJson({ ok: false, error: error.toJSON() });
    return;
  }
  if (error.code === "cancelled") return;
  const reporter = await reporterFor(process.stderr);
  reporter.error(error.message, error.hint);
}

/** Ctrl-C outside a prompt (while writing, installing): leave nothing half-made, exit 130. */
export function exitOnInterrupt(): void {
  process.on("SIGINT", () => {
    removeUnfinishedWrites();
    if (process.stdin.isTTY) process.stdin.setRawMode(false);
    process.exit(exitCodes.cancelled);
  });
}
