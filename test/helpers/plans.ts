import type { Answers, SocialProvider, Strategy } from "../../src/decide/answers.js";
import { socialProviders, strategies } from "../../src/decide/answers.js";
import { decide } from "../../src/decide/recommend.js";
import { CliError } from "../../src/errors.js";
import type { PartLibrary } from "../../src/parts/part.js";
import { databases, type Database } from "../../src/plan/database.js";
import type { PackageManager } from "../../src/plan/package-manager.js";
import { buildPlan, partsFor, type Plan } from "../../src/plan/plan.js";

/** Answers of an app-only project, the defaults of --yes. */
export const defaultAnswers: Answers = {
  web: false,
  redis: false,
  social: [],
  passwords: true,
  instantRevoke: false,
  mtls: false,
};

/** A plan for the given answers, as the CLI would build it. */
export function planFor(
  library: PartLibrary,
  answers: Answers = defaultAnswers,
  settings: {
    strategy?: Strategy;
    db?: Database;
    packageManager?: PackageManager;
    dir?: string;
  } = {},
): Plan {
  return buildPlan(
    {
      dir: settings.dir ?? "demo-api",
      answers,
      decision: decide(answers, settings.strategy),
      db: settings.db ?? "sqlite",
      packageManager: settings.packageManager ?? "npm",
      install: false,
      git: false,
    },
    library,
    "/tmp/create-express-auth-plans",
  );
}

function subsets<T>(items: readonly T[]): T[][] {
  return items.reduce<T[][]>(
    (all, item) => [...all, ...all.map((subset) => [...subset, item])],
    [[]],
  );
}

/** Whether the engine takes the answers: it refuses those that leave someone no way in. */
function accepted(answers: Answers): boolean {
  try {
    decide(answers);
    return true;
  } catch (error) {
    if (error instanceof CliError) return false;
    throw error;
  }
}

/** Every combination of answers the engine accepts, override and database. */
export function everyCombination(): { answers: Answers; strategy?: Strategy; db: Database }[] {
  const combinations: { answers: Answers; strategy?: Strategy; db: Database }[] = [];
  const flags = [false, true];
  for (const web of flags)
    for (const redis of flags)
      for (const social of subsets<SocialProvider>(socialProviders))
        for (const passwords of flags)
          for (const instantRevoke of flags)
            for (const mtls of flags)
              for (const strategy of [undefined, ...strategies])
                for (const db of databases) {
                  const answers = { web, redis, social, passwords, instantRevoke, mtls };
                  if (accepted(answers)) combinations.push({ answers, strategy, db });
                }
  return combinations;
}

/** The combinations whose parts the library has. */
export function renderableCombinations(library: PartLibrary) {
  return everyCombination().filter(({ answers, strategy }) => {
    const decision = decide(answers, strategy);
    return partsFor(decision).every((part) => library.get(part) !== undefined);
  });
}
