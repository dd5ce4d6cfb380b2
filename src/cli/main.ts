import { UsageError } from "./command.js";
import { runCli } from "./run.js";

runCli(process.argv.slice(2)).catch((e: unknown) => {
  if (e instanceof UsageError || e instanceof RangeError) {
    process.stderr.write(`spurious: error: ${e.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`spurious: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
