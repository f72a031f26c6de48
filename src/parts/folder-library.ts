import Handlebars from "handlebars";
import { registerHelpers } from "./helpers.js";
import {
  compileOptions,
  isTemplate,
  isTemplatedValue,
  outputPath,
  partialName,
  type Part,
  type PartLibrary,
  type Template,
} from "./part.js";
import { scanPartsFolder, type ScannedPart } from "./scan-folder.js";

/**
 * Loads the parts straight from a templates folder, compiling templates on the fly.
 * The shipped tool uses the precompiled bundle instead; this serves the tool's tests.
 */
export function loadFolderLibrary(templatesDir: string): PartLibrary {
  const handlebars = Handlebars.create();
  registerHelpers(handlebars);
  const compile = (text: string): Template => handlebars.compile(text, compileOptions);
  const parts = new Map(
    scanPartsFolder(templatesDir).map((scanned) => [scanned.name, toPart(scanned, compile)]),
  );
  return { names: () => [...parts.keys()], get: (name) => parts.get(name) };
}

function toPart(scanned: ScannedPart, compile: (text: string) => Template): Part {
  const envValues: Record<string, Template> = {};
  for (const variable of scanned.manifest.env ?? []) {
    if (isTemplatedValue(variable.value)) envValues[variable.name] = compile(variable.value);
  }
  return {
    name: scanned.name,
    manifest: scanned.manifest,
    partials: Object.fromEntries(
      scanned.partials.map((file) => [
        partialName(file.source),
        compile(file.bytes.toString("utf8")),
      ]),
    ),
    envValues,
    files: scanned.files.map((file) => {
      if (!isTemplate(file.source))
        return { path: outputPath(file.source), render: () => file.bytes };
      const template = compile(file.bytes.toString("utf8"));
      return {
        path: outputPath(file.source),
        render: (context, partials) => template(context, { partials }),
      };
    }),
  };
}
