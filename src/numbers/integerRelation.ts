import type { Decimal } from "decimal.js";
import { decimalContext } from "./decimalContext.js";

/**
 * Integer relations by PSLQ (Ferguson, Bailey and Arno, Math. Comp. 68 (1999); the one-level algorithm as
 * described in Bailey's "PSLQ: an algorithm to discover integer relations"), over decimal.js. See
 * docs/recognition.md.
 */

export interface IntegerRelationOptions {
  /** Significant digits to which the input values are correct. */
  digits: number;
  /**
   * Largest Euclidean norm of a relation worth finding (default 10^((digits - guardDigits) / n) for n
   * values: beyond it, relations that hold to the input precision exist for almost any input).
   */
  maxNorm?: bigint | number;
  /** Largest number of PSLQ iterations (default 10000). */
  maxIterations?: number;
  /**
   * A relation m is accepted when |sum m_i x_i| <= 10^-(digits - guardDigits) sum |m_i x_i|, i.e. when
   * it cancels its terms to all but `guardDigits` of the input digits (default 5).
   */
  guardDigits?: number;
}

const DEFAULT_GUARD_DIGITS = 5;
const DEFAULT_MAX_ITERATIONS = 10000;
/** Extra working digits over the input precision, so that PSLQ's own rounding stays below the input's. */
const EXTRA_WORKING_DIGITS = 20;

function abs(n: bigint): bigint {
  return n < 0n ? -n : n;
}

/**
 * The relative defect |sum m_i x_i| / sum |m_i x_i| of a relation m (0 when every term is 0), computed
 * with enough digits that the products m_i x_i and their sum are exact to well below 10^-digits.
 */
export function relationDefect(values: readonly Decimal[], relation: readonly bigint[], digits: number): Decimal {
  if (values.length !== relation.length) {
    throw new RangeError(`relationDefect: ${values.length} values but ${relation.length} coefficients`);
  }
  const mDigits = relation.reduce((d, m) => Math.max(d, abs(m).toString().length), 1);
  const valueDigits = values.reduce((d, x) => Math.max(d, x.precision()), 1);
  const W = decimalContext(Math.max(digits, valueDigits) + mDigits + EXTRA_WORKING_DIGITS);
  let sum = new W(0);
  let scale = new W(0);
  relation.forEach((m, i) => {
    if (m === 0n) return;
    const term = new W(m.toString()).mul(new W(values[i]!));
    sum = sum.add(term);
    scale = scale.add(term.abs());
  });
  return scale.isZero() ? scale : sum.abs().div(scale);
}

/** The relation with its first nonzero coefficient made positive (PSLQ's relations are primitive). */
function normaliseSign(m: bigint[]): bigint[] {
  const first = m.find((c) => c !== 0n);
  return first !== undefined && first < 0n ? m.map((c) => -c) : m;
}

/**
 * An integer relation among `values`: integers m, not all zero, with
 * |sum m_i x_i| <= 10^-(digits - guardDigits) sum |m_i x_i| (checked explicitly on the input values before
 * returning) and Euclidean norm |m| <= maxNorm, the first nonzero m_i positive. Returns undefined when
 * PSLQ certifies that no relation of norm <= maxNorm exists at this precision (every relation has norm
 * >= 1 / max_j |H_jj|), when the relation it finds is longer than maxNorm, when the precision is
 * exhausted (the integer matrices outgrow the digits, or the tracked residuals disagree with the
 * recomputed one) or after maxIterations.
 *
 * The result holds numerically; it says nothing exact about the numbers. A relation among values known
 * to D digits is significant only if its n coefficients together have clearly fewer than D digits
 * (docs/recognition.md).
 */
