import { compileTerms, type CompiledTerms } from "./compiledTerms.js";
import type { Pattern } from "./pattern.js";

const TWO_PI = 2 * Math.PI;
/** Rows parallel up to rounding (r^2 below this times |u|^2 |v|^2) count as parallel, as in restrictedLoss. */
const ROUNDOFF = 2 ** -52;

/**
 * The Hessian of L_P in every parameter of the pattern (W entries and a) in float64, by hand from the
 * compiled terms (compiledTerms.ts): the float64 twin of second-order jets of restrictedLoss for the census's
 * Young blocks (docs/census.md §2), where the jets cost about a millisecond a block. For the kernel
 * K(u, v) = (r + (pi - t) s) / (2 pi), s = u.v, r = |u||v| sin t (docs/patterns.md §6, "The Hessian by hand"):
 *   grad_u K  = ((pi - t) v + (r/|u|^2) u) / (2 pi)
 *   H_uu = ((r/|u|^2) I + (|v|^2/(r |u|^2) - 2 r/|u|^4) u u^T - (s/(r |u|^2)) (u v^T + v u^T) + v v^T / r) / (2 pi)
 *   H_uv = ((pi - t) I - (s/(r |v|^2)) v v^T + (v u^T + u v^T) / r - (s/(r |u|^2)) u u^T) / (2 pi)
 * and H_vv with u and v exchanged; rows parallel to rounding take K = s/2 (H_uv = I/2) or 0, as
 * restrictedLoss does. Over a column type tau of m_tau columns the identity sums to m_tau and a rank-one
 * term x y^T to (m_tau x_tau)(m_sigma y_sigma); the terms' second-layer factors give the a-rows and columns.
 */

/** The kernel terms with their second-layer parameters resolved, and scratch space for the longest. */
interface PreparedTerms {
  readonly terms: CompiledTerms;
  readonly normA: readonly number[];
  readonly kernelA: readonly (readonly number[])[];
  readonly longest: number;
}

const preparedMemo = new WeakMap<Pattern, Map<number, PreparedTerms>>();

function prepared(P: Pattern, d: number): PreparedTerms {
  let byD = preparedMemo.get(P);
  if (byD === undefined) preparedMemo.set(P, (byD = new Map()));
  let out = byD.get(d);
  if (out === undefined) {
    const terms = compileTerms(P, d);
    const aParam = (I: number): number => {
      const k = P.paramIndex("a", I);
      if (k === undefined) throw new RangeError(`pattern ${P.toString()} has no second-layer parameter for class ${I}`);
      return k;
    };
    out = {
      terms,
      normA: terms.norms.map((t) => aParam(t.row)),
      kernelA: terms.kernels.map((t) => t.rows.map(aParam)),
      longest: Math.max(1, ...terms.kernels.map((t) => t.counts.length)),
    };
    byD.set(d, out);
  }
  return out;
}

/**
 * The float64 Hessian of L_P at x (every parameter, a included, ordered as P.params) at the real d: an
 * N x N symmetric matrix, N = P.params.length.
 */
