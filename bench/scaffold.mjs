// Times create-express-auth against create-vite's own non-interactive scaffold, in one run,
// and records the medians and ratios in bench/RESULTS.md.
//
// Usage: npm run bench            (builds first through `npm run build` if dist/ is missing)
//        BENCH_RUNS=40 npm run bench
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, platform, release, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const runs = Number(process.env.BENCH_RUNS ?? 30);
const ourBin = join(root, "bin/create-express-auth.js");
const viteBin = join(root, "node_modules/create-vite/index.js");
// Runs happen under the repository's ignored .tmp/: on this machine the system temp folder
// adds close to a millisecond to every file created, which would swamp both tools alike.
const workDir = join(root, ".tmp/bench");
mkdirSync(workDir, { recursive: true });
const env = { ...process.env };
delete env.CI;
delete env.npm_config_user_agent;

if (!existsSync(join(root, "dist/cli.js"))) {
  spawnSync(process.execPath, [join(root, "scripts/build.mjs")], { stdio: "inherit" });
}

/** Each case runs in a fresh folder; `args` may name the project folder "app". */
const cases = [
  { name: "node -e 0 (floor)", args: ["-e", "0"] },
  { name: "create-express-auth --help", args: [ourBin, "--help"] },
  {
    name: "create-express-auth app --yes --no-install --no-git",
    args: [ourBin, "app", "--yes", "--no-install", "--no-git"],
  },
  { name: "create-vite app --template react-ts", args: [viteBin, "app", "--template", "react-ts"] },
];

/** Wall-clock seconds of one run; fails loudly if the command fails. */
function timeOnce(args) {
  const cwd = mkdtempSync(join(workDir, "run-"));
  try {
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, {
      cwd,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (result.status !== 0) {
      throw new Error(`${args.join(" ")} exited ${result.status}:\n${result.stderr}`);
    }
    return seconds;
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

// One warm-up each, then the cases interleaved so drift in the machine hits all alike.
for (const benchCase of cases) timeOnce(benchCase.args);
const samples = cases.map(() => []);
for (let run = 0; run < runs; run += 1) {
  cases.forEach((benchCase, index) => samples[index].push(timeOnce(benchCase.args)));
}

const medians = samples.map(median);
const [floor, help, scaffold, vite] = medians;
const viteVersion = JSON.parse(
  readFileSync(join(root, "node_modules/create-vite/package.json"), "utf8"),
).version;
const toolVersion = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version;
const ms = (seconds) => `${(seconds * 1000).toFixed(1)} ms`;

const table = [
  "| command | median | min | max | vs create-vite |",
  "| --- | --- | --- | --- | --- |",
  ...cases.map(
    (benchCase, index) =>
      `| \`${benchCase.name}\` | ${ms(medians[index])} | ${ms(Math.min(...samples[index]))} | ${ms(Math.max(...samples[index]))} | ${(medians[index] / vite).toFixed(2)}x |`,
  ),
];
const report = `# Benchmark results

Written by \`npm run bench\` (bench/scaffold.mjs). Each command ran ${runs} times in a fresh
folder under the repository's ignored \`.tmp/bench\`, interleaved with the others after one warm-up; wall-clock time of the whole
process, median. Goal: within 1.2x of create-vite's non-interactive scaffold.

- Date: ${new Date().toISOString()}
- Machine: ${cpus()[0]?.model ?? "unknown CPU"}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${platform()} ${release()}
- Node: ${process.version}
- create-express-auth ${toolVersion}, create-vite ${viteVersion}

${table.join("\n")}

Ratios: \`--help\` is ${(help / vite).toFixed(2)}x and the \`--yes --no-install --no-git\` scaffold is
${(scaffold / vite).toFixed(2)}x create-vite's scaffold; above the \`node -e 0\` floor they take
${ms(help - floor)} and ${ms(scaffold - floor)} against create-vite's ${ms(vite - floor)}.
`;
writeFileSync(join(root, "bench/RESULTS.md"), report);
process.stdout.write(
  `${table.join("\n")}\n\nscaffold / create-vite = ${(scaffold / vite).toFixed(2)}x, help / create-vite = ${(help / vite).toFixed(2)}x\n`,
);
