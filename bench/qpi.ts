import { QPI, type QPi } from "../src/numbers/qpi.js";
import { Series } from "../src/series/series.js";
import { sqrt } from "../src/series/elementary.js";
import { msPerRun, report } from "./measure.js";

/** A series over Q(pi) with 40 known terms whose coefficients mix rationals and 1/(pi + 1). */
function sampleSeries(shift: number): Series<QPi> {
  const coeffs = Array.from({ length: 40 }, (_, k) =>
    QPI.add(QPI.fromRational(k + shift, k + 2), QPI.div(QPI.fromInt(k % 3), QPI.add(QPI.pi(), QPI.fromInt(1)))),
  );
  coeffs[0] = QPI.fromInt(4);
  return Series.of(QPI, 0, coeffs, 40);
}

/** The exact field Q(pi) (docs/numbers.md §4): truncated-series arithmetic at order 40. */
export function benchQPi(): void {
  const a = sampleSeries(1);
  const b = sampleSeries(2);
  report("series multiply, order 40 over Q(pi) (ops/s)", (1000 / msPerRun(() => a.mul(b))).toFixed(2));
  report("series sqrt, order 40 over Q(pi) (ops/s)", (1000 / msPerRun(() => sqrt(a))).toFixed(2));
}
