import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { report } from "./measure.js";

/**
 * `spurious census --d 100` with the default classes (docs/census.md §5), timed as a whole process as a
 * user runs it, for each second layer (the default is trained). Target: under 60 s on two cores.
 */
export function benchCensus(): void {
  const bin = fileURLToPath(new URL("../bin/spurious.js", import.meta.url));
  for (const secondLayer of ["trained", "fixed"]) {
    const start = performance.now();
    const run = spawnSync(process.execPath, [bin, "census", "--d", "100", "--second-layer", secondLayer, "--json"], { stdio: ["ignore", "ignore", "pipe"], maxBuffer: 1 << 28 });
    const seconds = (performance.now() - start) / 1000;
    if (run.status !== 0) throw new Error(`spurious census --d 100 failed: ${run.stderr.toString()}`);
    report(`spurious census --d 100 --second-layer ${secondLayer}, whole process (s; target < 60)`, seconds.toFixed(1));
  }
}
