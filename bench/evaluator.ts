import { F64 } from "../src/numbers/floatField.js";
import { DecimalField } from "../src/numbers/decimalField.js";
import { hessian } from "../src/model/evaluator.js";
import { msPerRun, report } from "./measure.js";

/** The independent evaluator: the full Hessian at d = 20. */
export function benchEvaluator(): void {
  const d = 20;
  const W = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j ? 1 : 0) + 0.05 * Math.sin(i * d + j + 1)));
  const aVec = Array.from({ length: d }, (_, i) => 1 + 0.1 * Math.cos(i));
  report("full Hessian at d = 20, float64 (ms)", msPerRun(() => hessian(F64, W, aVec)).toFixed(1));
  const D40 = new DecimalField(40);
  const Wd = W.map((r) => r.map((v) => D40.from(v)));
  const ad = aVec.map((v) => D40.from(v));
  report("full Hessian at d = 20, Decimal 40 digits (ms)", msPerRun(() => hessian(D40, Wd, ad), 3000, 3).toFixed(0));
}
