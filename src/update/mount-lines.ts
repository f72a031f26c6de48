import { dirname, posix, relative, sep } from "node:path";

/**
 * The lines that mount the generated auth into an Express app the user wrote, with import
 * paths relative to the file that creates the app (its package.json `main`, else the file its
 * start or dev script runs, else index.js).
 */
export function mountLines(packageJsonText: string): { entry: string; lines: string[] } {
  const entry = appEntry(packageJsonText);
  const from = (target: string) => {
    const path = relative(dirname(entry), target).split(sep).join(posix.sep);
    return path.startsWith(".") ? path : `./${path}`;
  };
  return {
    entry,
    lines: [
      "import { existsSync } from 'node:fs';",
      `import { installAuth, requireAuth } from '${from("src/auth/index.js")}';`,
      `import { loadConfig } from '${from("src/config/index.js")}';`,
      `import { problemHandler } from '${from("src/http/problem.js")}';`,
      `import { createLogger } from '${from("src/logger.js")}';`,
      `import { openServices } from '${from("src/services.js")}';`,
      "",
      "// Once, after `const app = express()`:",
      "if (existsSync('.env')) process.loadEnvFile('.env');",
      "const config = loadConfig(process.env);",
      "const services = await openServices(config, createLogger(config.logLevel));",
      "app.use(express.json({ limit: '16kb' }));",
      "installAuth(app, services);",
      "// Guard your own routes: app.get('/orders', requireAuth, listOrders);",
      "",
      "// After your routes, so errors are answered as problem details:",
      "app.use(problemHandler(services.logger));",
    ],
  };
}

function appEntry(packageJsonText: string): string {
  let manifest: { main?: unknown; scripts?: Record<string, unknown> } = {};
  try {
    manifest = JSON.parse(packageJsonText) as typeof manifest;
  } catch {
    // An unreadable package.json leaves the default entry.
  }
  if (typeof manifest.main === "string") return posix.normalize(manifest.main);
  for (const script of [manifest.scripts?.start, manifest.scripts?.dev]) {
    const file =
      typeof script === "string"
        ? /(?:node|tsx|nodemon)(?:\s+\S+)*?\s+(\S+\.[cm]?[jt]s)\b/.exec(script)?.[1]
        : undefined;
    if (file !== undefined) return posix.normalize(file);
  }
  return "index.js";
}
