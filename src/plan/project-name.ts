import { CliError } from "../errors.js";

const npmNamePattern = /^[a-z0-9][a-z0-9._~-]*$/;
const reservedNames = new Set(["node_modules", "favicon.ico"]);

/** Refuses a folder name that cannot be the generated project's npm package name. */
export function checkProjectName(name: string): void {
  if (name.length <= 214 && npmNamePattern.test(name) && !reservedNames.has(name)) return;
  throw new CliError(
    "invalid_project_name",
    `"${name}" is not a valid project name`,
    "The folder name becomes the package name: use lowercase letters, digits, '-', '.', '_' or '~', start with a letter or digit, at most 214 characters (e.g. my-api).",
  );
}
