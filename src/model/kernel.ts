import type { RealField } from "../numbers/field.js";

/**
 * The ReLU kernel K(w, v) = E[relu(w.x) relu(v.x)], x ~ N(0, I_d), and its first and second derivatives,
 * for two independent vectors w, v (docs/evaluator.md §2–§4). The same row against itself is not a pair:
 * K(w, w) = |w|^2 / 2 is handled by the caller (docs/evaluator.md §4, "The same row").
 */

/** Scalar geometry of an ordered pair (w, v); t = angle(w, v). */
export interface PairGeometry<T> {
  /** |w|^2 */
  readonly n2: T;
  /** |v|^2 */
  readonly m2: T;
  /** w . v */
  readonly c: T;
  /** |w||v| sin t, from the Lagrange identity (docs/evaluator.md §2). */
  readonly r: T;
  /** pi - t = atan2(r, -c). */
  readonly s: T;
}

/** The second derivatives of K(w, v): d^2K/dw dw, d^2K/dw dv (entry [a][b] = d^2K/dw_a dv_b), d^2K/dv dv. */
export interface KernelHessian<T> {
  readonly ww: T[][];
  readonly wv: T[][];
  readonly vv: T[][];
}

function checkSameLength(w: readonly unknown[], v: readonly unknown[]): void {
  if (w.length !== v.length) throw new RangeError(`kernel: vectors of lengths ${w.length} and ${v.length}`);
}

function checkNonzero<T>(F: RealField<T>, norm2: T, which: string): void {
  if (F.isZero(norm2)) {
    throw new RangeError(`kernel derivative undefined: ${which} = 0 (K is not differentiable there)`);
  }
}

/**
 * Norms, inner product, r = |w||v| sin t and pi - t of the pair (w, v). r^2 is the sum over j < k of
 * M_jk^2, M_jk = w_j v_k - w_k v_j (Lagrange identity), never |w|^2 |v|^2 - (w.v)^2, which cancels
 * catastrophically when w is nearly parallel to v (docs/evaluator.md §2).
 */
export function pairGeometry<T>(F: RealField<T>, w: readonly T[], v: readonly T[]): PairGeometry<T> {
  checkSameLength(w, v);
  let n2 = F.zero();
  let m2 = F.zero();
  let c = F.zero();
  let r2 = F.zero();
  for (let j = 0; j < w.length; j++) {
    n2 = F.add(n2, F.mul(w[j]!, w[j]!));
    m2 = F.add(m2, F.mul(v[j]!, v[j]!));
    c = F.add(c, F.mul(w[j]!, v[j]!));
    for (let k = j + 1; k < w.length; k++) {
      const M = F.sub(F.mul(w[j]!, v[k]!), F.mul(w[k]!, v[j]!));
      r2 = F.add(r2, F.mul(M, M));
    }
  }
  const r = F.sqrt(r2);
  return { n2, m2, c, r, s: F.atan2(r, F.neg(c)) };
}

/** The geometry of (v, w) from that of (w, v). */
export function swapPair<T>(g: PairGeometry<T>): PairGeometry<T> {
  return { n2: g.m2, m2: g.n2, c: g.c, r: g.r, s: g.s };
}

/** K(w, v) = (r + (pi - t) c) / (2 pi). */
export function kernelValue<T>(F: RealField<T>, g: PairGeometry<T>): T {
  return F.div(F.add(g.r, F.mul(g.s, g.c)), F.mul(F.fromInt(2), F.pi()));
}

/** dK/dw = ((r / |w|^2) w + (pi - t) v) / (2 pi) (docs/evaluator.md §3). dK/dv is this at (v, w, swapPair(g)). */
export function kernelGradW<T>(F: RealField<T>, w: readonly T[], v: readonly T[], g: PairGeometry<T>): T[] {
  checkSameLength(w, v);
  checkNonzero(F, g.n2, "|w|");
  const twoPi = F.mul(F.fromInt(2), F.pi());
  const wScale = F.div(g.r, F.mul(twoPi, g.n2));
  const vScale = F.div(g.s, twoPi);
  return w.map((wj, j) => F.add(F.mul(wScale, wj), F.mul(vScale, v[j]!)));
}

/** The components of v orthogonal to w and of w orthogonal to v. */
export interface OrthogonalParts<T> {
  /** P_w = v - (w.v / |w|^2) w, |P_w| = r / |w| */
  readonly Pw: T[];
  /** P_v = w - (w.v / |v|^2) v, |P_v| = r / |v| */
  readonly Pv: T[];
}

/**
 * P_w = (sum_j w_j M_jk) / |w|^2 and P_v = -(sum_j v_j M_jk) / |v|^2, M_jk = w_j v_k - w_k v_j, so that
 * both keep full relative accuracy when w is nearly parallel to v (docs/evaluator.md §4).
 */
