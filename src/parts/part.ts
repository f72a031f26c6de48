/** One variable a part adds to `.env` and `.env.example` (templates/README.md). */
export interface EnvVariable {
  name: string;
  description: string;
  example: string;
  value?: string;
  generate?: "secret";
}

/** A part's part.json: what it adds to package.json and to the environment files. */
export interface PartManifest {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  scripts?: Record<string, string>;
  env?: EnvVariable[];
  /** npm's record of which dependencies may run install scripts; copied into package.json. */
  allowScripts?: Record<string, boolean>;
  /**
   * package.json entries the part adds only when the named strategy is chosen (a store part's
   * session-store library, say), so other projects never install what they do not use.
   */
  strategies?: Record<string, Pick<PartManifest, "dependencies" | "devDependencies">>;
}

import type Handlebars from "handlebars";

/** A compiled Handlebars template, called with the render context (and the partials). */
export type Template = Handlebars.TemplateDelegate<object>;

/** One file a part writes, under the path it has in the generated project. */
export interface PartFile {
  path: string;
  /** Renders the file: Handlebars output for templates, the original bytes otherwise. */
  render(context: object, partials: Record<string, Template>): string | Uint8Array;
}

/** A part, loaded and ready to render. */
export interface Part {
  name: string;
  manifest: PartManifest;
  files: PartFile[];
  partials: Record<string, Template>;
  /** Templated `value`s of env variables, by variable name. */
  envValues: Record<string, Template>;
}

/** The parts this copy of the tool can write; adding a part folder enables it. */
export interface PartLibrary {
  names(): string[];
  get(name: string): Part | undefined;
}

/** Handlebars options every part template is compiled with (templates/README.md). */
export const compileOptions = { strict: true, noEscape: true } as const;

/** Where a file of a part's files/ folder lands in the generated project. */
export function outputPath(source: string): string {
  const withoutSuffix = source.endsWith(".hbs") ? source.slice(0, -".hbs".length) : source;
  return withoutSuffix
    .split("/")
    .map((segment) => (segment === "_gitignore" ? ".gitignore" : segment))
    .join("/");
}

/** The name other templates include a partial by: its file name without `.hbs`. */
export function partialName(source: string): string {
  const fileName = source.split("/").at(-1) ?? source;
  return fileName.endsWith(".hbs") ? fileName.slice(0, -".hbs".length) : fileName;
}

/** True when a file of files/ is rendered with Handlebars rather than copied. */
export function isTemplate(source: string): boolean {
  return source.endsWith(".hbs");
}

/** True when an env variable's value needs rendering. */
export function isTemplatedValue(value: string | undefined): value is string {
  return value !== undefined && value.includes("{{");
}
