/** True when prompts may be shown: a terminal on both ends, CI not set and no --json. */
export function canPrompt(json: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  return !json && process.stdin.isTTY === true && process.stdout.isTTY === true && !isCi(env);
}

/** True when the CI variable is set to anything but an explicit no. */
export function isCi(env: NodeJS.ProcessEnv): boolean {
  const value = env.CI;
  return value !== undefined && value !== "" && value !== "0" && value.toLowerCase() !== "false";
}
