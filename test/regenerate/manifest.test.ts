import * as prettier from "prettier";
import { describe, expect, it } from "vitest";
import { parseCommandLine } from "../../src/cli/parse.js";
import { manifestPath, type Manifest } from "../../src/manifest/manifest.js";
import { baseTree, withManifest } from "../../src/manifest/record.js";
import { loadFolderLibrary } from "../../src/parts/folder-library.js";
import { renderProject } from "../../src/render/render.js";
import { fixtureParts, realTemplates } from "../helpers/paths.js";
import { defaultAnswers, planFor } from "../helpers/plans.js";

const text = (value: string | Uint8Array | undefined) =>
  typeof value === "string" ? value : Buffer.from(value ?? "").toString("utf8");

describe("the manifest", () => {
  const library = loadFolderLibrary(realTemplates);
  const answers = { ...defaultAnswers, instantRevoke: true };
  const plan = planFor(library, answers, {
    strategy: "jwt",
    db: "postgres",
    packageManager: "pnpm",
  });
  const tree = withManifest(renderProject(plan, library), plan);
  const manifestText = text(tree.get(manifestPath));
  const manifest = JSON.parse(manifestText) as Manifest;

  it("passes the generated project's own formatter check", async () => {
    const options = JSON.parse(text(tree.get(".prettierrc.json"))) as prettier.Options;
    expect(await prettier.check(manifestText, { ...options, filepath: manifestPath })).toBe(true);
  });

  it("records a command that parses back to the same answers and settings", () => {
    const parsed = parseCommandLine(manifest.command.split(" ").slice(2), {
      write: () => undefined,
    });
    expect(parsed.command).toBe("create");
    if (parsed.command !== "create") return;
    expect(parsed.dir).toBe(plan.projectName);
    expect(parsed.flags.answers).toEqual(answers);
    expect(parsed.flags).toMatchObject({ strategy: "jwt", db: "postgres", pm: "pnpm" });
  });

  it("keeps every generated file but .env as its merge base, and what it owns outside them", () => {
    const bases = baseTree(manifest);
    expect([...bases.keys()].sort()).toEqual(
      [...tree.keys()].filter((path) => path !== ".env" && path !== manifestPath).sort(),
    );
    for (const [path, content] of bases) expect(text(content), path).toBe(text(tree.get(path)));
    expect(manifest.owned.env).toContain("JWT_SECRET");
    expect(manifest.owned.packageJson.dependencies).toHaveProperty("jose");
    expect(manifest.owned.services).toEqual(["postgres"]);
  });

  it("keeps binary files byte for byte", () => {
    const fixtures = loadFolderLibrary(fixtureParts);
    const fixturePlan = planFor(fixtures);
    const rendered = withManifest(renderProject(fixturePlan, fixtures), fixturePlan);
    const recorded = JSON.parse(text(rendered.get(manifestPath))) as Manifest;
    expect(Object.keys(recorded.binaryFiles)).toEqual(["public/logo.png"]);
    expect(Buffer.from(baseTree(recorded).get("public/logo.png") as Uint8Array)).toEqual(
      Buffer.from(rendered.get("public/logo.png") as Uint8Array),
    );
  });
});
