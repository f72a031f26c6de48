import type { Progress } from "../post/progress.js";

type Prompts = typeof import("@clack/prompts");

/** How the CLI talks to people: through the prompt library on a terminal, plain lines elsewhere. */
export interface Reporter {
  intro(title: string): void;
  step(message: string): void;
  info(message: string): void;
  success(message: string): void;
  warn(message: string): void;
  /** Errors and their hints go to stderr. */
  error(message: string, hint?: string): void;
  note(body: string, title: string): void;
  lines(lines: string[]): void;
  outro(message: string): void;
  progress(): Progress;
}

/** Loads the prompt library; only the paths that talk to a terminal pay for it. */
export async function loadPrompts(): Promise<Prompts> {
  return import("@clack/prompts");
}

/** The reporter for this output: the prompt library on a terminal, plain lines for logs and pipes. */
export async function reporterFor(stream: NodeJS.WriteStream): Promise<Reporter> {
  return stream.isTTY === true ? promptsReporter(await loadPrompts()) : plainReporter();
}

/** Talks through @clack/prompts: boxes, symbols and a spinner. */
export function promptsReporter(prompts: Prompts): Reporter {
  return {
    intro: (title) => prompts.intro(title),
    step: (message) => prompts.log.step(message),
    info: (message) => prompts.log.info(message),
    success: (message) => prompts.log.success(message),
    warn: (message) => prompts.log.warn(message),
    error: (message, hint) => {
      prompts.log.error(message, { output: process.stderr });
      if (hint !== undefined) prompts.log.info(hint, { output: process.stderr });
    },
    note: (body, title) => prompts.note(body, title),
    lines: (lines) => prompts.log.message(lines),
    outro: (message) => prompts.outro(message),
    progress: () => {
      const spinner = prompts.spinner();
      return {
        start: (title) => spinner.start(title),
        stop: (message) => spinner.stop(message),
        fail: (message) => spinner.error(message),
        warn: (message) => prompts.log.warn(message),
      };
    },
  };
}

/**
 * Plain lines for CI logs and pipes, where a spinner and box drawing would only be noise;
 * it also spares a non-interactive run the prompt library's start-up time.
 */
export function plainReporter(): Reporter {
  const out = (text: string) => process.stdout.write(`${text}\n`);
  const err = (text: string) => process.stderr.write(`${text}\n`);
  return {
    intro: (title) => out(title),
    step: (message) => out(message),
    info: (message) => out(message),
    success: (message) => out(message),
    warn: (message) => err(`warning: ${message}`),
    error: (message, hint) => {
      err(`error: ${message}`);
      if (hint !== undefined) err(hint);
    },
    note: (body, title) => out(`\n${title}:\n${body.replace(/^/gm, "  ")}\n`),
    lines: (lines) => out(lines.join("\n")),
    outro: (message) => out(message),
    progress: () => ({
      start: (title) => out(`${title}...`),
      stop: (message) => out(message),
      fail: (message) => err(`error: ${message}`),
      warn: (message) => err(`warning: ${message}`),
    }),
  };
}
