// Bundles the CLI into dist/ with esbuild and compiles the template parts into the bundle,
// so a run loads one file (plus lazy chunks) and only the Handlebars runtime.
//
// Usage: node scripts/build.mjs [--templates DIR] [--outdir DIR]
import { readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import * as esbuild from "esbuild";
import Handlebars from "handlebars";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({
  options: {
    templates: { type: "string", default: join(root, "templates") },
    outdir: { type: "string", default: join(root, "dist") },
  },
});
const templatesDir = resolve(values.templates);
const outdir = resolve(values.outdir);
const packageJson = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

/** Loads the TypeScript modules the build shares with the tool, compiled on the fly. */
async function loadSharedModules() {
  const compiled = join(outdir, ".build-shared.mjs");
  await esbuild.build({
    stdin: {
      contents: `export * from "./src/parts/scan-folder.ts"; export * from "./src/parts/part.ts";`,
      resolveDir: root,
      loader: "ts",
    },
    bundle: true,
    platform: "node",
    format: "esm",
    outfile: compiled,
    logLevel: "error",
  });
  const shared = await import(pathToFileURL(compiled).href);
  await rm(compiled);
  return shared;
}

/** JavaScript source of the bundled parts: manifests, copied bytes and precompiled templates. */
function bundledPartsSource({ scanPartsFolder, compileOptions, isTemplate, isTemplatedValue }) {
  const precompile = (text) => Handlebars.precompile(text, compileOptions);
  const parts = scanPartsFolder(templatesDir).map((part) => {
    const files = part.files.map((file) =>
      isTemplate(file.source)
        ? `{ source: ${JSON.stringify(file.source)}, spec: ${precompile(file.bytes.toString("utf8"))} }`
        : `{ source: ${JSON.stringify(file.source)}, base64: ${JSON.stringify(file.bytes.toString("base64"))} }`,
    );
    const partials = part.partials.map(
      (file) =>
        `{ source: ${JSON.stringify(file.source)}, spec: ${precompile(file.bytes.toString("utf8"))} }`,
    );
    const envValues = (part.manifest.env ?? [])
      .filter((variable) => isTemplatedValue(variable.value))
      .map((variable) => `${JSON.stringify(variable.name)}: ${precompile(variable.value)}`);
    return `{
  name: ${JSON.stringify(part.name)},
  manifest: ${JSON.stringify(part.manifest)},
  files: [${files.join(",\n")}],
  partials: [${partials.join(",\n")}],
  envValues: { ${envValues.join(",\n")} },
}`;
  });
  return { source: `export const bundledParts = [${parts.join(",\n")}];\n`, names: parts.length };
}

const shared = await loadSharedModules();
const bundled = bundledPartsSource(shared);

/** Swaps the empty placeholder of src/parts/bundled-parts.ts for the compiled parts. */
const bundledPartsPlugin = {
  name: "bundled-parts",
  setup(build) {
    build.onLoad({ filter: /src[\\/]parts[\\/]bundled-parts\.ts$/ }, () => ({
      contents: bundled.source,
      loader: "js",
    }));
  },
};

await rm(outdir, { recursive: true, force: true });
await esbuild.build({
  entryPoints: { cli: join(root, "src/index.ts") },
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20.12",
  minify: true,
  legalComments: "linked",
  chunkNames: "chunks/[name]-[hash]",
  define: { __TOOL_VERSION__: JSON.stringify(packageJson.version) },
  // CommonJS dependencies (fs-extra, handlebars) call require() for Node's built-ins.
  banner: {
    js: `import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);`,
  },
  plugins: [bundledPartsPlugin],
  logLevel: "warning",
});
process.stderr.write(
  `Built ${outdir} with ${bundled.names} template part(s) from ${templatesDir}\n`,
);
