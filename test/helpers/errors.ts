import { CliError } from "../../src/errors.js";

/** The CliError a call throws; fails the test when it throws nothing or something else. */
export function thrownCliError(run: () => unknown): CliError {
  try {
    run();
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error("expected a CliError, but nothing was thrown");
}
