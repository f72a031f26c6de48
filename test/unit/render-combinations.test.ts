import { describe, expect, it } from "vitest";
import { decide } from "../../src/decide/recommend.js";
import { loadFolderLibrary } from "../../src/parts/folder-library.js";
import { generatedFiles, partsFor } from "../../src/plan/plan.js";
import { renderProject } from "../../src/render/render.js";
import { fixtureParts, hasDefaultParts, realTemplates } from "../helpers/paths.js";
import { planFor, renderableCombinations } from "../helpers/plans.js";

// The real templates join once they hold the default parts; the fixtures always run.
const libraries = [
  { name: "fixture parts", dir: fixtureParts },
  ...(hasDefaultParts(realTemplates) ? [{ name: "templates/", dir: realTemplates }] : []),
];

const text = (value: string | Uint8Array | undefined): string =>
  typeof value === "string" ? value : Buffer.from(value ?? "").toString("utf8");

describe.each(libraries)("every combination with parts in $name", ({ dir }) => {
  const library = loadFolderLibrary(dir);
  const combinations = renderableCombinations(library);

  it("includes the default (--yes) project", () => {
    expect(combinations.length).toBeGreaterThan(0);
    expect(partsFor(decide(combinations[0]!.answers))).toEqual([
      "base",
      "tokens",
      "passwords",
      "strategy-jwt",
      "store-sql",
    ]);
  });

  it("renders, with no two parts on one path and complete package.json and env files", () => {
    for (const { answers, strategy, db } of combinations) {
      const plan = planFor(library, answers, { strategy, db });
      const tree = renderProject(plan, library);
      // Every written file is planned; a planned template may render empty and be left out.
      expect([...tree.keys()].filter((path) => !plan.files.includes(path))).toEqual([]);
      for (const path of generatedFiles) expect(tree.has(path)).toBe(true);
      for (const [path, content] of tree) {
        if (typeof content === "string") expect(content.trim(), path).not.toBe("");
      }

      const packageJson = JSON.parse(text(tree.get("package.json"))) as Record<string, unknown>;
      expect(packageJson).toMatchObject({ name: "demo-api", private: true, type: "module" });

      const env = text(tree.get(".env"));
      const example = text(tree.get(".env.example"));
      for (const part of plan.parts.map((name) => library.get(name)!)) {
        for (const variable of part.manifest.env ?? []) {
          expect(example).toContain(
            `# ${variable.description}\n${variable.name}=${variable.example}\n`,
          );
          const written = variable.generate === "secret" ? "[A-Za-z0-9_-]{64}" : ".*";
          expect(env).toMatch(new RegExp(`^${variable.name}=${written}$`, "m"));
        }
      }
      for (const path of tree.keys()) {
        expect(path).not.toMatch(/\.hbs$|(^|\/)_gitignore$/);
      }
    }
  });
});