export function orthogonalParts<T>(
  F: RealField<T>,
  w: readonly T[],
  v: readonly T[],
  g: PairGeometry<T>,
): OrthogonalParts<T> {
  checkSameLength(w, v);
  checkNonzero(F, g.n2, "|w|");
  checkNonzero(F, g.m2, "|v|");
  const sumW = w.map(() => F.zero());
  const sumV = w.map(() => F.zero());
  for (let j = 0; j < w.length; j++) {
    for (let k = j + 1; k < w.length; k++) {
      // M_kj = -M_jk, M_jj = 0
      const M = F.sub(F.mul(w[j]!, v[k]!), F.mul(w[k]!, v[j]!));
      sumW[k] = F.add(sumW[k]!, F.mul(w[j]!, M));
      sumW[j] = F.sub(sumW[j]!, F.mul(w[k]!, M));
      sumV[k] = F.sub(sumV[k]!, F.mul(v[j]!, M));
      sumV[j] = F.add(sumV[j]!, F.mul(v[k]!, M));
    }
  }
  return { Pw: sumW.map((x) => F.div(x, g.n2)), Pv: sumV.map((x) => F.div(x, g.m2)) };
}

/**
 * d^2K/dw dw = [(r/|w|^2)(I - w w^T/|w|^2) + P P^T / r] / (2 pi), P = P_w of orthogonalParts. The diagonal of
 * |w|^2 I - w w^T is taken as the sum of the other squared entries (no cancellation). At r = 0 the whole
 * block is its limit, 0 (docs/evaluator.md §4).
 */
export function kernelHessWW<T>(F: RealField<T>, w: readonly T[], P: readonly T[], g: PairGeometry<T>): T[][] {
  checkSameLength(w, P);
  checkNonzero(F, g.n2, "|w|");
  if (F.isZero(g.r)) return w.map(() => w.map(() => F.zero()));
  const twoPi = F.mul(F.fromInt(2), F.pi());
  const projScale = F.div(g.r, F.mul(twoPi, F.mul(g.n2, g.n2)));
  const scaledW = w.map((x) => F.mul(projScale, x));
  const orthScale = F.mul(twoPi, g.r);
  const scaledP = P.map((x) => F.div(x, orthScale));
  const othersSquared = sumOfOtherSquares(F, w);
  return w.map((_, a) =>
    w.map((wb, b) => {
      const proj = a === b ? F.mul(projScale, othersSquared[a]!) : F.neg(F.mul(scaledW[a]!, wb));
      return F.add(proj, F.mul(scaledP[a]!, P[b]!));
    }),
  );
}

/**
 * d^2K/dw dv = [(pi - t) I + P_v P_w^T / r + (r / (|w|^2 |v|^2)) v w^T] / (2 pi), entry [a][b] =
 * d^2K/dw_a dv_b, with P_w, P_v from orthogonalParts. At r = 0 it is its limit
 * (pi - t) I / (2 pi) (docs/evaluator.md §4).
 */
export function kernelHessWV<T>(
  F: RealField<T>,
  w: readonly T[],
  v: readonly T[],
  Pw: readonly T[],
  Pv: readonly T[],
  g: PairGeometry<T>,
): T[][] {
  checkSameLength(w, v);
  checkNonzero(F, g.n2, "|w|");
  checkNonzero(F, g.m2, "|v|");
  const twoPi = F.mul(F.fromInt(2), F.pi());
  const diagonal = F.div(g.s, twoPi);
  if (F.isZero(g.r)) return w.map((_, a) => w.map((_, b) => (a === b ? diagonal : F.zero())));
  const orthScale = F.mul(twoPi, g.r);
  const scaledPv = Pv.map((x) => F.div(x, orthScale));
  const outerScale = F.div(g.r, F.mul(twoPi, F.mul(g.n2, g.m2)));
  const scaledV = v.map((x) => F.mul(outerScale, x));
  return w.map((_, a) =>
    w.map((wb, b) => {
      const rankTwo = F.add(F.mul(scaledPv[a]!, Pw[b]!), F.mul(scaledV[a]!, wb));
      return a === b ? F.add(diagonal, rankTwo) : rankTwo;
    }),
  );
}

/** For each index a, the sum of w_j^2 over j != a, as prefix plus suffix sums (no subtraction). */
function sumOfOtherSquares<T>(F: RealField<T>, w: readonly T[]): T[] {
  const d = w.length;
  const before: T[] = [F.zero()];
  for (let j = 0; j < d - 1; j++) before.push(F.add(before[j]!, F.mul(w[j]!, w[j]!)));
  const out: T[] = new Array<T>(d);
  let after = F.zero();
  for (let j = d - 1; j >= 0; j--) {
    out[j] = F.add(before[j]!, after);
    after = F.add(after, F.mul(w[j]!, w[j]!));
  }
  return out;
}

/** K(w, v) for two independent vectors (not a row against itself; see the module comment). */
export function kernel<T>(F: RealField<T>, w: readonly T[], v: readonly T[]): T {
  return kernelValue(F, pairGeometry(F, w, v));
}

/** dK(w, v)/dw. */
export function kernelGradient<T>(F: RealField<T>, w: readonly T[], v: readonly T[]): T[] {
  return kernelGradW(F, w, v, pairGeometry(F, w, v));
}

/** All second derivatives of K(w, v). */
export function kernelHessian<T>(F: RealField<T>, w: readonly T[], v: readonly T[]): KernelHessian<T> {
  const g = pairGeometry(F, w, v);
  const { Pw, Pv } = orthogonalParts(F, w, v, g);
  return {
    ww: kernelHessWW(F, w, Pw, g),
    wv: kernelHessWV(F, w, v, Pw, Pv, g),
    vv: kernelHessWW(F, v, Pv, swapPair(g)),
  };
}
