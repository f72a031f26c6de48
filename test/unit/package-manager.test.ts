import { describe, expect, it } from "vitest";
import {
  detectPackageManager,
  installCommand,
  runCommand,
} from "../../src/plan/package-manager.js";

describe("package manager detection", () => {
  it.each([
    ["pnpm/9.15.5 npm/? node/v20.17.0 linux x64", "pnpm"],
    ["yarn/1.22.22 npm/? node/v20.17.0 linux x64", "yarn"],
    ["bun/1.1.0 npm/? node/v20.17.0 linux x64", "bun"],
    ["npm/10.8.2 node/v20.17.0 linux x64 workspaces/false", "npm"],
    ["deno/2.0.0", "npm"],
    [undefined, "npm"],
    ["", "npm"],
  ])("%s -> %s", (userAgent, expected) => {
    expect(detectPackageManager(userAgent)).toBe(expected);
  });

  it("writes each manager's own commands", () => {
    expect(runCommand("npm")).toBe("npm run");
    expect(runCommand("pnpm")).toBe("pnpm");
    expect(runCommand("yarn")).toBe("yarn");
    expect(runCommand("bun")).toBe("bun run");
    expect(installCommand("yarn")).toBe("yarn");
    expect(installCommand("pnpm")).toBe("pnpm install");
  });
});
