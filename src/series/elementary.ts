import { dot } from "../numbers/field.js";
import { Series, resultPrecision } from "./series.js";

/**
 * Elementary functions of truncated Laurent series (docs/series.md): derivative, integral, sqrt, atan
 * and the kernel angle atan2. Each states what it does to valuation and precision.
 */

/** d/d eps. Precision drops by one. */
export function derivative<T>(s: Series<T>): Series<T> {
  const F = s.F;
  const out = s.coeffs.map((c, i) => F.mul(F.fromInt(s.val + i), c));
  return Series.of(F, s.val - 1, out, s.prec - 1);
}

/** The antiderivative with zero constant term. Needs a zero coefficient of eps^-1; precision rises by one. */
export function integral<T>(s: Series<T>): Series<T> {
  const F = s.F;
  const out = s.coeffs.map((c, i) => {
    const k = s.val + i;
    if (k === -1) {
      if (!F.isZero(c)) throw new RangeError("integral: the coefficient of eps^-1 is nonzero (a logarithm would appear)");
      return F.zero();
    }
    return F.div(c, F.fromInt(k + 1));
  });
  return Series.of(F, s.val + 1, out, s.prec + 1);
}

/**
 * The square root with positive leading coefficient. Needs an even valuation and a leading coefficient
 * that is a square in the field (decided exactly for Q and Q(pi)); keeps the relative precision.
 * An exact input needs `prec`, the absolute precision wanted.
 */
export function sqrt<T>(s: Series<T>, prec?: number): Series<T> {
  const F = s.F;
  if (s.isZero()) {
    if (s.isExact()) return s;
    throw new RangeError(`sqrt of a series that is zero to O(eps^${s.prec}): its leading term is unknown`);
  }
  if (s.val % 2 !== 0) {
    throw new RangeError(`sqrt: the valuation ${s.val} is odd (the root would need eps^(1/2))`);
  }
  const a = s.coeffs;
  const root0 = F.sqrt(a[0]!);
  if (root0 === undefined) {
    throw new RangeError(`sqrt: the leading coefficient ${F.toString(a[0]!)} is not the square of an element of ${F.name}` +
      (F.sign(a[0]!) < 0 ? " (it is negative)" : ""));
  }
  const val = s.val / 2;
  const target = resultPrecision(val + s.relPrec(), prec, "sqrt");
  const n = target - val;
  const twoRoot = F.add(root0, root0);
  const g: T[] = [root0];
  // (sum g_k eps^k)^2 = sum a_k eps^k: g_k = (a_k - sum_{j=1..k-1} g_j g_{k-j}) / (2 g_0)
  if (F.exact && F.sumOfProducts !== undefined) {
    // The sum pairs g_j g_{k-j} with g_{k-j} g_j: sum_{1 <= j < k-j} (2 g_j) g_{k-j} + g_{k/2}^2, one sum
    // of products (docs/series.md §2.6); the same coefficients over an exact field.
    const two = F.fromInt(2);
    const doubled: T[] = [twoRoot];
    for (let k = 1; k < n; k++) {
      const x: T[] = [];
      const y: T[] = [];
      for (let j = 1; 2 * j < k; j++) {
        x.push(doubled[j]!);
        y.push(g[k - j]!);
      }
      if (k % 2 === 0) {
        x.push(g[k / 2]!);
        y.push(g[k / 2]!);
      }
      const ak = k < a.length ? a[k]! : F.zero();
      const gk = F.div(x.length === 0 ? ak : F.sub(ak, dot(F, x, y)), twoRoot);
      g.push(gk);
      doubled.push(F.mul(two, gk));
    }
    return Series.of(F, val, g, target);
  }
  for (let k = 1; k < n; k++) {
    let acc = k < a.length ? a[k]! : F.zero();
    for (let j = 1; j < k; j++) acc = F.sub(acc, F.mul(g[j]!, g[k - j]!));
    g.push(F.div(acc, twoRoot));
  }
  return Series.of(F, val, g, target);
}

/**
 * arctan for a series of non-negative valuation: atan(s0) + integral of s'/(1 + s^2). The constant
 * atan(s0) must lie in the field (in Q(pi): s0 in {0, 1, -1}). Keeps the absolute precision; an exact
 * input needs `prec`, except the exact zero (atan 0 = 0).
 */
export function atan<T>(s: Series<T>, prec?: number): Series<T> {
  return atanWithRate(s, prec, false).value;
}

/**
 * atan(s) and, when `withRate`, 1/(1 + s^2) (the derivative of atan at s) to its natural precision
 * (the exact zero: 1). atan uses the same inverse, truncated to what its integral needs.
 */
