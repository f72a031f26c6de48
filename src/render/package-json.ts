import { CliError } from "../errors.js";
import type { Part } from "../parts/part.js";

type Section = "dependencies" | "devDependencies" | "scripts";
const sections: Section[] = ["dependencies", "devDependencies", "scripts"];

/** The part's entries of one section, with those it adds for `strategy` only. */
function entriesOf(part: Part, section: Section, strategy: string): [string, string][] {
  const forStrategy = section === "scripts" ? {} : part.manifest.strategies?.[strategy]?.[section];
  return [...Object.entries(part.manifest[section] ?? {}), ...Object.entries(forStrategy ?? {})];
}

/** The generated project's package.json, merged from the parts' part.json in plan order. */
export function buildPackageJson(
  projectName: string,
  parts: Part[],
  strategy: string,
): Record<string, unknown> {
  const merged: Record<Section, Record<string, string>> = {
    dependencies: {},
    devDependencies: {},
    scripts: {},
  };
  const owners = new Map<string, string>();
  const allowScripts: Record<string, boolean> = {};

  for (const part of parts) {
    for (const section of sections) {
      for (const [name, value] of entriesOf(part, section, strategy)) {
        const key = `${section}.${name}`;
        const earlier = merged[section][name];
        if (earlier !== undefined && earlier !== value) {
          throw new CliError(
            "part_conflict",
            `Part ${part.name} changes ${key} that part ${owners.get(key) ?? "?"} set ("${earlier}" -> "${value}")`,
            "A template bug: a later part may add to package.json but not change it.",
          );
        }
        merged[section][name] = value;
        owners.set(key, part.name);
      }
    }
    Object.assign(allowScripts, part.manifest.allowScripts);
  }

  return {
    name: projectName,
    version: "0.1.0",
    private: true,
    type: "module",
    engines: { node: ">=20.19" },
    scripts: merged.scripts,
    dependencies: sortKeys(merged.dependencies),
    devDependencies: sortKeys(merged.devDependencies),
    ...(Object.keys(allowScripts).length === 0 ? {} : { allowScripts: sortKeys(allowScripts) }),
  };
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
