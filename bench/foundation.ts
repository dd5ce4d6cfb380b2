import { QPI } from "../src/numbers/qpi.js";
import { F64 } from "../src/numbers/floatField.js";
import { DecimalField } from "../src/numbers/decimalField.js";
import { Series } from "../src/series/series.js";
import { sqrt } from "../src/series/elementary.js";
import { hessian } from "../src/model/evaluator.js";
import { msPerRun, report } from "./measure.js";

/** A series over Q(pi) with 40 known terms whose coefficients mix rationals and powers of pi. */
function sampleSeries(shift: number): Series<ReturnType<typeof QPI.one>> {
  const coeffs = Array.from({ length: 40 }, (_, k) =>
    QPI.add(QPI.fromRational(k + shift, k + 2), QPI.div(QPI.fromInt(k % 3), QPI.add(QPI.pi(), QPI.fromInt(1)))),
  );
  coeffs[0] = QPI.fromInt(4);
  return Series.of(QPI, 0, coeffs, 40);
}

export function benchFoundation(): void {
  const a = sampleSeries(1);
  const b = sampleSeries(2);
  report("series multiply, order 40 over Q(pi) (ops/s)", (1000 / msPerRun(() => a.mul(b))).toFixed(2));
  report("series sqrt, order 40 over Q(pi) (ops/s)", (1000 / msPerRun(() => sqrt(a))).toFixed(2));

  const d = 20;
  const W = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j ? 1 : 0) + 0.05 * Math.sin(i * d + j + 1)));
  const aVec = Array.from({ length: d }, (_, i) => 1 + 0.1 * Math.cos(i));
  report("full Hessian at d = 20, float64 (ms)", msPerRun(() => hessian(F64, W, aVec)).toFixed(1));
  const D40 = new DecimalField(40);
  const Wd = W.map((r) => r.map((v) => D40.from(v)));
  const ad = aVec.map((v) => D40.from(v));
  report("full Hessian at d = 20, Decimal 40 digits (ms)", msPerRun(() => hessian(D40, Wd, ad), 3000, 3).toFixed(0));
}
