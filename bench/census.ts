import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { trainRun } from "../src/census/runs.js";
import { report } from "./measure.js";

/**
 * One training run of `census --runs` at d = 50 (docs/census.md §10): L-BFGS, Newton-CG, the isotropy and the
 * restricted Newton, in this thread (one core; CPU time, which a busy machine does not inflate), averaged over 10 runs from Xavier starts, for each second
 * layer. Target: under 1 s a run (plain numpy gradient descent: 1.15 s, issue 18).
 */
export function benchTrainingRun(): void {
  for (const secondLayer of ["fixed", "trained"] as const) {
    const runs = 10;
    const start = process.cpuUsage();
    for (let run = 0; run < runs; run++) trainRun(50, secondLayer, { count: runs, seed: 1, init: "xavier" }, run);
    const cpu = process.cpuUsage(start);
    report(`census --runs: a training run at d = 50, ${secondLayer} second layer (CPU s; target < 1)`, ((cpu.user + cpu.system) / 1e6 / runs).toFixed(2));
  }
}

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
