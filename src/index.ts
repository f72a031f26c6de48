import { exitOnInterrupt, main } from "./cli/main.js";

exitOnInterrupt();
process.exitCode = await main(process.argv.slice(2));