export function findIntegerRelation(
  values: readonly Decimal[],
  options: IntegerRelationOptions,
): bigint[] | undefined {
  const n = values.length;
  const { digits } = options;
  const guard = options.guardDigits ?? DEFAULT_GUARD_DIGITS;
  const maxIterations = options.maxIterations ?? DEFAULT_MAX_ITERATIONS;
  if (n < 2) throw new RangeError(`findIntegerRelation: need at least 2 values, got ${n}`);
  if (!Number.isInteger(digits) || digits <= guard) {
    throw new RangeError(`findIntegerRelation: digits (${digits}) must be an integer above guardDigits (${guard})`);
  }
  for (const v of values) {
    if (!v.isFinite()) throw new RangeError(`findIntegerRelation: the value ${v.toString()} is not finite`);
  }
  const work = digits + EXTRA_WORKING_DIGITS;
  const W = decimalContext(work);
  const maxNorm = new W(
    options.maxNorm !== undefined ? options.maxNorm.toString() : new W(10).pow((digits - guard) / n),
  );
  const tolerance = new W(`1e${-(digits - guard)}`);
  const integerLimit = 10n ** BigInt(digits - guard);

  const x = values.map((v) => new W(v));
  const zeroAt = x.findIndex((v) => v.isZero());
  if (zeroAt >= 0) return x.map((_, i) => (i === zeroAt ? 1n : 0n));

  /** m if it passes the explicit residual and norm checks, else undefined. */
  const accept = (m: bigint[]): bigint[] | undefined => {
    if (m.every((c) => c === 0n)) return undefined;
    if (relationDefect(values, m, digits).gt(tolerance)) return undefined;
    const norm = new W(m.reduce((s, c) => s + c * c, 0n).toString()).sqrt();
    return norm.gt(maxNorm) ? undefined : normaliseSign(m);
  };

  // Initialisation: y = x / |x|, the partial norms s_k, and the n x (n-1) lower trapezoidal H whose columns
  // span the orthogonal complement of x.
  const s: Decimal[] = new Array<Decimal>(n);
  let partial = new W(0);
  for (let k = n - 1; k >= 0; k--) {
    partial = partial.add(x[k]!.mul(x[k]!));
    s[k] = partial.sqrt();
  }
  const xNorm = s[0]!;
  const y = x.map((v) => v.div(xNorm));
  for (let k = 0; k < n; k++) s[k] = s[k]!.div(xNorm);
  const H: Decimal[][] = Array.from({ length: n }, () => new Array<Decimal>(n - 1).fill(new W(0)));
  for (let j = 0; j < n - 1; j++) {
    H[j]![j] = s[j + 1]!.div(s[j]!);
    const d = s[j]!.mul(s[j + 1]!);
    for (let i = j + 1; i < n; i++) H[i]![j] = y[i]!.mul(y[j]!).div(d).neg();
  }
  // A and B = A^-1 are integer matrices with y = x B throughout, so the columns of B are the candidates.
  const identity = (): bigint[][] =>
    Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1n : 0n)));
  const A = identity();
  const B = identity();

  /** Full size reduction of H (Hermite reduction), carried to y, A and B. */
  const reduce = (): void => {
    for (let i = 1; i < n; i++) {
      for (let j = i - 1; j >= 0; j--) {
        const hjj = H[j]![j]!;
        if (hjj.isZero()) continue;
        const t = H[i]![j]!.div(hjj).toDecimalPlaces(0, W.ROUND_HALF_EVEN);
        if (t.isZero()) continue;
        const tInt = BigInt(t.toFixed(0));
        y[j] = y[j]!.add(t.mul(y[i]!));
        for (let k = 0; k <= j; k++) H[i]![k] = H[i]![k]!.sub(t.mul(H[j]![k]!));
        for (let k = 0; k < n; k++) {
          A[i]![k] = A[i]![k]! - tInt * A[j]![k]!;
          B[k]![j] = B[k]![j]! + tInt * B[k]![i]!;
        }
      }
    }
  };

  // gamma > sqrt(4/3), as the convergence proof requires.
  const gamma = new W(4).div(3).sqrt().add("0.01");
  const gammaPowers = Array.from({ length: n - 1 }, (_, i) => gamma.pow(i + 1));

  reduce();
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    // 1. The row to exchange: the largest gamma^i |H_ii|.
    let m = 0;
    let best = new W(-1);
    for (let i = 0; i < n - 1; i++) {
      const weight = gammaPowers[i]!.mul(H[i]![i]!.abs());
      if (weight.gt(best)) {
        best = weight;
        m = i;
      }
    }
    // 2. Exchange entries m and m+1 of y, rows of A and H, columns of B.
    [y[m], y[m + 1]] = [y[m + 1]!, y[m]!];
    [A[m], A[m + 1]] = [A[m + 1]!, A[m]!];
    [H[m], H[m + 1]] = [H[m + 1]!, H[m]!];
    for (let k = 0; k < n; k++) [B[k]![m], B[k]![m + 1]] = [B[k]![m + 1]!, B[k]![m]!];
    // 3. Restore the lower trapezoidal shape by a rotation of columns m and m+1.
    if (m < n - 2) {
      const a = H[m]![m]!;
      const b = H[m]![m + 1]!;
      const r = a.mul(a).add(b.mul(b)).sqrt();
      if (!r.isZero()) {
        const c = a.div(r);
        const sn = b.div(r);
        for (let i = m; i < n; i++) {
          const h0 = H[i]![m]!;
          const h1 = H[i]![m + 1]!;
          H[i]![m] = c.mul(h0).add(sn.mul(h1));
          H[i]![m + 1] = c.mul(h1).sub(sn.mul(h0));
        }
      }
    }
    // 4. Reduction.
    reduce();
    // 5. A relation: a column j of B with |y_j| |x| (= |sum_k B_kj x_k|) small against sum_k |B_kj x_k|.
    for (let j = 0; j < n; j++) {
      const candidateLevel = y[j]!.abs().mul(xNorm);
      let scale = new W(0);
      for (let k = 0; k < n; k++) scale = scale.add(x[k]!.abs().mul(abs(B[k]![j]!).toString()));
      if (candidateLevel.gt(tolerance.mul(scale))) continue;
      // The tracked y says "relation"; the explicit check on the input values decides.
      return accept(B.map((row) => row[j]!));
    }
    // 6. Norm bound: every relation has norm >= 1 / max_j |H_jj|.
    let maxDiagonal = new W(0);
    for (let j = 0; j < n - 1; j++) {
      const hjj = H[j]![j]!.abs();
      if (hjj.gt(maxDiagonal)) maxDiagonal = hjj;
    }
    if (maxDiagonal.isZero()) return undefined;
    if (new W(1).div(maxDiagonal).gt(maxNorm)) return undefined;
    // 7. Precision exhausted: the integer matrices have outgrown the digits.
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < n; k++) {
        if (abs(A[i]![k]!) > integerLimit || abs(B[i]![k]!) > integerLimit) return undefined;
      }
    }
  }
  return undefined;
}
