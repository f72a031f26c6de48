import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CliError } from "../../src/errors.js";
import { thrownCliError } from "../helpers/errors.js";
import { loadFolderLibrary } from "../../src/parts/folder-library.js";
import { renderProject } from "../../src/render/render.js";
import { fixtureParts } from "../helpers/paths.js";
import { defaultAnswers, planFor } from "../helpers/plans.js";
import { tempDir } from "../helpers/run.js";

const text = (value: string | Uint8Array | undefined): string =>
  typeof value === "string" ? value : Buffer.from(value ?? "").toString("utf8");

/** A copy of the fixture parts that a test may change. */
function fixtureCopy(): string {
  const dir = join(tempDir(), "parts");
  cpSync(fixtureParts, dir, { recursive: true });
  return dir;
}

function renderError(templatesDir: string): CliError {
  const library = loadFolderLibrary(templatesDir);
  return thrownCliError(() => renderProject(planFor(library), library));
}

describe("rendering parts into a tree", () => {
  const library = loadFolderLibrary(fixtureParts);

  it("renders .hbs files without the suffix, copies others byte for byte, renames _gitignore", () => {
    const tree = renderProject(
      planFor(library, defaultAnswers, { packageManager: "pnpm" }),
      library,
    );
    expect([...tree.keys()]).toEqual([
      ".env",
      ".env.example",
      ".gitignore",
      "README.md",
      "package.json",
      "public/logo.png",
      "src/auth/strategy.ts",
      "src/db/connection.ts",
      "src/server.js",
      "src/tokens/refresh.ts",
      "src/users/passwords.ts",
    ]);
    expect(text(tree.get("src/server.js"))).toContain("{{not a template}}");
    expect(Buffer.from(tree.get("public/logo.png") as Uint8Array)).toEqual(
      Buffer.from("\x89PNG\r\n\x1a\n\x00\x01binary", "latin1"),
    );
    const readme = text(tree.get("README.md"));
    expect(readme).toContain("# demo-api");
    expect(readme).toContain("Strategy: jwt on sqlite.");
    expect(readme).toContain(
      "Install with `pnpm install`, start with `pnpm dev` (pnpm, generator 0.",
    );
    expect(readme).toContain("Tokens live in the SQL database.");
    expect(readme).toMatch(/- Only apps sign in/);
  });

  it("gives templates the helpers and partials of every chosen part", () => {
    const tree = renderProject(
      planFor(library, { ...defaultAnswers, instantRevoke: true }, { strategy: "jwt" }),
      library,
    );
    const strategy = text(tree.get("src/auth/strategy.ts"));
    expect(strategy).toContain("<demo-api>");
    expect(strategy).toContain("export const instantRevoke = true;");
    expect(strategy).toContain("export const bearer = true;");
    expect(strategy).not.toContain("google");
  });

  it("builds package.json from the parts in order, sorted, with the project name", () => {
    const tree = renderProject(planFor(library), library);
    expect(JSON.parse(text(tree.get("package.json")))).toEqual({
      name: "demo-api",
      version: "0.1.0",
      private: true,
      type: "module",
      engines: { node: ">=20.19" },
      scripts: { dev: "node src/server.js", test: "node --test" },
      dependencies: { express: "^5.1.0", jose: "^6.0.0", kysely: "^0.28.0" },
      devDependencies: { typescript: "^5.9.0" },
    });
  });

  it("writes .env with fresh secrets and rendered values, .env.example with every variable described", () => {
    const first = renderProject(planFor(library, defaultAnswers, { db: "postgres" }), library);
    const second = renderProject(planFor(library, defaultAnswers, { db: "postgres" }), library);
    const secret = (tree: typeof first) => /^JWT_SECRET=(.*)$/m.exec(text(tree.get(".env")))?.[1];

    expect(secret(first)).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(secret(first)).not.toBe(secret(second));
    expect(text(first.get(".env"))).toContain(
      "DATABASE_URL=postgres://postgres@127.0.0.1:5432/demo-api",
    );
    expect(text(first.get(".env"))).toContain("PORT=3000");

    const example = text(first.get(".env.example"));
    for (const name of ["PORT", "JWT_SECRET", "ACCESS_TOKEN_TTL", "DATABASE_URL"]) {
      expect(example).toMatch(new RegExp(`# .+\\n${name}=`));
    }
    expect(example).toContain("JWT_SECRET=change-me-to-a-long-random-string");
    expect(example).not.toContain(secret(first));
  });

  it("leaves out a template that renders to nothing but whitespace, keeps one that renders text", () => {
    const dir = fixtureCopy();
    writeFileSync(
      join(dir, "store-sql/files/docker-compose.yml.hbs"),
      '{{#if (eq db "postgres")}}\nservices: {}\n{{/if}}\n',
    );
    writeFileSync(join(dir, "base/files/empty.txt"), "");
    const library = loadFolderLibrary(dir);
    const sqlite = renderProject(planFor(library), library);
    expect(sqlite.has("docker-compose.yml")).toBe(false);
    // A copied file is written byte for byte, even when it is empty.
    expect(sqlite.has("empty.txt")).toBe(true);
    const postgres = renderProject(planFor(library, defaultAnswers, { db: "postgres" }), library);
    expect(text(postgres.get("docker-compose.yml"))).toBe("services: {}\n");
  });

  it("copies allowScripts of every part into package.json, merged", () => {
    const dir = fixtureCopy();
    const withScripts = (path: string, allowScripts: Record<string, boolean>) => {
      const manifest = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
      writeFileSync(path, JSON.stringify({ ...manifest, allowScripts }));
    };
    withScripts(join(dir, "base/part.json"), { esbuild: true });
    withScripts(join(dir, "store-sql/part.json"), { "better-sqlite3": true });
    const library = loadFolderLibrary(dir);
    const packageJson = JSON.parse(
      text(renderProject(planFor(library), library).get("package.json")),
    ) as Record<string, unknown>;
    expect(packageJson.allowScripts).toEqual({ "better-sqlite3": true, esbuild: true });
  });

  it("refuses two parts that write one path", () => {
    const dir = fixtureCopy();
    mkdirSync(join(dir, "store-sql/files/src"), { recursive: true });
    writeFileSync(join(dir, "store-sql/files/src/server.js.hbs"), "again");
    const error = renderError(dir);
    expect(error.code).toBe("part_conflict");
    expect(error.message).toBe("Parts base and store-sql both write src/server.js");
  });

  it("refuses a part that writes a file the tool builds", () => {
    const dir = fixtureCopy();
    writeFileSync(join(dir, "base/files/package.json"), "{}");
    expect(renderError(dir).message).toMatch(/Parts the tool and base both write package.json/);
  });

  it("refuses a later part that changes a dependency range", () => {
    const dir = fixtureCopy();
    const manifest = join(dir, "strategy-jwt/part.json");
    writeFileSync(manifest, JSON.stringify({ dependencies: { express: "^4.0.0" } }));
    const error = renderError(dir);
    expect(error.code).toBe("part_conflict");
    expect(error.message).toMatch(/strategy-jwt changes dependencies.express that part base set/);
  });

  it("refuses a later part that sets an environment variable again", () => {
    const dir = fixtureCopy();
    const port = { name: "PORT", description: "again", example: "4000" };
    writeFileSync(join(dir, "store-sql/part.json"), JSON.stringify({ env: [port] }));
    expect(renderError(dir).message).toMatch(
      /store-sql sets environment variable PORT that part base set/,
    );
  });

  it("names the part and file when a template uses a name the context lacks", () => {
    const dir = fixtureCopy();
    writeFileSync(join(dir, "base/files/broken.txt.hbs"), "{{notInContext}}");
    const error = renderError(dir);
    expect(error.code).toBe("template_failed");
    expect(error.message).toMatch(/base\/broken.txt .*notInContext/);
  });
});
