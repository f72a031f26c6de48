/**
 * Exit codes the tool promises: 0 ok, 1 unexpected, 2 usage or input, 3 an update left (or,
 * refusing to write, found) conflicts, 130 cancelled.
 */
export const exitCodes = { ok: 0, unexpected: 1, usage: 2, conflicts: 3, cancelled: 130 } as const;

/** Stable, machine-readable error codes; scripts may match on them. */
export type ErrorCode =
  | "invalid_flag"
  | "missing_answers"
  | "invalid_answers"
  | "invalid_project_name"
  | "target_not_empty"
  | "part_missing"
  | "part_conflict"
  | "template_failed"
  | "install_failed"
  | "not_a_project"
  | "manifest_invalid"
  | "repo_dirty"
  | "conflict_policy_missing"
  | "conflicts_found"
  | "cancelled"
  | "unexpected";

const exitCodeByError: Record<ErrorCode, number> = {
  invalid_flag: exitCodes.usage,
  missing_answers: exitCodes.usage,
  invalid_answers: exitCodes.usage,
  invalid_project_name: exitCodes.usage,
  target_not_empty: exitCodes.usage,
  part_missing: exitCodes.usage,
  part_conflict: exitCodes.unexpected,
  template_failed: exitCodes.unexpected,
  install_failed: exitCodes.unexpected,
  not_a_project: exitCodes.usage,
  manifest_invalid: exitCodes.usage,
  repo_dirty: exitCodes.usage,
  conflict_policy_missing: exitCodes.usage,
  conflicts_found: exitCodes.conflicts,
  cancelled: exitCodes.cancelled,
  unexpected: exitCodes.unexpected,
};

/** The one error type of the tool: a stable code, the exit code it maps to, and a hint. */
export class CliError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: number;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, hint?: string) {
    super(message);
    this.name = "CliError";
    this.code = code;
    this.exitCode = exitCodeByError[code];
    this.hint = hint;
  }

  /** The shape printed with --json. */
  toJSON(): { code: ErrorCode; message: string; hint?: string } {
    return this.hint === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, hint: this.hint };
  }
}

/** Wraps anything thrown that is not a CliError, so the outer layer sees one type. */
export function toCliError(error: unknown): CliError {
  if (error instanceof CliError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new CliError(
    "unexpected",
    `Unexpected error: ${message}`,
    "This is a bug in create-express-auth; please report it with the command you ran.",
  );
}

/** Shorthand for the cancelled error used by prompts and signal handlers. */
export function cancelled(): CliError {
  return new CliError("cancelled", "Cancelled; nothing was written.");
}
