import { CliError } from "../errors.js";
import type { Part, PartLibrary, Template } from "../parts/part.js";
import type { Plan } from "../plan/plan.js";
import { renderContext } from "./context.js";
import { buildEnvFiles } from "./env-files.js";
import { buildPackageJson } from "./package-json.js";

/** A rendered project: relative path to file content, nothing written yet. */
export type FileTree = Map<string, string | Uint8Array>;

/** Renders every file of the plan into memory. */
export function renderProject(plan: Plan, library: PartLibrary): FileTree {
  const parts = plan.parts.map((name) => requirePart(library, name));
  const context = renderContext(plan);
  const partials = collectPartials(parts);
  const tree: FileTree = new Map();

  for (const part of parts) {
    for (const file of part.files) {
      const content = renderFile(part, file.path, () => file.render(context, partials));
      // A template that renders to nothing leaves its file out for these answers.
      if (typeof content === "string" && content.trim() === "") continue;
      tree.set(file.path, content);
    }
  }

  const packageJson = buildPackageJson(plan.projectName, parts, plan.decision.strategy);
  tree.set("package.json", `${JSON.stringify(packageJson, null, 2)}\n`);
  const envFiles = buildEnvFiles(parts, context);
  tree.set(".env", envFiles.env);
  tree.set(".env.example", envFiles.example);

  // Sorted by code unit, like the plan's file list.
  return new Map([...tree.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function requirePart(library: PartLibrary, name: string): Part {
  const part = library.get(name);
  if (part === undefined) throw new CliError("part_missing", `Part ${name} is missing`);
  return part;
}

/** The partials of the chosen parts; two parts may not offer one name. */
function collectPartials(parts: Part[]): Record<string, Template> {
  const partials: Record<string, Template> = {};
  const owners = new Map<string, string>();
  for (const part of parts) {
    for (const [name, template] of Object.entries(part.partials)) {
      const earlier = owners.get(name);
      if (earlier !== undefined) {
        throw new CliError(
          "part_conflict",
          `Parts ${earlier} and ${part.name} both offer partial ${name}`,
        );
      }
      owners.set(name, part.name);
      partials[name] = template;
    }
  }
  return partials;
}

/** Renders one file, naming the part and file when a template fails. */
function renderFile(
  part: Part,
  path: string,
  render: () => string | Uint8Array,
): string | Uint8Array {
  try {
    return render();
  } catch (error) {
    throw new CliError(
      "template_failed",
      `Template ${part.name}/${path} failed to render: ${(error as Error).message}`,
      "A template bug: check the names it uses against the render context.",
    );
  }
}