export function restrictedHessianFloat64(P: Pattern, x: readonly number[], d: number): number[][] {
  const { terms, normA, kernelA, longest } = prepared(P, d);
  const N = P.params.length;
  const H = Array.from({ length: N }, () => new Array<number>(N).fill(0));
  terms.norms.forEach((t, n) => {
    const a = normA[n]!;
    const aI = x[a]!;
    let norm2 = 0;
    t.params.forEach((p, i) => {
      norm2 += t.counts[i]! * x[p]! * x[p]!;
      H[p]![p] += 2 * t.coefficient * aI * aI * t.counts[i]!;
      // d/da_I d/dx_p of coefficient a_I^2 count x_p^2.
      const mixed = 4 * t.coefficient * aI * t.counts[i]! * x[p]!;
      H[a]![p] += mixed;
      H[p]![a] += mixed;
    });
    H[a]![a] += 2 * t.coefficient * norm2;
  });
  const u = new Float64Array(longest);
  const v = new Float64Array(longest);
  const wu = new Float64Array(longest);
  const wv = new Float64Array(longest);
  const gu = new Float64Array(longest);
  const gv = new Float64Array(longest);
  terms.kernels.forEach((t, kernel) => {
    const n = t.counts.length;
    const m = t.counts;
    let s = 0;
    let uu = 0;
    let vv = 0;
    for (let i = 0; i < n; i++) {
      u[i] = t.u[i]!.param >= 0 ? x[t.u[i]!.param]! : t.u[i]!.constant;
      v[i] = t.v[i]!.param >= 0 ? x[t.v[i]!.param]! : t.v[i]!.constant;
      wu[i] = m[i]! * u[i]!;
      wv[i] = m[i]! * v[i]!;
      s += wu[i]! * v[i]!;
      uu += wu[i]! * u[i]!;
      vv += wv[i]! * v[i]!;
    }
    let r2 = 0;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const minor = u[i]! * v[j]! - u[j]! * v[i]!;
        r2 += m[i]! * m[j]! * minor * minor;
      }
    }
    const as = kernelA[kernel]!;
    // The second-layer factor c = coefficient * prod a and its derivatives in each a-parameter (with repeats).
    const aValue = as.map((a) => x[a]!);
    const c = aValue.reduce((p, a) => p * a, t.coefficient);
    const parallel = r2 === 0 || r2 <= ROUNDOFF * uu * vv;
    if (parallel && !(s > 0)) return;
    let value: number;
    if (parallel) {
      // K = s/2: H_uv = I/2.
      value = s / 2;
      for (let i = 0; i < n; i++) {
        gu[i] = wv[i]! / 2;
        gv[i] = wu[i]! / 2;
        const pu = t.u[i]!.param;
        const pv = t.v[i]!.param;
        if (pu >= 0 && pv >= 0) {
          H[pu]![pv] += (c * m[i]!) / 2;
          H[pv]![pu] += (c * m[i]!) / 2;
        }
      }
    } else {
      const r = Math.sqrt(r2);
      const angle = Math.atan2(r, s);
      value = (r + (Math.PI - angle) * s) / TWO_PI;
      const au = vv / (r * uu) - (2 * r) / (uu * uu);
      const av = uu / (r * vv) - (2 * r) / (vv * vv);
      const bu = s / (r * uu);
      const bv = s / (r * vv);
      for (let i = 0; i < n; i++) {
        gu[i] = (m[i]! * ((r / uu) * u[i]! + (Math.PI - angle) * v[i]!)) / TWO_PI;
        gv[i] = (m[i]! * ((r / vv) * v[i]! + (Math.PI - angle) * u[i]!)) / TWO_PI;
        const pu = t.u[i]!.param;
        const pv = t.v[i]!.param;
        for (let j = 0; j < n; j++) {
          const qu = t.u[j]!.param;
          const qv = t.v[j]!.param;
          const cross = wu[i]! * wv[j]! + wv[i]! * wu[j]!;
          const diagonal = i === j ? m[i]! : 0;
          if (pu >= 0 && qu >= 0) H[pu]![qu] += (c * ((r / uu) * diagonal + au * wu[i]! * wu[j]! - bu * cross + (wv[i]! * wv[j]!) / r)) / TWO_PI;
          if (pv >= 0 && qv >= 0) H[pv]![qv] += (c * ((r / vv) * diagonal + av * wv[i]! * wv[j]! - bv * cross + (wu[i]! * wu[j]!) / r)) / TWO_PI;
          if (pu >= 0 && qv >= 0) {
            const huv = (c * ((Math.PI - angle) * diagonal - bv * wv[i]! * wv[j]! + cross / r - bu * wu[i]! * wu[j]!)) / TWO_PI;
            H[pu]![qv] += huv;
            H[qv]![pu] += huv;
          }
        }
      }
    }
    as.forEach((a, i) => {
      const dc = aValue.reduce((p, b, j) => (j === i ? p : p * b), t.coefficient);
      for (let k = 0; k < n; k++) {
        const pu = t.u[k]!.param;
        const pv = t.v[k]!.param;
        if (pu >= 0) {
          H[a]![pu] += dc * gu[k]!;
          H[pu]![a] += dc * gu[k]!;
        }
        if (pv >= 0) {
          H[a]![pv] += dc * gv[k]!;
          H[pv]![a] += dc * gv[k]!;
        }
      }
      as.forEach((b, j) => {
        if (j !== i) H[a]![b] += aValue.reduce((p, y, l) => (l === i || l === j ? p : p * y), t.coefficient) * value;
      });
    });
  });
  return H;
}
