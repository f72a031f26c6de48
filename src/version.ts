declare const __TOOL_VERSION__: string | undefined;

/** The generator's version, put in by the build (and by the test configuration). */
export const toolVersion: string =
  typeof __TOOL_VERSION__ === "string" ? __TOOL_VERSION__ : "0.0.0-development";
