/**
 * The gauge (w_i, a_i) -> (s w_i, a_i / s), s > 0 (docs/mathematics.md §2; docs/discovery.md, "Gauge"). The loss, the
 * effective neurons a_i w_i and the inertia of the Hessian at a critical point are invariant; eigenvalues
 * and the gradient norm are not, so they are reported in the gauge |a_i| = 1.
 */

export interface Student {
  readonly W: number[][];
  readonly a: number[];
}

/**
 * The representative with |a_i| = 1: w_i -> |a_i| w_i, a_i -> sign(a_i). Throws a RangeError when some
 * a_i is zero (a dead output weight has no such representative).
 */
export function normaliseGauge(W: readonly (readonly number[])[], a: readonly number[]): Student {
  const scaled = W.map((row, i) => {
    const s = Math.abs(a[i]!);
    if (!(s > 0) || !Number.isFinite(s)) throw new RangeError(`gauge |a_i| = 1 undefined: a_${i} = ${a[i]}`);
    return row.map((w) => w * s);
  });
  return { W: scaled, a: a.map((ai) => (ai > 0 ? 1 : -1)) };
}

/**
 * The balanced representative, |w_i| = |a_i| (s = sqrt(|a_i| / |w_i|)), used during training where it
 * keeps the two scales of a neuron comparable. Rows with w_i = 0 or a_i = 0 are left as they are.
 */
export function balanceGauge(x: Float64Array, k: number, d: number): void {
  for (let i = 0; i < k; i++) {
    let n2 = 0;
    for (let m = 0; m < d; m++) n2 += x[i * d + m]! * x[i * d + m]!;
    const ai = x[k * d + i]!;
    if (n2 === 0 || ai === 0) continue;
    const s = Math.sqrt(Math.abs(ai) / Math.sqrt(n2));
    for (let m = 0; m < d; m++) x[i * d + m]! *= s;
    x[k * d + i] = ai / s;
  }
}
