import runtime from "handlebars/runtime";
import { bundledParts, type BundledPart, type PrecompiledSpec } from "./bundled-parts.js";
import { registerHelpers } from "./helpers.js";
import { outputPath, partialName, type Part, type PartLibrary, type Template } from "./part.js";

/** The parts compiled into this build of the tool; only the Handlebars runtime is needed. */
export function loadBundledLibrary(parts: BundledPart[] = bundledParts): PartLibrary {
  const handlebars = runtime.create();
  registerHelpers(handlebars);
  const load = (spec: PrecompiledSpec): Template =>
    handlebars.template(spec as Parameters<typeof handlebars.template>[0]) as Template;

  const loaded = new Map(parts.map((part) => [part.name, toPart(part, load)]));
  return { names: () => [...loaded.keys()], get: (name) => loaded.get(name) };
}

function toPart(bundled: BundledPart, load: (spec: PrecompiledSpec) => Template): Part {
  return {
    name: bundled.name,
    manifest: bundled.manifest,
    partials: Object.fromEntries(
      bundled.partials.map((partial) => [partialName(partial.source), load(partial.spec)]),
    ),
    envValues: Object.fromEntries(
      Object.entries(bundled.envValues).map(([name, spec]) => [name, load(spec)]),
    ),
    files: bundled.files.map((file) => {
      const path = outputPath(file.source);
      if (file.spec === undefined) {
        const bytes = Buffer.from(file.base64 ?? "", "base64");
        return { path, render: () => bytes };
      }
      const spec = file.spec;
      // Turned into a function on first use: a run renders one strategy's parts, not all.
      let template: Template | undefined;
      return {
        path,
        render: (context, partials) => (template ??= load(spec))(context, { partials }),
      };
    }),
  };
}
