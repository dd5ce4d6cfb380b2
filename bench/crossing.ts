import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { FAMILIES } from "../src/families/registry.js";
import { report } from "./measure.js";

/**
 * `spurious crossing <family>` at its default 40 digits, timed as a whole process (start-up, scan,
 * joint Newton solves, integer spectrum; docs/crossing.md §5), as a user runs it. One run per family.
 */
export function benchCrossing(): void {
  const bin = fileURLToPath(new URL("../bin/spurious.js", import.meta.url));
  for (const f of FAMILIES) {
    const start = performance.now();
    const run = spawnSync(process.execPath, [bin, "crossing", f.name], { stdio: ["ignore", "ignore", "pipe"] });
    const seconds = (performance.now() - start) / 1000;
    if (run.status !== 0) throw new Error(`spurious crossing ${f.name} failed: ${run.stderr.toString()}`);
    report(`spurious crossing ${f.name}, whole process, 40 digits (s; target < 3)`, seconds.toFixed(1));
  }
}
