import type { Scalar } from "../numbers/scalar.js";
import type { Pattern } from "./pattern.js";

/**
 * The loss restricted to a pattern, L_P(params; d), as a finite sum over pairs of row classes of
 * count(d) * a a' * K(row, row') (docs/patterns.md, eq. (P1)-(P4)). Generic over the arithmetic: d and
 * the parameters may be reals, series in eps or jets. Nothing here cancels large terms to get the
 * "perpendicular" part of a kernel: |u|^2|v|^2 - (u.v)^2 is summed from 2x2 minors (Lagrange identity).
 */

/** Columns of one kind for a pair of rows (u, v): `count` columns where u = `u` and v = `v`. */
interface ColumnType<X> {
  readonly count: X;
  readonly u: X;
  readonly v: X;
}

/**
 * The class sizes |I| as elements of the arithmetic, given d. `smallSizes` (one per small class, in class
 * order) replaces the pattern's integer sizes by elements of the arithmetic, e.g. a symbol p (docs/patterns.md
 * §4: the sizes enter the loss only as polynomials); the bulk is then d minus their sum.
 */
export function classSizes<X>(S: Scalar<X>, P: Pattern, d: X, smallSizes?: readonly X[]): X[] {
  if (smallSizes !== undefined) {
    if (smallSizes.length !== P.classes.length - 1) throw new RangeError(`pattern ${P.toString()} has ${P.classes.length - 1} small classes, got ${smallSizes.length} sizes`);
    if (P.widthOffset !== 0) throw new RangeError(`symbolic class sizes need a pattern of width d, got ${P.toString()}`);
    return [smallSizes.reduce((bulk, s) => S.sub(bulk, s), d), ...smallSizes];
  }
  return P.classes.map((_, i) => {
    const s = P.classSize(i);
    return s.bulk ? S.add(d, sizeIn(S, s.constant)) : sizeIn(S, s.constant);
  });
}

/**
 * A class size (or any float64) exactly in the arithmetic: an integer as such, a real size of a pattern with
 * real sizes (docs/patterns.md §4) as the dyadic rational that the float64 is.
 */
export function sizeIn<X>(S: Scalar<X>, s: number): X {
  if (Number.isInteger(s)) return S.fromInt(s);
  let numerator = s;
  let denominator = 1n;
  while (!Number.isInteger(numerator)) {
    numerator *= 2;
    denominator *= 2n;
  }
  return S.fromRational(BigInt(numerator), denominator);
}

/**
 * K(u, v) = (r + (pi - t) u.v) / (2 pi), r = |u||v| sin t, t = atan2(r, u.v), from column types
 * (docs/patterns.md, eq. (P2)); r^2 = sum over pairs of types of count * count' * minor^2.
 * At r = 0 exactly the kernel is u.v/2 (parallel) or 0 (antiparallel) to second order.
 */
export function kernelFromColumns<X>(S: Scalar<X>, cols: readonly ColumnType<X>[]): X {
  let dot = S.fromInt(0);
  for (const c of cols) dot = S.add(dot, S.mul(c.count, S.mul(c.u, c.v)));
  let perp2 = S.fromInt(0);
  for (let a = 0; a < cols.length; a++) {
    for (let b = a + 1; b < cols.length; b++) {
      const A = cols[a]!;
      const B = cols[b]!;
      const minor = S.sub(S.mul(A.u, B.v), S.mul(B.u, A.v));
      perp2 = S.add(perp2, S.mul(S.mul(A.count, B.count), S.mul(minor, minor)));
    }
  }
  const pi = S.pi();
  if (S.isZero(perp2) || parallelToRounding(S, cols, perp2)) {
    return S.sign(dot) > 0 ? S.div(dot, S.fromInt(2)) : S.fromInt(0);
  }
  const r = S.sqrt(perp2);
  const t = S.atan2(r, dot);
  return S.div(S.add(r, S.mul(S.sub(pi, t), dot)), S.mul(S.fromInt(2), pi));
}

/**
 * In rounding arithmetic, rows parallel up to rounding (r^2 below the rounding error of |u|^2 |v|^2) count
 * as parallel: there K = u.v/2 + O(r^3), and the O(r^3) term has value and derivatives O(r) to second
 * order, whereas the generic formula cancels second derivatives of size 1/r (those of r and t u.v) and
 * would return rounding noise times 1/r (docs/patterns.md, "parallel rows"). With r^2 / (|u|^2 |v|^2)
 * below the unit roundoff eta, both errors are O(sqrt(eta)). Only values are compared (for jets: value
 * parts), so over jets the test runs on the values alone (Scalar.values), without derivatives.
 */
function parallelToRounding<X>(S: Scalar<X>, cols: readonly ColumnType<X>[], perp2: X): boolean {
  if (S.negligible === undefined) return false;
  if (S.values !== undefined) {
    const { scalar, value } = S.values;
    return parallelToRounding(scalar, cols.map((c) => ({ count: value(c.count), u: value(c.u), v: value(c.v) })), value(perp2));
  }
  let u2 = S.fromInt(0);
  let v2 = S.fromInt(0);
  for (const c of cols) {
    u2 = S.add(u2, S.mul(c.count, S.mul(c.u, c.u)));
    v2 = S.add(v2, S.mul(c.count, S.mul(c.v, c.v)));
  }
  return S.negligible(perp2, S.mul(u2, v2));
}

