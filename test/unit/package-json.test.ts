import { describe, expect, it } from "vitest";
import type { Part } from "../../src/parts/part.js";
import { buildPackageJson } from "../../src/render/package-json.js";

function part(name: string, manifest: Part["manifest"]): Part {
  return { name, manifest, files: [], partials: {}, envValues: {} };
}

const store = part("store-demo", {
  dependencies: { redis: "^6.0.0" },
  strategies: {
    session: { dependencies: { "connect-redis": "^11.0.0" }, devDependencies: { x: "^1.0.0" } },
  },
});

describe("package.json entries a part adds for one strategy", () => {
  it("are added when that strategy is chosen", () => {
    const packageJson = buildPackageJson("demo", [store], "session");
    expect(packageJson.dependencies).toEqual({ "connect-redis": "^11.0.0", redis: "^6.0.0" });
    expect(packageJson.devDependencies).toEqual({ x: "^1.0.0" });
  });

  it("are left out for every other strategy", () => {
    const packageJson = buildPackageJson("demo", [store], "jwt");
    expect(packageJson.dependencies).toEqual({ redis: "^6.0.0" });
    expect(packageJson.devDependencies).toEqual({});
  });

  it("may not change a range another part set", () => {
    const strategy = part("strategy-session", { dependencies: { "connect-redis": "^10.0.0" } });
    expect(() => buildPackageJson("demo", [strategy, store], "session")).toThrow(
      /changes dependencies.connect-redis/,
    );
  });
});
