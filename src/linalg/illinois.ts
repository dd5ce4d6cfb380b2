import type { Decimal } from "decimal.js";

/**
 * A zero of a scalar function g on [a, b], g(a) and g(b) of opposite signs, by the Illinois variant of
 * regula falsi (docs/linalg.md, "Zeros of one variable"): each new point is the secant's zero through the
 * two ends; the end that is kept has its value halved, so that a convex g cannot hold one end fixed for
 * ever. Stops when g is exactly zero there or the bracket is below `tolerance` relative to the newest end.
 * Returns the newest point and the final bracket [a, b] (one end is the newest point; g has opposite
 * signs at the two ends, unless the bracket has shrunk to one number), and the number of evaluations of g
 * (the two ends included).
 */
export function illinoisZero(
  g: (x: Decimal) => Decimal,
  lo: { readonly x: Decimal; readonly g: Decimal },
  hi: { readonly x: Decimal; readonly g: Decimal },
  tolerance: Decimal,
  maxEvaluations = 200,
): { x: Decimal; a: Decimal; b: Decimal; evaluations: number } | undefined {
  let [a, fa, b, fb] = [lo.x, lo.g, hi.x, hi.g];
  for (let evaluations = 3; evaluations < maxEvaluations; evaluations++) {
    const c = b.sub(fb.mul(b.sub(a)).div(fb.sub(fa)));
    const fc = g(c);
    // Keep the end of the other sign; halve its value when the same end is kept again.
    if (fc.s !== fb.s) [a, fa] = [b, fb];
    else fa = fa.div(2);
    [b, fb] = [c, fc];
    if (fc.isZero() || b.sub(a).abs().lt(tolerance.mul(b.abs()))) return { x: b, a: fc.isZero() ? b : a, b, evaluations };
  }
  return undefined;
}
