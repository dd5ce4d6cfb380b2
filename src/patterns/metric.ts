import type { Scalar } from "../numbers/scalar.js";
import type { Pattern } from "./pattern.js";
import { classSizes } from "./restrictedLoss.js";

/**
 * The count-weighted metric of a pattern (docs/patterns.md, "metric"): parameter k stands for
 * `weights[k]` full coordinates (|I| for a diagonal or a_I, |I|(|J| - [I = J]) for off(I,J)), as a
 * polynomial in d evaluated in the arithmetic. In coordinates x~_k = sqrt(w_k) x_k the pattern gradient
 * and Hessian equal the full ones restricted to the fixed-point space.
 */
export function paramWeights<X>(S: Scalar<X>, P: Pattern, d: X): X[] {
  const size = classSizes(S, P, d);
  return P.params.map((p) =>
    p.kind === "off" ? S.mul(size[p.row]!, p.row === p.col ? S.sub(size[p.col]!, S.fromInt(1)) : size[p.col]!) : size[p.row]!,
  );
}

/**
 * The Euclidean norm of the full gradient at a pattern point, from the pattern gradient g:
 * the full gradient is constant (g_k / w_k) on parameter k's entries, so |grad L|^2 = sum_k g_k^2 / w_k.
 */
export function fullGradientNorm<X>(S: Scalar<X>, g: readonly X[], weights: readonly X[]): X {
  let s = S.fromInt(0);
  g.forEach((gk, k) => {
    s = S.add(s, S.div(S.mul(gk, gk), weights[k]!));
  });
  return S.sqrt(s);
}
