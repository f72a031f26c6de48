import { describe, expect, it } from "vitest";
import { mergeCompose } from "../../src/merge/compose.js";
import { addMissingEnvValues, mergeEnvExample } from "../../src/merge/env-example.js";
import { mergePackageJson, ownedEntries } from "../../src/merge/package-json.js";
import { conflictLabels, hasConflictMarkers, mergeText } from "../../src/merge/text-merge.js";

const labels = conflictLabels("9.9.9");
const lines = (...values: string[]) => values.map((value) => `${value}\n`).join("");

describe("three-way text merge", () => {
  const base = lines("top", "a", "b", "c", "d", "e", "bottom");

  it("keeps an edit at the top and a generator change at the bottom, without markers", () => {
    const yours = lines("top edited by you", "a", "b", "c", "d", "e", "bottom");
    const theirs = lines("top", "a", "b", "c", "d", "e", "bottom from the generator");
    const merged = mergeText(base, yours, theirs, labels);
    expect(merged).toEqual({
      text: lines("top edited by you", "a", "b", "c", "d", "e", "bottom from the generator"),
      conflicts: 0,
    });
  });

  it("marks lines both sides changed, with the labels, and keeps the rest", () => {
    const merged = mergeText(
      base,
      base.replace("c\n", "c mine\n"),
      base.replace("c\n", "c theirs\n"),
      labels,
    );
    expect(merged.conflicts).toBe(1);
    expect(merged.text).toBe(
      lines(
        "top",
        "a",
        "b",
        "<<<<<<< yours (your edits)",
        "c mine",
        "=======",
        "c theirs",
        ">>>>>>> create-express-auth 9.9.9",
        "d",
        "e",
        "bottom",
      ),
    );
    expect(hasConflictMarkers(merged.text)).toBe(true);
  });

  it("takes the same change made on both sides once", () => {
    const changed = base.replace("d\n", "d both\n");
    expect(mergeText(base, changed, changed, labels)).toEqual({ text: changed, conflicts: 0 });
  });

  it("puts a marker on its own line after a last line without newline", () => {
    const merged = mergeText("x", "mine", "theirs", labels);
    expect(merged.text).toBe(
      lines(
        "<<<<<<< yours (your edits)",
        "mine",
        "=======",
        "theirs",
        ">>>>>>> create-express-auth 9.9.9",
      ),
    );
  });
});

describe("package.json merge", () => {
  const owned = (dependencies: Record<string, string>, scripts: Record<string, string> = {}) =>
    ownedEntries(JSON.stringify({ dependencies, scripts }));

  it("adds what the generator needs now, removes only what it added, never touches the user's", () => {
    const yours = JSON.stringify(
      {
        name: "app",
        scripts: { dev: "node mine.js", test: "vitest run" },
        dependencies: { express: "^5.0.0", jose: "^6.0.0", lodash: "^4.17.21" },
      },
      null,
      2,
    );
    const before = owned(
      { express: "^5.0.0", jose: "^6.0.0" },
      { dev: "tsx src/server.ts", test: "vitest run" },
    );
    const after = owned(
      { express: "^5.3.0", "express-session": "^1.18.0" },
      { dev: "tsx src/server.ts" },
    );

    const merged = mergePackageJson(yours, before, after);
    const result = JSON.parse(merged.text);
    expect(result.dependencies).toEqual({
      express: "^5.3.0",
      "express-session": "^1.18.0",
      lodash: "^4.17.21",
    });
    // dev was changed by the user: kept; test was the generator's and is no longer wanted.
    expect(result.scripts).toEqual({ dev: "node mine.js" });
    expect(result.name).toBe("app");
    expect(merged.changes).toContainEqual({
      section: "dependencies",
      name: "jose",
      change: "removed",
    });
    expect(merged.changes).toContainEqual({
      section: "scripts",
      name: "dev",
      change: "kept-yours",
    });
  });

  it("keeps the user's own range of a dependency the generator also wants", () => {
    const yours = JSON.stringify({ dependencies: { express: "^5.1.0" } });
    const merged = mergePackageJson(yours, owned({}), owned({ express: "^5.3.0", zod: "^4.0.0" }));
    expect(JSON.parse(merged.text).dependencies).toEqual({ express: "^5.1.0", zod: "^4.0.0" });
  });

  it("leaves a dependency the user removed removed", () => {
    const yours = JSON.stringify({ dependencies: { express: "^5.3.0" } });
    const both = owned({ express: "^5.3.0", helmet: "^8.0.0" });
    expect(JSON.parse(mergePackageJson(yours, both, both).text).dependencies).toEqual({
      express: "^5.3.0",
    });
  });
});

describe(".env.example and docker-compose.yml merge by key", () => {
  it("drops the generator's old variables, adds new ones, keeps the user's and their values", () => {
    const base = "# Settings\n\n# Port\nPORT=3000\n\n# Signing key\nJWT_SECRET=change-me\n";
    const yours =
      "# Settings\n\n# Port\nPORT=8080\n\n# Signing key\nJWT_SECRET=change-me\n\n# Mine\nSTRIPE_KEY=sk\n";
    const theirs = "# Settings\n\n# Port\nPORT=3000\n\n# Cookie key\nSESSION_SECRET=change-me\n";
    const merged = mergeEnvExample(base, yours, theirs, labels);
    expect(merged.conflicts).toBe(0);
    expect(merged.text).toBe(
      "# Settings\n\n# Port\nPORT=8080\n\n# Cookie key\nSESSION_SECRET=change-me\n\n# Mine\nSTRIPE_KEY=sk\n",
    );
  });

  it("adds only missing variables to .env and never replaces a value", () => {
    const yours = "PORT=8080\nJWT_SECRET=kept\n";
    const rendered = "# Port\nPORT=3000\n\n# Key\nSESSION_SECRET=fresh\n";
    expect(addMissingEnvValues(yours, rendered)).toBe(
      "PORT=8080\nJWT_SECRET=kept\n\n# Key\nSESSION_SECRET=fresh\n",
    );
    expect(addMissingEnvValues(yours, "PORT=1\n")).toBe(yours);
  });

  it("merges compose by service: the user's stays, postgres goes with its volume, redis comes", () => {
    const postgres = "  postgres:\n    image: postgres:17\n";
    const redis = "  redis:\n    image: redis:8\n";
    const mine = "  mailpit:\n    image: axllent/mailpit\n";
    const base = `services:\n${postgres}volumes:\n  postgres-data:\n`;
    const yours = `services:\n${postgres}${mine}volumes:\n  postgres-data:\n`;
    const theirs = `services:\n${redis}`;
    const merged = mergeCompose(base, yours, theirs, labels);
    expect(merged).toEqual({ text: `services:\n${redis}${mine}`, conflicts: 0, keptEdited: [] });
  });
});
