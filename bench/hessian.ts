import { familyCriticalPoint, familyPattern } from "../src/families/critical.js";
import { precisionContext } from "../src/families/precision.js";
import { FAMILIES, findFamily } from "../src/families/registry.js";
import { blockEigenvalues, isotypicBlocks } from "../src/hessian/blocks.js";
import { componentEigenvalues, familySpectrum } from "../src/hessian/spectrum.js";
import { symmetricEigenvaluesFloat64 } from "../src/linalg/symmetricEigenFloat64.js";
import { hessian } from "../src/model/evaluator.js";
import { F64 } from "../src/numbers/floatField.js";
import { embed } from "../src/patterns/embedding.js";
import { msPerRun, report } from "./measure.js";

/** The Hessian spectrum by isotypic component (docs/hessian.md) and the full-Hessian check it replaces. */
export function benchHessian(): void {
  for (const f of FAMILIES) {
    // A family bounded by folds (docs/models.md §5.1) is timed at its seed's d instead of 1e4.
    const d = Number(f.range.max) >= 1e4 ? "1e4" : f.seed.d;
    report(`spectrum of family ${f.name} at d = ${d}, 40 digits, with its critical point (ms; target < 1000)`, msPerRun(() => familySpectrum(f, d, 40), 1, 1).toFixed(0));
  }
  const family4 = findFamily("4");
  const point = familyCriticalPoint(family4, "1e4", 40);
  const work = precisionContext(40).working(point.d);
  report(
    `blocks and their eigenvalues only, family 4, d = 1e4, ${work.digits} digits, decimal (ms)`,
    msPerRun(() => componentEigenvalues(work, familyPattern(family4), point.x, point.d, "decimal"), 1000, 20).toFixed(0),
  );
  report(
    `blocks and their eigenvalues only, family 4, d = 1e4, ${work.digits} digits, binary (ms)`,
    msPerRun(() => componentEigenvalues(work, familyPattern(family4), point.x, point.d, "binary"), 1000, 20).toFixed(0),
  );

  const family2a = findFamily("2a");
  const d = 30;
  const x = familyCriticalPoint(family2a, String(d), 20).x.map((v) => v.toNumber());
  const { W, a } = embed(familyPattern(family2a), x, d);
  report(
    "full-Hessian check, family 2a, d = 30: evaluator Hessian (930 x 930), float64 (ms)",
    msPerRun(() => hessian(F64, W, a), 1000, 20).toFixed(0),
  );
  const H = hessian(F64, W, a);
  report("full-Hessian check, family 2a, d = 30: its eigenvalues, float64 (ms)", msPerRun(() => symmetricEigenvaluesFloat64(H), 1000, 20).toFixed(0));
  report(
    "the same spectrum by blocks, family 2a, d = 30, float64 (ms)",
    msPerRun(() => isotypicBlocks(F64, familyPattern(family2a), x, d).map((b) => blockEigenvalues(F64, b)), 1000, 200).toFixed(2),
  );
}
