import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeTree } from "../../src/write/write-tree.js";
import { entries, tempDir } from "../helpers/run.js";

describe("atomic write", () => {
  it("writes every file of the tree, creating missing parent folders", () => {
    const cwd = tempDir();
    const tree = new Map<string, string | Uint8Array>([
      ["a.txt", "A"],
      ["deep/b.bin", new Uint8Array([0, 1, 2])],
    ]);
    writeTree(tree, join(cwd, "nested/project"));
    expect(readFileSync(join(cwd, "nested/project/a.txt"), "utf8")).toBe("A");
    expect([...readFileSync(join(cwd, "nested/project/deep/b.bin"))]).toEqual([0, 1, 2]);
    expect(entries(join(cwd, "nested"))).toEqual(["project"]);
  });

  it("leaves nothing behind, not even new parent folders, when a write fails", () => {
    const cwd = tempDir();
    // "clash" is a file and then a folder: the second write fails half-way through.
    const tree = new Map<string, string>([
      ["one.txt", "1"],
      ["clash", "file"],
      ["clash/inner.txt", "2"],
    ]);
    expect(() => writeTree(tree, join(cwd, "nested/project"))).toThrow();
    expect(entries(cwd)).toEqual([]);
  });

  it("fills an empty folder that exists", () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, "empty"));
    writeTree(new Map([["x.txt", "x"]]), join(cwd, "empty"));
    expect(existsSync(join(cwd, "empty/x.txt"))).toBe(true);
    expect(entries(cwd)).toEqual(["empty"]);
  });
});
