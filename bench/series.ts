import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { FAMILIES, findFamily } from "../src/families/registry.js";
import { familyEigenSeries } from "../src/eigenseries/eigenSeries.js";
import { deriveFamilySeries } from "../src/ift/familySeries.js";
import { msPerRun, report } from "./measure.js";

/** Deriving every family's series and loss series, at order d^-5 (eps^10) and d^-10 (eps^20). */
export function benchSeries(): void {
  for (const order of [10, 20]) {
    const ms = msPerRun(() => FAMILIES.forEach((f) => deriveFamilySeries(f, order)), 1, 1);
    report(`derive all ${FAMILIES.length} families with loss, to order d^-${order / 2} (s)`, (ms / 1000).toFixed(2));
  }
  benchSeriesAll();
  // One cold run: familyEigenSeries keeps the family series it derived, so a second run would skip that.
  const start = performance.now();
  familyEigenSeries(findFamily("3a"), 2);
  report("eigen-series 3a to order 2 (eps^2), including its family series (s)", ((performance.now() - start) / 1000).toFixed(2));
}

/**
 * `spurious series all --order 20 --out <tmp>` timed as a whole process, as a user runs it (start-up, the
 * families on one worker thread per core, the files rendered and written; docs/series-derivation.md "Cost").
 */
function benchSeriesAll(): void {
  const bin = fileURLToPath(new URL("../bin/spurious.js", import.meta.url));
  const out = mkdtempSync(join(tmpdir(), "spurious-bench-series-"));
  try {
    const start = performance.now();
    const run = spawnSync(process.execPath, [bin, "series", "all", "--order", "20", "--out", out], { stdio: ["ignore", "ignore", "pipe"] });
    const seconds = (performance.now() - start) / 1000;
    if (run.status !== 0) throw new Error(`spurious series all --order 20 failed: ${run.stderr.toString()}`);
    report("spurious series all --order 20, whole process (s; target < 10)", seconds.toFixed(1));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
