import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { FAMILIES, findFamily } from "../src/families/registry.js";
import { familyEigenSeries } from "../src/eigenseries/eigenSeries.js";
import { deriveFamilySeries, scaledSystemOf } from "../src/ift/familySeries.js";
import { declaredField } from "../src/ift/declaredField.js";
import { henselLift } from "../src/ift/hensel.js";
import { evaluateScaledSystem, parameterSeries } from "../src/ift/scaledSystem.js";
import type { Field } from "../src/numbers/field.js";
import { lossJet } from "../src/patterns/derivatives.js";
import { Series } from "../src/series/series.js";
import { seriesScalar } from "../src/series/seriesScalar.js";
import { msPerRun, report } from "./measure.js";

/** Deriving every family's series and loss series, at order d^-5 (eps^10) and d^-10 (eps^20). */
export function benchSeries(): void {
  // The families with a series declaration (a family bounded by folds has none: docs/models.md §5.1).
  const withSeries = FAMILIES.filter((f) => f.series !== undefined);
  for (const order of [10, 20]) {
    const ms = msPerRun(() => withSeries.forEach((f) => deriveFamilySeries(f, order)), 1, 1);
    report(`derive all ${withSeries.length} families with loss, to order d^-${order / 2} (s)`, (ms / 1000).toFixed(2));
  }
  benchLastResidual();
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

/**
 * The last Newton–Hensel residual of family 4 at order 20 (F to O(eps^19) at xt known to O(eps^10), working
 * precision 23, docs/series-derivation.md (S4)): by first-order jets as before (the gradient one product per
 * parameter and operation), by adjoints (one backward sweep, the angle's partials formed with it), and by
 * adjoints asked for O(eps^19) only, as the Newton step asks.
 */
function benchLastResidual(): void {
  const f = findFamily("4");
  const field = declaredField(f.series!.field);
  const F = field.F as Field<unknown>;
  const { sys, leading } = scaledSystemOf(f, F, field.read);
  const work = 23;
  const xt = henselLift(sys, leading, 10).map((s) => Series.of(F, s.val, s.coeffs).truncate(work));
  const seconds = (fn: () => unknown): string => (msPerRun(fn, 1, 1) / 1000).toFixed(2);
  // The jets as the residual used them: the angle's partials through x^2 + y^2.
  const { atan2WithPartials, ...direct } = seriesScalar(F, work);
  if (atan2WithPartials === undefined) throw new Error("series over Q(pi, sqrt 3) form the angle's partials with it");
  const jets = seconds(() => lossJet(direct, sys.P, parameterSeries(sys, xt), Series.monomial(F, F.one(), -2), sys.unknowns, { order: 1 }));
  report("last Newton residual of family 4 at order 20 by jets (s)", jets);
  report("the same by adjoints (s)", seconds(() => evaluateScaledSystem(sys, xt, work, false)));
  report("the same by adjoints, to O(eps^19) only (s)", seconds(() => evaluateScaledSystem(sys, xt, work, false, 19)));
}
