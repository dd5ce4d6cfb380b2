import { BigFloatField } from "../src/numbers/bigFloatField.js";
import { DecimalField } from "../src/numbers/decimalField.js";
import { Pattern } from "../src/patterns/pattern.js";
import { lossJet } from "../src/patterns/derivatives.js";
import { familyCriticalPoint, seedParams } from "../src/families/critical.js";
import { findFamily } from "../src/families/registry.js";
import { msPerRun, report } from "./measure.js";

/** The restricted loss with its gradient, and a family's critical point, at d = 1e4 (docs/patterns.md, docs/families.md). */
export function benchPatterns(): void {
  const D40 = new DecimalField(40);
  const P = Pattern.isotropy(3);
  const family4 = findFamily("4");
  const x = seedParams(family4, D40);
  const d = D40.fromDecimalString("1e4");
  const all = P.params.map((_q, k) => k);
  report(
    "restricted loss + gradient, pattern (d-3|3), Decimal 40 (ms)",
    msPerRun(() => lossJet(D40, P, x, d, all, { order: 1 }), 1000, 200).toFixed(2),
  );
  // The same in binary floats (docs/numbers.md §6); mpmath evaluates the loss alone in about 0.6 ms.
  const B40 = new BigFloatField(40);
  const xb = x.map((v) => B40.fromDecimalString(v.toString()));
  const db = B40.fromDecimalString("1e4");
  report(
    "restricted loss + gradient, pattern (d-3|3), BigFloat 40 (ms; target < 1)",
    msPerRun(() => lossJet(B40, P, xb, db, all, { order: 1 }), 1000, 1000).toFixed(2),
  );
  report(
    "loss + gradient + Hessian, pattern (d-3|3): Decimal 40 (ms)",
    msPerRun(() => lossJet(D40, P, x, d, all), 1000, 200).toFixed(2),
  );
  report(
    "loss + gradient + Hessian, pattern (d-3|3): BigFloat 40 (ms; target < 2)",
    msPerRun(() => lossJet(B40, P, xb, db, all), 1000, 1000).toFixed(2),
  );
  report(
    "critical point of family 4 at d = 1e4, 40 digits, binary (ms; target < 350)",
    msPerRun(() => familyCriticalPoint(family4, "1e4", 40), 1, 1).toFixed(0),
  );
  report(
    "critical point of family 4 at d = 1e4, 40 digits, decimal (ms)",
    msPerRun(() => familyCriticalPoint(family4, "1e4", 40, undefined, "decimal"), 1, 1).toFixed(0),
  );
}
