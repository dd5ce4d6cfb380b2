/**
 * A float64-only twin of the evaluator's loss and gradient (src/model/evaluator.ts), on a flat
 * Float64Array [W row-major, a], for the inner loop of training (docs/discovery.md, "Training"). It computes
 * the same formulas (docs/evaluator.md §2–§3) with two shortcuts that keep it O(k^2 d) per call instead of
 * O(k^2 d^2): against a teacher row e_m, r = |w| sin t is sqrt of the sum of the other squared entries
 * (prefix and suffix sums, no cancellation); between two student rows, r^2 = |w|^2 |v|^2 - (w.v)^2 unless
 * that difference is below 1e-6 of |w|^2 |v|^2, where the Lagrange sum of squares is used instead.
 * The evaluator stays the reference: every reported point is re-checked with it.
 */

const TWO_PI = 2 * Math.PI;

/** Relative size of r^2 below which the Lagrange identity replaces |w|^2|v|^2 - (w.v)^2. */
const CANCELLATION_THRESHOLD = 1e-6;

/** Workspace for fastLossAndGradient, reusable across calls of the same shape. */
export interface FastWorkspace {
  readonly k: number;
  readonly d: number;
  readonly norm2: Float64Array;
  readonly others: Float64Array;
}

export function fastWorkspace(k: number, d: number): FastWorkspace {
  return { k, d, norm2: new Float64Array(k), others: new Float64Array(d) };
}

/**
 * L(W, a) for x = [W row-major (k d), a (k)], writing dL/dx into `grad` (same layout). Returns NaN when
 * a row of W is zero (the kernel is not differentiable there).
 */
export function fastLossAndGradient(ws: FastWorkspace, x: Float64Array, grad: Float64Array): number {
  const { k, d, norm2, others } = ws;
  const aOffset = k * d;
  // The teacher's own term 1/2 sum_{i,j} K(e_i, e_j): K(e_i, e_i) = 1/2, K(e_i, e_j) = 1/(2 pi).
  let L = d / 4 + (d * (d - 1)) / (4 * Math.PI);
  grad.fill(0);
  for (let i = 0; i < k; i++) {
    let n2 = 0;
    for (let m = 0; m < d; m++) n2 += x[i * d + m]! * x[i * d + m]!;
    if (n2 === 0) return Number.NaN;
    norm2[i] = n2;
  }
  // gW holds dL/dw_i / a_i until the final scaling.
  for (let i = 0; i < k; i++) {
    const ai = x[aOffset + i]!;
    const n2 = norm2[i]!;
    const wi = i * d;
    // same row: a_i^2 |w_i|^2 / 4
    L += (ai * ai * n2) / 4;
    grad[aOffset + i]! += (ai * n2) / 2;
    for (let m = 0; m < d; m++) grad[wi + m]! += (ai * x[wi + m]!) / 2;
    for (let j = i + 1; j < k; j++) {
      const aj = x[aOffset + j]!;
      const wj = j * d;
      const m2 = norm2[j]!;
      let c = 0;
      for (let m = 0; m < d; m++) c += x[wi + m]! * x[wj + m]!;
      let r2 = n2 * m2 - c * c;
      if (r2 < CANCELLATION_THRESHOLD * n2 * m2) {
        r2 = 0;
        for (let p = 0; p < d; p++) {
          for (let q = p + 1; q < d; q++) {
            const M = x[wi + p]! * x[wj + q]! - x[wi + q]! * x[wj + p]!;
            r2 += M * M;
          }
        }
      }
      const r = Math.sqrt(r2);
      const s = Math.atan2(r, -c);
      const K = (r + s * c) / TWO_PI;
      L += ai * aj * K;
      grad[aOffset + i]! += aj * K;
      grad[aOffset + j]! += ai * K;
      // dK/dw = (r/|w|^2 w + (pi - t) v) / (2 pi), and symmetrically for v
      const ci = (aj * r) / (n2 * TWO_PI);
      const cj = (ai * r) / (m2 * TWO_PI);
      const si = (aj * s) / TWO_PI;
      const sj = (ai * s) / TWO_PI;
      for (let m = 0; m < d; m++) {
        const u = x[wi + m]!;
        const v = x[wj + m]!;
        grad[wi + m]! += ci * u + si * v;
        grad[wj + m]! += cj * v + sj * u;
      }
    }
    // teacher rows e_m: c = w_m, r = sqrt(sum_{q != m} w_q^2) from prefix and suffix sums
    let before = 0;
    for (let m = 0; m < d; m++) {
      others[m] = before;
      before += x[wi + m]! * x[wi + m]!;
    }
    let after = 0;
    let rSum = 0;
    for (let m = d - 1; m >= 0; m--) {
      const w = x[wi + m]!;
      const r = Math.sqrt(others[m]! + after);
      after += w * w;
      const s = Math.atan2(r, -w);
      const K = (r + s * w) / TWO_PI;
      L -= ai * K;
      grad[aOffset + i]! -= K;
      rSum += r;
      grad[wi + m]! -= s / TWO_PI;
    }
    const scale = rSum / (n2 * TWO_PI);
    for (let m = 0; m < d; m++) grad[wi + m]! -= scale * x[wi + m]!;
    for (let m = 0; m < d; m++) grad[wi + m]! *= ai;
  }
  return L;
}
