import type { PartManifest } from "./part.js";

/** A Handlebars template precompiled by the build (an opaque spec for the runtime). */
export type PrecompiledSpec = object;

/** A part as the build stores it inside the bundle. */
export interface BundledPart {
  name: string;
  manifest: PartManifest;
  /** Templates carry a precompiled spec; other files their bytes in base64. */
  files: { source: string; spec?: PrecompiledSpec; base64?: string }[];
  partials: { source: string; spec: PrecompiledSpec }[];
  envValues: Record<string, PrecompiledSpec>;
}

/**
 * Replaced at build time (scripts/build.mjs) by the precompiled parts of templates/.
 * Left empty in the source, where the tests load templates/ with the folder library.
 */
export const bundledParts: BundledPart[] = [];
