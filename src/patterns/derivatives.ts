import type { Scalar } from "../numbers/scalar.js";
import { adjointScalar, type GradientPrecision } from "../diff/adjoint.js";
import { jetScalar } from "../diff/jet.js";
import type { Pattern } from "./pattern.js";
import { restrictedLoss } from "./restrictedLoss.js";

/** Value, gradient and (optionally) Hessian of L_P with respect to chosen coordinates. */
export interface LossJet<X> {
  readonly value: X;
  readonly gradient: X[];
  readonly hessian?: X[][];
}

/**
 * Derivatives of L_P(x; d) with respect to the parameters `wrt` (indices into P.params) and, if
 * `withD`, to d as the last variable (docs/patterns.md, "derivatives"), the small classes of sizes
 * `smallSizes` when given (restrictedLoss): exact chain rule through jets,
 * so over series or Decimal they carry no differencing error.
 */
export function lossJet<X>(
  S: Scalar<X>,
  P: Pattern,
  x: readonly X[],
  d: X,
  wrt: readonly number[],
  options: { withD?: boolean; order?: 1 | 2; smallSizes?: readonly X[] } = {},
): LossJet<X> {
  const withD = options.withD ?? false;
  const order = options.order ?? 2;
  const n = wrt.length + (withD ? 1 : 0);
  const J = jetScalar(S, n, order);
  const position = new Map(wrt.map((k, i) => [k, i]));
  const xj = x.map((v, k) => {
    const i = position.get(k);
    return i === undefined ? J.constant(v) : J.variable(i, v);
  });
  const dj = withD ? J.variable(n - 1, d) : J.constant(d);
  const L = restrictedLoss(J, P, xj, dj, options.smallSizes?.map((s) => J.constant(s)));
  return order === 2 ? { value: L.v, gradient: J.gradient(L), hessian: J.hessian(L) } : { value: L.v, gradient: J.gradient(L) };
}

/**
 * Value and gradient of L_P(x; d) with respect to the parameters `wrt` (indices into P.params) in
 * reverse mode (src/diff/adjoint.ts): one evaluation recorded on a tape and one backward sweep, the same
 * gradient as lossJet of order 1 (exactly, over an exact Scalar) at a cost that does not grow with the
 * number of parameters. Over truncated series, `precision` asks for each derivative to a precision only
 * (the sweep forms no coefficient beyond what those need).
 */
export function lossGradient<X>(
  S: Scalar<X>,
  P: Pattern,
  x: readonly X[],
  d: X,
  wrt: readonly number[],
  precision?: GradientPrecision<X>,
  smallSizes?: readonly X[],
): { value: X; gradient: X[] } {
  const A = adjointScalar(S);
  const position = new Map(wrt.map((k, i) => [k, i]));
  const vars: ReturnType<typeof A.variable>[] = [];
  const xa = x.map((v, k) => {
    if (!position.has(k)) return A.constant(v);
    const a = A.variable(v);
    vars[position.get(k)!] = a;
    return a;
  });
  const L = restrictedLoss(A, P, xa, A.constant(d), smallSizes?.map((s) => A.constant(s)));
  return { value: L.v, gradient: A.gradient(L, vars, precision) };
}

/** The indices of the W coordinates of a pattern (everything but the second layer a). */
export function weightParams(P: Pattern): number[] {
  return P.params.flatMap((p, k) => (p.kind === "a" ? [] : [k]));
}
