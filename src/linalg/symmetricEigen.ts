import type { RealField } from "../numbers/field.js";
import { checkSquare, type Matrix } from "./matrix.js";
import { symmetricEigenFloat64, symmetricEigenvaluesFloat64 } from "./symmetricEigenFloat64.js";

/** Eigenvalues ascending and, in the same order, unit eigenvectors (vectors[k] belongs to values[k]). */
export interface SymmetricEigensystem<T> {
  values: T[];
  vectors: T[][];
}

export interface SymmetricEigenOptions {
  /**
   * Run the field-generic code even when F is float64. By default float64 goes to the specialised
   * twin in symmetricEigenFloat64.ts, which computes the same thing several times faster.
   */
  generic?: boolean;
}

/** QL sweeps allowed per eigenvalue before giving up (about 2 are typical with Wilkinson shifts). */
const MAX_SWEEPS_PER_EIGENVALUE = 60;

/** sqrt(a^2 + b^2) without overflow or underflow of the squares. */
function hypot<T>(F: RealField<T>, a: T, b: T): T {
  const absA = F.abs(a);
  const absB = F.abs(b);
  const [big, small] = F.lt(absA, absB) ? [absB, absA] : [absA, absB];
  if (F.isZero(big)) return F.zero();
  const ratio = F.div(small, big);
  return F.mul(big, F.sqrt(F.add(F.one(), F.mul(ratio, ratio))));
}

/** A symmetric working copy of A built from its lower triangle (the upper triangle is never read). */
function lowerTriangleCopy<T>(A: Matrix<T>): Matrix<T> {
  return A.map((row, i) => row.slice(0, i + 1));
}

/**
 * Householder reduction of the symmetric matrix held in the lower triangle `a` to tridiagonal form
 * T = Q^T A Q (docs/linalg.md). Returns the diagonal and subdiagonal of T (sub[i] = T[i+1][i],
 * sub[n-1] = 0) and, when asked, the orthogonal Q. Step k maps column k below the subdiagonal to
 * zero with H = I - beta v v^T and updates the trailing block by A22 <- H A22 H = A22 - v w^T - w v^T,
 * w = p - (beta/2)(v.p) v, p = beta A22 v.
 */
