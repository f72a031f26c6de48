/** Package managers the generated project's commands can be written for. */
export const packageManagers = ["npm", "pnpm", "yarn", "bun"] as const;
export type PackageManager = (typeof packageManagers)[number];

/**
 * The package manager that ran this tool, read from the user agent npm, pnpm, yarn and bun
 * set (`pnpm/9.15.5 npm/? node/v20.17.0 linux x64`); npm when unknown.
 */
export function detectPackageManager(userAgent: string | undefined): PackageManager {
  const name = userAgent?.split(" ")[0]?.split("/")[0];
  return packageManagers.find((manager) => manager === name) ?? "npm";
}

/** How to run a package.json script with the manager, e.g. `npm run` or `pnpm`. */
export function runCommand(manager: PackageManager): string {
  return manager === "npm" || manager === "bun" ? `${manager} run` : manager;
}

/** The command that installs dependencies, as a person would type it. */
export function installCommand(manager: PackageManager): string {
  return manager === "yarn" ? "yarn" : `${manager} install`;
}