/**
 * L_P(x; d) for the parameter vector x (ordered as P.params) and dimension d (the small classes of sizes
 * `smallSizes` when given, see classSizes). Teacher V = I_d, b = 1_d; the student has k = d + h rows (h = P.widthOffset).
 */
export function restrictedLoss<X>(S: Scalar<X>, P: Pattern, x: readonly X[], d: X, smallSizes?: readonly X[]): X {
  if (x.length !== P.params.length) {
    throw new RangeError(`pattern ${P.toString()} has ${P.params.length} parameters, got ${x.length}`);
  }
  const zero = S.fromInt(0);
  const one = S.fromInt(1);
  const size = classSizes(S, P, d, smallSizes);
  const diag = (i: number): X => x[P.paramIndex("diag", i)!]!;
  const off = (i: number, j: number): X => {
    const k = P.paramIndex("off", i, j);
    return k === undefined ? zero : x[k]!;
  };
  const a = (i: number): X => x[P.paramIndex("a", i)!]!;
  const rowClasses = P.classes.map((_, i) => i).filter((i) => P.hasRows(i));
  const columnClasses = P.classes.map((_, i) => i).filter((i) => P.hasColumns(i));
  /** |K| minus the listed indices that lie in class K. */
  const remaining = (k: number, ...excluded: number[]): X => {
    const n = excluded.filter((e) => e === k).length;
    return n === 0 ? size[k]! : S.sub(size[k]!, S.fromInt(n));
  };
  /** The column of row class I's own diagonal, if it has one (paired classes), as an exclusion list. */
  const ownColumn = (I: number): number[] => (P.isPaired(I) ? [I] : []);
  const half = S.fromRational(1, 2);
  const two = S.fromInt(2);

  let total = zero;
  for (const I of rowClasses) {
    // Same row: K(w, w) = |w|^2 / 2, weight a_I^2 / 2, |I| rows.
    let norm2 = P.isPaired(I) ? S.mul(diag(I), diag(I)) : zero;
    for (const K of columnClasses) norm2 = S.add(norm2, S.mul(remaining(K, ...ownColumn(I)), S.mul(off(I, K), off(I, K))));
    total = S.add(total, S.mul(S.mul(half, S.mul(a(I), a(I))), S.mul(size[I]!, S.mul(half, norm2))));

    // Student pairs i in I, i' in J, i != i' (eq. (P3)): the columns i and i' where they are diagonal ones.
    // K_IJ = K_JI is formed once: the classes J > I counted twice, J < I skipped (docs/patterns.md §2.1).
    for (const J of rowClasses) {
      if (J < I) continue;
      const count = J !== I ? S.mul(two, S.mul(size[I]!, size[J]!)) : S.mul(size[I]!, remaining(J, I));
      const cols: ColumnType<X>[] = [];
      if (P.isPaired(I)) cols.push({ count: one, u: diag(I), v: off(J, I) });
      if (P.isPaired(J)) cols.push({ count: one, u: off(I, J), v: diag(J) });
      for (const K of columnClasses) cols.push({ count: remaining(K, ...ownColumn(I), ...ownColumn(J)), u: off(I, K), v: off(J, K) });
      const k = kernelFromColumns(S, cols);
      total = S.add(total, S.mul(S.mul(half, S.mul(a(I), a(J))), S.mul(count, k)));
    }

    // Student i in I against teacher e_j (eq. (P4)): j = i (paired classes), then j != i in column class J.
    if (P.isPaired(I)) {
      const cols: ColumnType<X>[] = [{ count: one, u: diag(I), v: one }];
      for (const K of columnClasses) cols.push({ count: remaining(K, I), u: off(I, K), v: zero });
      total = S.sub(total, S.mul(a(I), S.mul(size[I]!, kernelFromColumns(S, cols))));
    }
    for (const J of columnClasses) {
      const count = S.mul(size[I]!, remaining(J, ...ownColumn(I)));
      const cols: ColumnType<X>[] = P.isPaired(I) ? [{ count: one, u: diag(I), v: zero }] : [];
      cols.push({ count: one, u: off(I, J), v: one });
      for (const K of columnClasses) cols.push({ count: remaining(K, ...ownColumn(I), J), u: off(I, K), v: zero });
      total = S.sub(total, S.mul(a(I), S.mul(count, kernelFromColumns(S, cols))));
    }
  }
  // Teacher pairs: (1/2)(d K(e,e) + d(d-1) K(e_i, e_j)) = d/4 + d(d-1)/(4 pi).
  const teacher = S.add(S.div(d, S.fromInt(4)), S.div(S.mul(d, S.sub(d, one)), S.mul(S.fromInt(4), S.pi())));
  return S.add(total, teacher);
}
