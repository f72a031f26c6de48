/** How post-steps report progress: a spinner for people, nothing with --json. */
export interface Progress {
  start(title: string): void;
  stop(message: string): void;
  fail(message: string): void;
  warn(message: string): void;
}

/** What each post-step ended as. */
export type StepOutcome = "done" | "skipped" | "failed";

/** The outcome of the post-steps, reported in the JSON document and the next steps. */
export interface PostResult {
  install: StepOutcome;
  git: StepOutcome;
  warnings: string[];
}
