import { CliError, exitCodes, toCliError } from "../errors.js";
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
    if (command.command === "recommend") await recommend(command.flags);
    else {
      await createProject(command.dir, command.flags, {
        cwd: process.cwd(),
        env: process.env,
        interactive: canPrompt(command.flags.json),
        // The compiled templates are the largest chunk: only the scaffold loads them.
        loadLibrary: async () => (await import("../parts/bundled-library.js")).loadBundledLibrary(),
      });
    }
    return exitCodes.ok;
  } catch (thrown) {
    const error = toCliError(thrown);
    await report(error, json);
    return error.exitCode;
  }
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