function tridiagonalise<T>(F: RealField<T>, a: Matrix<T>, wantQ: boolean): { diag: T[]; sub: T[]; Q?: Matrix<T> } {
  const n = a.length;
  const reflectors: { k: number; v: T[]; beta: T }[] = [];
  for (let k = 0; k + 2 < n; k++) {
    const first = k + 1;
    const len = n - first;
    const x = Array.from({ length: len }, (_, i) => a[first + i]![k]!);
    if (x.every((xi, i) => i === 0 || F.isZero(xi))) continue;
    // Scale by the largest entry so that the sum of squares neither overflows nor underflows.
    let scale = F.zero();
    for (const xi of x) if (F.lt(scale, F.abs(xi))) scale = F.abs(xi);
    const v = x.map((xi) => F.div(xi, scale));
    let sigma = F.zero();
    for (const vi of v) sigma = F.add(sigma, F.mul(vi, vi));
    const norm = F.sqrt(sigma);
    // alpha = -sign(x_0) |x| avoids cancellation in v_0 = x_0 - alpha.
    const alpha = F.sign(v[0]!) < 0 ? norm : F.neg(norm);
    const beta = F.div(F.one(), F.sub(sigma, F.mul(v[0]!, alpha)));
    v[0] = F.sub(v[0]!, alpha);
    // p = beta * A22 v, from the lower triangle.
    const p = Array.from({ length: len }, () => F.zero());
    for (let i = 0; i < len; i++) {
      const row = a[first + i]!;
      let sum = F.mul(row[first + i]!, v[i]!);
      for (let j = 0; j < i; j++) {
        const aij = row[first + j]!;
        sum = F.add(sum, F.mul(aij, v[j]!));
        p[j] = F.add(p[j]!, F.mul(aij, v[i]!));
      }
      p[i] = F.add(p[i]!, sum);
    }
    for (let i = 0; i < len; i++) p[i] = F.mul(beta, p[i]!);
    let vp = F.zero();
    for (let i = 0; i < len; i++) vp = F.add(vp, F.mul(v[i]!, p[i]!));
    const halfBetaVp = F.div(F.mul(beta, vp), F.fromInt(2));
    const w = p.map((pi, i) => F.sub(pi, F.mul(halfBetaVp, v[i]!)));
    for (let i = 0; i < len; i++) {
      const row = a[first + i]!;
      const vi = v[i]!;
      const wi = w[i]!;
      for (let j = 0; j <= i; j++) row[first + j] = F.sub(row[first + j]!, F.add(F.mul(vi, w[j]!), F.mul(wi, v[j]!)));
    }
    a[first]![k] = F.mul(scale, alpha);
    for (let i = first + 1; i < n; i++) a[i]![k] = F.zero();
    if (wantQ) reflectors.push({ k, v, beta });
  }
  const diag = a.map((row, i) => row[i]!);
  const sub = a.map((_, i) => (i + 1 < n ? a[i + 1]![i]! : F.zero()));
  if (!wantQ) return { diag, sub };
  // Q = H_0 H_1 ... H_{n-3}, applied right to left; H_k touches rows and columns k+1.. only.
  const Q = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? F.one() : F.zero())));
  for (let r = reflectors.length - 1; r >= 0; r--) {
    const { k, v, beta } = reflectors[r]!;
    const first = k + 1;
    for (let j = first; j < n; j++) {
      let vq = F.zero();
      for (let i = 0; i < v.length; i++) vq = F.add(vq, F.mul(v[i]!, Q[first + i]![j]!));
      const factor = F.mul(beta, vq);
      if (F.isZero(factor)) continue;
      for (let i = 0; i < v.length; i++) Q[first + i]![j] = F.sub(Q[first + i]![j]!, F.mul(factor, v[i]!));
    }
  }
  return { diag, sub, Q };
}

/**
 * Eigenvalues of the symmetric tridiagonal matrix (diag, sub) by the implicit QL algorithm with
 * Wilkinson shifts (docs/linalg.md), overwriting diag with them (unsorted). When Z is given, every
 * rotation is also applied to its columns, so Z Q_rotations holds the eigenvectors as columns.
 * An off-diagonal entry counts as zero once adding it to ||T||_inf no longer changes the norm in the
 * field's own rounding: the test is independent of the working precision, and it is absolute (relative
 * to the norm of the tridiagonal, as in EISPACK tql2) rather than relative to the two neighbouring
 * diagonal entries. The local test |e| << |d_m| + |d_{m+1}| never passes inside a large
 * cluster of equal eigenvalues, where rotations leave off-diagonal noise of a few ulps of the cluster
 * value (the full Hessian of family 1b at d = 60 stalled that way); the absolute test costs nothing in
 * accuracy, since the backward error bound is relative to ||A|| anyway.
 */
