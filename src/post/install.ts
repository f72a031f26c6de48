import { CliError } from "../errors.js";
import { installCommand, type PackageManager } from "../plan/package-manager.js";
import type { Progress } from "./progress.js";

/** Installs the generated project's dependencies with the chosen package manager. */
export async function installDependencies(
  targetDir: string,
  packageManager: PackageManager,
  progress: Progress,
): Promise<void> {
  const { execa } = await import("execa");
  const command = installCommand(packageManager);
  progress.start(`Installing dependencies (${command})`);

  const result = await execa(packageManager, ["install"], { cwd: targetDir, reject: false });
  if (result.exitCode === 0 && result.failed !== true) {
    progress.stop(`Installed dependencies with ${packageManager}`);
    return;
  }

  progress.fail(`${command} failed`);
  const output = `${result.stderr ?? ""}\n${result.stdout ?? ""}`
    .trim()
    .split("\n")
    .slice(-15)
    .join("\n");
  throw new CliError(
    "install_failed",
    `${command} failed in ${targetDir}${result.code === "ENOENT" ? ` (${packageManager} is not installed)` : ""}:\n${output}`,
    `The project is written; fix the problem and run ${command} inside it, or pass --pm with another package manager.`,
  );
}
