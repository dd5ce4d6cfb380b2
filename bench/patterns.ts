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
  report(
    "critical point of family 4 at d = 1e4, 40 digits (ms)",
    msPerRun(() => familyCriticalPoint(family4, "1e4", 40), 1, 1).toFixed(0),
  );
}
