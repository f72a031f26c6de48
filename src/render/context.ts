import type { Plan } from "../plan/plan.js";
import { installCommand, runCommand } from "../plan/package-manager.js";
import { toolVersion } from "../version.js";

/** The values every template sees (templates/README.md, "The render context"). */
export interface RenderContext {
  projectName: string;
  strategy: string;
  db: string;
  redis: boolean;
  web: boolean;
  passwords: boolean;
  instantRevoke: boolean;
  mtls: boolean;
  social: string[];
  webProviders: string[];
  reasons: string[];
  toolVersion: string;
  packageManager: string;
  run: string;
  installCommand: string;
}

/** Builds the render context of a plan. */
export function renderContext(plan: Plan): RenderContext {
  return {
    projectName: plan.projectName,
    strategy: plan.decision.strategy,
    db: plan.db,
    redis: plan.decision.store === "redis",
    web: plan.answers.web,
    passwords: plan.answers.passwords,
    instantRevoke: plan.answers.instantRevoke,
    mtls: plan.answers.mtls,
    social: [...plan.decision.providers],
    webProviders: [...plan.decision.webProviders],
    reasons: [...plan.decision.reasons],
    toolVersion,
    packageManager: plan.packageManager,
    run: runCommand(plan.packageManager),
    installCommand: installCommand(plan.packageManager),
  };
}
