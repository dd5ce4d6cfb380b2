import { compileTerms } from "./compiledTerms.js";
import type { Pattern } from "./pattern.js";

const TWO_PI = 2 * Math.PI;
/** Rows parallel up to rounding (r^2 below this times |u|^2 |v|^2) count as parallel, as in restrictedLoss. */
const ROUNDOFF = 2 ** -52;

/**
 * A float64 twin of restrictedLoss (docs/patterns.md §2) with its gradient by hand, for the inner loop of
 * the census's descent (docs/census.md §1): the pattern, d and the second layer a are compiled once into a
 * list of kernel terms coefficient * K[(count, u, v) per column type]; each evaluation then costs a few
 * hundred flops, independent of d. For K(u, v) = (r + (pi - t) u.v) / (2 pi) with column types of counts m,
 *   dK/du_tau = m_tau ((r / |u|^2) u_tau + (pi - t) v_tau) / (2 pi)     (and u, v swapped),
 * the gradient of the kernel (docs/evaluator.md §3) summed over the m_tau columns of a type; r^2 is summed
 * from minors (the Lagrange identity, no cancellation) and parallel rows (r^2 below the rounding of
 * |u|^2 |v|^2) take K = u.v/2 or 0, as restrictedLoss does. The jets stay the reference (test/census.test.ts
 * compares value and gradient).
 */

export interface CompiledLoss {
  readonly pattern: Pattern;
  readonly d: number;
  /** L_P at the parameters x (every parameter of the pattern; its a-entries are ignored: a is compiled in), its W-gradient into grad (a-entries 0). */
  evaluate(x: Float64Array, grad: Float64Array): number;
}

/** Compile L_P(x; d) for the pattern at the real d with the second layer fixed at `a` (one value per row class, in class order). */
export function compileRestrictedLoss(P: Pattern, d: number, a: readonly number[]): CompiledLoss {
  const terms = compileTerms(P, d);
  const rowClasses = P.classes.map((_, i) => i).filter((i) => P.hasRows(i));
  const aOf = (I: number): number => a[rowClasses.indexOf(I)]!;
  const norms = terms.norms.map((t) => ({ ...t, coefficient: aOf(t.row) * aOf(t.row) * t.coefficient }));
  const kernels = terms.kernels.map((t) => ({ ...t, coefficient: t.rows.reduce((c, I) => c * aOf(I), t.coefficient) })).filter((t) => t.coefficient !== 0);
  const teacher = terms.teacher;
  const longest = Math.max(1, ...kernels.map((k) => k.counts.length));
  const u = new Float64Array(longest);
  const v = new Float64Array(longest);

  return {
    pattern: P,
    d,
    evaluate(x: Float64Array, grad: Float64Array): number {
      grad.fill(0);
      let total = teacher;
      for (const t of norms) {
        for (let i = 0; i < t.params.length; i++) {
          const xi = x[t.params[i]!]!;
          total += t.coefficient * t.counts[i]! * xi * xi;
          grad[t.params[i]!]! += 2 * t.coefficient * t.counts[i]! * xi;
        }
      }
      for (const t of kernels) {
        const n = t.counts.length;
        let dot = 0;
        let uu = 0;
        let vv = 0;
        for (let i = 0; i < n; i++) {
          const ui = t.u[i]!.param >= 0 ? x[t.u[i]!.param]! : t.u[i]!.constant;
          const vi = t.v[i]!.param >= 0 ? x[t.v[i]!.param]! : t.v[i]!.constant;
          u[i] = ui;
          v[i] = vi;
          const m = t.counts[i]!;
          dot += m * ui * vi;
          uu += m * ui * ui;
          vv += m * vi * vi;
        }
        let r2 = 0;
        for (let i = 0; i < n; i++) {
          for (let j = i + 1; j < n; j++) {
            const minor = u[i]! * v[j]! - u[j]! * v[i]!;
            r2 += t.counts[i]! * t.counts[j]! * minor * minor;
          }
        }
        const c = t.coefficient;
        if (r2 === 0 || r2 <= ROUNDOFF * uu * vv) {
          if (dot > 0) {
            total += (c * dot) / 2;
            for (let i = 0; i < n; i++) {
              if (t.u[i]!.param >= 0) grad[t.u[i]!.param]! += (c * t.counts[i]! * v[i]!) / 2;
              if (t.v[i]!.param >= 0) grad[t.v[i]!.param]! += (c * t.counts[i]! * u[i]!) / 2;
            }
          }
          continue;
        }
        const r = Math.sqrt(r2);
        const angle = Math.atan2(r, dot);
        total += (c * (r + (Math.PI - angle) * dot)) / TWO_PI;
        const ru = uu > 0 ? r / uu : 0;
        const rv = vv > 0 ? r / vv : 0;
        for (let i = 0; i < n; i++) {
          const m = (c * t.counts[i]!) / TWO_PI;
          if (t.u[i]!.param >= 0) grad[t.u[i]!.param]! += m * (ru * u[i]! + (Math.PI - angle) * v[i]!);
          if (t.v[i]!.param >= 0) grad[t.v[i]!.param]! += m * (rv * v[i]! + (Math.PI - angle) * u[i]!);
        }
      }
      return total;
    },
  };
}