function tridiagonalQL<T>(F: RealField<T>, diag: T[], sub: T[], Z?: Matrix<T>): void {
  const n = diag.length;
  const two = F.fromInt(2);
  let norm = F.zero();
  for (let i = 0; i < n; i++) {
    let row = F.abs(diag[i]!);
    if (i > 0) row = F.add(row, F.abs(sub[i - 1]!));
    if (i + 1 < n) row = F.add(row, F.abs(sub[i]!));
    if (F.lt(norm, row)) norm = row;
  }
  for (let l = 0; l < n; l++) {
    for (let sweep = 0; ; sweep++) {
      let m = l;
      for (; m < n - 1; m++) {
        if (F.equals(F.add(norm, F.abs(sub[m]!)), norm)) break;
      }
      if (m === l) break;
      if (sweep === MAX_SWEEPS_PER_EIGENVALUE) {
        throw new Error(`symmetric eigenvalues over ${F.name}: QL iteration did not converge for eigenvalue ${l} after ${sweep} sweeps`);
      }
      // Wilkinson shift: the eigenvalue of the leading 2x2 block closer to diag[l].
      let g = F.div(F.sub(diag[l + 1]!, diag[l]!), F.mul(two, sub[l]!));
      let r = hypot(F, g, F.one());
      g = F.add(F.sub(diag[m]!, diag[l]!), F.div(sub[l]!, F.add(g, F.sign(g) < 0 ? F.neg(r) : r)));
      let s = F.one();
      let c = F.one();
      let p = F.zero();
      let underflow = false;
      for (let i = m - 1; i >= l; i--) {
        const f = F.mul(s, sub[i]!);
        const b = F.mul(c, sub[i]!);
        r = hypot(F, f, g);
        sub[i + 1] = r;
        if (F.isZero(r)) {
          // The rotation chain split the matrix: deflate and restart from l.
          diag[i + 1] = F.sub(diag[i + 1]!, p);
          sub[m] = F.zero();
          underflow = true;
          break;
        }
        s = F.div(f, r);
        c = F.div(g, r);
        g = F.sub(diag[i + 1]!, p);
        r = F.add(F.mul(F.sub(diag[i]!, g), s), F.mul(two, F.mul(c, b)));
        p = F.mul(s, r);
        diag[i + 1] = F.add(g, p);
        g = F.sub(F.mul(c, r), b);
        if (Z) {
          for (const row of Z) {
            const zNext = row[i + 1]!;
            const zi = row[i]!;
            row[i + 1] = F.add(F.mul(s, zi), F.mul(c, zNext));
            row[i] = F.sub(F.mul(c, zi), F.mul(s, zNext));
          }
        }
      }
      if (underflow) continue;
      diag[l] = F.sub(diag[l]!, p);
      sub[l] = g;
      sub[m] = F.zero();
    }
  }
}

function ascendingOrder<T>(F: RealField<T>, values: T[]): number[] {
  return values.map((_, i) => i).sort((i, j) => (F.lt(values[i]!, values[j]!) ? -1 : F.lt(values[j]!, values[i]!) ? 1 : 0));
}

/**
 * The eigenvalues of the real symmetric matrix A, ascending, each repeated by its multiplicity.
 * Only the lower triangle of A is read. Householder tridiagonalisation, then implicit QL with
 * Wilkinson shifts; backward stable, so each eigenvalue is exact for a matrix within a small multiple
 * of n * (unit roundoff) * ||A|| of A, and by Weyl's inequality is that close to the true one.
 */
export function symmetricEigenvalues<T>(F: RealField<T>, A: Matrix<T>, options: SymmetricEigenOptions = {}): T[] {
  if (F.float64 && !options.generic) return symmetricEigenvaluesFloat64(A as Matrix<number>) as T[];
  checkSquare(A, "symmetricEigenvalues");
  const { diag, sub } = tridiagonalise(F, lowerTriangleCopy(A), false);
  tridiagonalQL(F, diag, sub);
  return ascendingOrder(F, diag).map((i) => diag[i]!);
}

/**
 * Eigenvalues (ascending) and orthonormal eigenvectors of the real symmetric matrix A; see
 * symmetricEigenvalues. Accumulating the eigenvectors takes about six times as long as the eigenvalues
 * alone (docs/linalg.md, "Performance").
 */
export function symmetricEigen<T>(F: RealField<T>, A: Matrix<T>, options: SymmetricEigenOptions = {}): SymmetricEigensystem<T> {
  if (F.float64 && !options.generic) return symmetricEigenFloat64(A as Matrix<number>) as SymmetricEigensystem<T>;
  checkSquare(A, "symmetricEigen");
  const { diag, sub, Q } = tridiagonalise(F, lowerTriangleCopy(A), true);
  tridiagonalQL(F, diag, sub, Q);
  const order = ascendingOrder(F, diag);
  return { values: order.map((i) => diag[i]!), vectors: order.map((k) => Q!.map((row) => row[k]!)) };
}
