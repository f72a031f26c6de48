import { execFileSync } from "node:child_process";
import { fixtureDist, fixtureParts, root } from "./helpers/paths.js";

/** Builds the real bundle and one from the fixture parts, so the CLI tests run what ships. */
export default function setup(): void {
  const build = (args: string[]) =>
    execFileSync(process.execPath, ["scripts/build.mjs", ...args], { cwd: root, stdio: "inherit" });
  build([]);
  build(["--templates", fixtureParts, "--outdir", fixtureDist]);
}