function atanWithRate<T>(s: Series<T>, prec: number | undefined, withRate: boolean): { value: Series<T>; rate?: Series<T> } {
  const F = s.F;
  if (!s.isZero() && s.val < 0) throw new RangeError(`atan: the series has a pole (valuation ${s.val}); use atan2`);
  if (s.isZero() && s.isExact()) return { value: s, ...(withRate ? { rate: Series.constant(F, F.one()) } : {}) };
  const target = resultPrecision(s.prec, prec, "atan");
  const x = s.truncate(target);
  const s0 = x.coeff(0);
  const c = F.atan(s0);
  if (c === undefined) {
    throw new RangeError(`atan: arctan(${F.toString(s0)}) does not lie in ${F.name}; run over Decimal`);
  }
  const one = Series.constant(F, F.one());
  // x is known to O(eps^target), so 1 + x^2 is inexact and its inverse has a natural precision; the
  // integral needs it to O(eps^(target - 1)) only (the same coefficients).
  const onePlus = one.add(x.mul(x));
  const rate = withRate ? onePlus.inv() : undefined;
  const inverse = rate === undefined ? onePlus.inv(target - 1) : rate.truncate(target - 1);
  const value = integral(derivative(x).mul(inverse)).truncate(target).addConstant(c);
  return rate === undefined ? { value } : { value, rate };
}

/**
 * The angle atan2(y, x) in (-pi, pi] of the point (x, y), for series whose leading terms fix the branch
 * (docs/series.md, "kernel angle"):
 *   val(y) > val(x):  atan(y/x), plus pi if x leads negative (angle near 0 or pi);
 *   val(y) < val(x):  sign(y) pi/2 - atan(x/y)           (angle near pi/2 or -pi/2);
 *   equal valuations: atan(y/x) (+ sign(y) pi if x leads negative), whose constant atan(y0/x0) must lie
 *   in the field.
 * A y that is zero to its precision is taken as y >= 0 (the kernel's |w x v| is never negative).
 * Known to the precision of the quotient that is formed; `prec` caps it and is needed when the quotient
 * is exact and nonzero.
 */
export function atan2<T>(y: Series<T>, x: Series<T>, prec?: number): Series<T> {
  return angle(y, x, prec, false).angle;
}

/**
 * atan2(y, x) as `atan2` gives it (the same series), with its partial derivatives
 *   d/dy = x / (x^2 + y^2),   d/dx = -y / (x^2 + y^2),
 * formed from the inverses the angle already needs: with q = y/x (or x/y, the branch atan2 takes),
 * x^2 + y^2 = x^2 (1 + q^2), so d/dy = (1/x) / (1 + q^2) and d/dx = -q d/dy (or d/dx = -(1/y) / (1 + q^2)
 * and d/dy = q (1/y) / (1 + q^2)): two products instead of x^2 + y^2, its inverse and two products.
 * Known to the precision of those products; `prec` caps them as it caps the angle.
 */
export function atan2WithPartials<T>(y: Series<T>, x: Series<T>, prec?: number): { angle: Series<T>; dy: Series<T>; dx: Series<T> } {
  const r = angle(y, x, prec, true);
  return { angle: r.angle, dy: r.dy!, dx: r.dx! };
}

function angle<T>(y: Series<T>, x: Series<T>, prec: number | undefined, withPartials: boolean): { angle: Series<T>; dy?: Series<T>; dx?: Series<T> } {
  const F = y.F;
  const pi = F.pi();
  if (pi === undefined) throw new RangeError(`atan2: pi does not lie in ${F.name}`);
  if (x.isZero() && y.isZero()) {
    throw new RangeError(`atan2: both series are zero to their precision (O(eps^${x.prec}), O(eps^${y.prec})): the angle is undetermined`);
  }
  const ySign = y.isZero() ? 1 : F.sign(y.lead());
  const xSign = x.isZero() ? 0 : F.sign(x.lead());
  const halfPi = F.div(pi, F.fromInt(2));
  const overY = x.isZero() || (!y.isZero() && y.val < x.val);
  const [num, den] = overY ? [x, y] : [y, x];
  // q = num/den, formed as Series.div forms it (num times 1/den to O(eps^(target - val(num)))), keeping
  // 1/den for the partials to the precision they can use: g below is known to at most
  // prec(1 + q^2) - val(den) = target + val(q) - val(den), the most 1/den is computed to.
  let q: Series<T>;
  let denInverse: Series<T> | undefined;
  if (withPartials && !num.isZero()) {
    const target = resultPrecision(Math.min(num.val + den.relPrec(), num.prec) - den.val, prec, "quotient");
    denInverse = den.inv(target + num.val - 2 * den.val);
    q = num.mul(denInverse.truncate(target - num.val));
  } else {
    q = num.div(den, prec);
  }
  const { value: t, rate } = atanWithRate(q, prec, denInverse !== undefined);
  const value = overY ? t.neg().addConstant(ySign < 0 ? F.neg(halfPi) : halfPi) : xSign > 0 ? t : t.addConstant(ySign < 0 ? F.neg(pi) : pi);
  if (!withPartials) return { angle: value };
  if (denInverse === undefined) {
    // num is zero to its precision: the partials from x^2 + y^2 itself (inverted to `prec` if exact).
    const rho = x.mul(x).add(y.mul(y));
    const inverse = rho.inv(rho.isExact() ? prec : undefined);
    return { angle: value, dy: x.mul(inverse), dx: y.mul(inverse).neg() };
  }
  // g = den / (x^2 + y^2) = 1 / (den (1 + q^2))
  const g = denInverse.mul(rate!);
  return overY ? { angle: value, dy: q.mul(g), dx: g.neg() } : { angle: value, dy: g, dx: q.mul(g).neg() };
}
