import { randomBytes } from "node:crypto";
import { CliError } from "../errors.js";
import type { EnvVariable, Part } from "../parts/part.js";

/** Bytes of randomness in a generated secret (templates/README.md). */
const secretBytes = 48;

/** `.env` with fresh secrets and `.env.example` with every variable described. */
export function buildEnvFiles(parts: Part[], context: object): { env: string; example: string } {
  const variables = collectVariables(parts);
  const env: string[] = [
    "# Local settings for development, written by create-express-auth.",
    "# Never commit this file: it holds fresh secrets. .env.example lists every variable.",
  ];
  const example: string[] = [
    "# Every setting of this project. Copy to .env and fill in; secrets need fresh values.",
  ];

  for (const { variable, part } of variables) {
    env.push(
      "",
      `# ${variable.description}`,
      `${variable.name}=${envValue(variable, part, context)}`,
    );
    example.push("", `# ${variable.description}`, `${variable.name}=${variable.example}`);
  }
  return { env: `${env.join("\n")}\n`, example: `${example.join("\n")}\n` };
}

/** A fresh random secret: 48 bytes, base64url. */
export function generateSecret(): string {
  return randomBytes(secretBytes).toString("base64url");
}

function envValue(variable: EnvVariable, part: Part, context: object): string {
  if (variable.generate === "secret") return generateSecret();
  const template = part.envValues[variable.name];
  if (template !== undefined) return template(context);
  return variable.value ?? variable.example;
}

/** The variables of all parts in order; a later part may not redefine one. */
function collectVariables(parts: Part[]): { variable: EnvVariable; part: Part }[] {
  const seen = new Map<string, string>();
  const collected: { variable: EnvVariable; part: Part }[] = [];
  for (const part of parts) {
    for (const variable of part.manifest.env ?? []) {
      const earlier = seen.get(variable.name);
      if (earlier !== undefined) {
        throw new CliError(
          "part_conflict",
          `Part ${part.name} sets environment variable ${variable.name} that part ${earlier} set`,
          "A template bug: each variable belongs to one part.",
        );
      }
      seen.set(variable.name, part.name);
      collected.push({ variable, part });
    }
  }
  return collected;
}
