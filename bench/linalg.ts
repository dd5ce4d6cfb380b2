import { factorDense } from "../src/discovery/dense.js";
import { solveLinear } from "../src/linalg/solve.js";
import { FloatField } from "../src/numbers/floatField.js";
import { msPerRun, report } from "./measure.js";

/** A fixed pseudo-random n x n matrix with a dominant diagonal, and a right-hand side. */
function system(n: number): { A: number[][]; b: number[] } {
  let seed = 12345;
  const next = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
  const A = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => next() + (i === j ? n : 0)));
  return { A, b: Array.from({ length: n }, next) };
}

/** Newton steps of training reuse one factorisation for this many successive right-hand sides. */
const SOLVES_PER_FACTORISATION = 4;

/**
 * The float64 LU of discovery/dense.ts against the field-generic elimination over float64, as training
 * uses it: one factorisation, then successive solves (each right-hand side depends on the previous step).
 */
export function benchLinalg(): void {
  const F = new FloatField();
  for (const n of [20, 60, 150]) {
    const { A, b } = system(n);
    const dense = msPerRun(() => {
      const lu = factorDense(A);
      for (let k = 0; k < SOLVES_PER_FACTORISATION; k++) lu.solve(b);
    });
    const generic = msPerRun(() => {
      for (let k = 0; k < SOLVES_PER_FACTORISATION; k++) solveLinear(F, A, b);
    });
    report(`${n}x${n} float64, 1 factorisation + ${SOLVES_PER_FACTORISATION} solves: generic / dense LU (time ratio)`, (generic / dense).toFixed(1));
  }
}
