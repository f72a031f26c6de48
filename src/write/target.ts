import { readdirSync } from "node:fs";
import { CliError } from "../errors.js";

/** Refuses a target folder that exists and holds anything: this tool never deletes user files. */
export function checkTargetEmpty(targetDir: string, shownAs: string): void {
  let entries: string[];
  try {
    entries = readdirSync(targetDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    if ((error as NodeJS.ErrnoException).code === "ENOTDIR") entries = [""];
    else throw error;
  }
  if (entries.length === 0) return;
  throw new CliError(
    "target_not_empty",
    `${shownAs} already exists and is not empty`,
    `Pick a new folder name, or add auth to the app in it with \`create-express-auth update ${shownAs}\`; ` +
      "create-express-auth never deletes files.",
  );
}
