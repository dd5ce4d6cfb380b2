import { checkSquare, type Matrix } from "./matrix.js";

/**
 * The float64 twin of the generic code in symmetricEigen.ts: the same Householder tridiagonalisation
 * and implicit QL with Wilkinson shifts on row-major Float64Arrays (only the lower triangle of A is
 * read). It exists for speed only: the field-generic code becomes several times slower once its call
 * sites have also seen Decimal (docs/linalg.md, "Performance"). Eigenvector accumulation is organised
 * row by row for memory locality; the arithmetic is that of the generic code.
 */

/** As in symmetricEigen.ts. */
const MAX_SWEEPS_PER_EIGENVALUE = 60;

interface Tridiagonal {
  diag: Float64Array;
  sub: Float64Array;
  /** Q, row-major. */
  Q?: Float64Array;
}

function tridiagonaliseFloat64(a: Float64Array, n: number, wantQ: boolean): Tridiagonal {
  const reflectors: { k: number; v: Float64Array; beta: number }[] = [];
  const p = new Float64Array(n);
  for (let k = 0; k + 2 < n; k++) {
    const first = k + 1;
    const len = n - first;
    let scale = 0;
    let tailIsZero = true;
    for (let i = 0; i < len; i++) {
      const xi = a[(first + i) * n + k]!;
      scale = Math.max(scale, Math.abs(xi));
      if (i > 0 && xi !== 0) tailIsZero = false;
    }
    if (tailIsZero) continue;
    const v = new Float64Array(len);
    let sigma = 0;
    for (let i = 0; i < len; i++) {
      v[i] = a[(first + i) * n + k]! / scale;
      sigma += v[i]! * v[i]!;
    }
    const norm = Math.sqrt(sigma);
    const alpha = v[0]! < 0 ? norm : -norm;
    const beta = 1 / (sigma - v[0]! * alpha);
    v[0] = v[0]! - alpha;
    p.fill(0, 0, len);
    for (let i = 0; i < len; i++) {
      const rowStart = (first + i) * n + first;
      const vi = v[i]!;
      let sum = a[rowStart + i]! * vi;
      for (let j = 0; j < i; j++) {
        const aij = a[rowStart + j]!;
        sum += aij * v[j]!;
        p[j] = p[j]! + aij * vi;
      }
      p[i] = p[i]! + sum;
    }
    let vp = 0;
    for (let i = 0; i < len; i++) {
      p[i] = beta * p[i]!;
      vp += v[i]! * p[i]!;
    }
    const halfBetaVp = (beta * vp) / 2;
    for (let i = 0; i < len; i++) p[i] = p[i]! - halfBetaVp * v[i]!;
    for (let i = 0; i < len; i++) {
      const rowStart = (first + i) * n + first;
      const vi = v[i]!;
      const wi = p[i]!;
      for (let j = 0; j <= i; j++) a[rowStart + j] = a[rowStart + j]! - (vi * p[j]! + wi * v[j]!);
    }
    a[first * n + k] = scale * alpha;
    for (let i = first + 1; i < n; i++) a[i * n + k] = 0;
    if (wantQ) reflectors.push({ k, v, beta });
  }
  const diag = new Float64Array(n);
  const sub = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    diag[i] = a[i * n + i]!;
    if (i + 1 < n) sub[i] = a[(i + 1) * n + i]!;
  }
  if (!wantQ) return { diag, sub };
  // Q = H_0 H_1 ... H_{n-3}, applied right to left as Q <- Q - beta v (v^T Q) on rows and columns k+1..,
  // row by row so that memory is read contiguously.
  const Q = new Float64Array(n * n);
  for (let i = 0; i < n; i++) Q[i * n + i] = 1;
  const vTQ = new Float64Array(n);
  for (let r = reflectors.length - 1; r >= 0; r--) {
    const { k, v, beta } = reflectors[r]!;
    const first = k + 1;
    vTQ.fill(0);
    for (let i = 0; i < v.length; i++) {
      const rowStart = (first + i) * n;
      const vi = v[i]!;
      for (let j = first; j < n; j++) vTQ[j] = vTQ[j]! + vi * Q[rowStart + j]!;
    }
    for (let i = 0; i < v.length; i++) {
      const rowStart = (first + i) * n;
      const factor = beta * v[i]!;
      for (let j = first; j < n; j++) Q[rowStart + j] = Q[rowStart + j]! - factor * vTQ[j]!;
    }
  }
  return { diag, sub, Q };
}

/**
 * Z <- Z R_{m-1} ... R_{first}: the rotations of one QL sweep, in the plane of columns (i, i+1) with
 * cosines c[i] and sines s[i], applied to every row of the row-major n x n matrix Z in one pass.
 */
function applySweepRotations(Z: Float64Array, n: number, first: number, m: number, c: Float64Array, s: Float64Array): void {
  for (let rowStart = 0; rowStart < n * n; rowStart += n) {
    let next = Z[rowStart + m]!;
    for (let i = m - 1; i >= first; i--) {
      const zi = Z[rowStart + i]!;
      Z[rowStart + i + 1] = s[i]! * zi + c[i]! * next;
      next = c[i]! * zi - s[i]! * next;
    }
    Z[rowStart + first] = next;
  }
}

/**
 * ||T||_inf = max_i |sub[i-1]| + |diag[i]| + |sub[i]| of the tridiagonal (diag, sub): the scale of the
 * deflation test (as in symmetricEigen.ts).
 */
function tridiagonalNormFloat64(diag: Float64Array, sub: Float64Array): number {
  let norm = 0;
  for (let i = 0; i < diag.length; i++) {
    const row = (i > 0 ? Math.abs(sub[i - 1]!) : 0) + Math.abs(diag[i]!) + (i + 1 < diag.length ? Math.abs(sub[i]!) : 0);
    norm = Math.max(norm, row);
  }
  return norm;
}

/**
 * Implicit QL with Wilkinson shifts on (diag, sub); the rotations are applied to the columns of Z.
 * sub[m] is negligible once adding it to ||T|| no longer changes it (see symmetricEigen.ts).
 */
function tridiagonalQLFloat64(diag: Float64Array, sub: Float64Array, Z?: Float64Array): void {
  const n = diag.length;
  const cosines = new Float64Array(n);
  const sines = new Float64Array(n);
  const norm = tridiagonalNormFloat64(diag, sub);
  for (let l = 0; l < n; l++) {
    for (let sweep = 0; ; sweep++) {
      let m = l;
      for (; m < n - 1; m++) {
        if (norm + Math.abs(sub[m]!) === norm) break;
      }
      if (m === l) break;
      if (sweep === MAX_SWEEPS_PER_EIGENVALUE) {
        throw new Error(`symmetric eigenvalues over float64: QL iteration did not converge for eigenvalue ${l} after ${sweep} sweeps`);
      }
      let g = (diag[l + 1]! - diag[l]!) / (2 * sub[l]!);
      let r = Math.hypot(g, 1);
      g = diag[m]! - diag[l]! + sub[l]! / (g + (g < 0 ? -r : r));
      let s = 1;
      let c = 1;
      let p = 0;
      let underflow = false;
      for (let i = m - 1; i >= l; i--) {
        const f = s * sub[i]!;
        const b = c * sub[i]!;
        r = Math.hypot(f, g);
        sub[i + 1] = r;
        if (r === 0) {
          diag[i + 1] = diag[i + 1]! - p;
          sub[m] = 0;
          underflow = true;
          if (Z && i + 1 < m) applySweepRotations(Z, n, i + 1, m, cosines, sines);
          break;
        }
        s = f / r;
        c = g / r;
        g = diag[i + 1]! - p;
        r = (diag[i]! - g) * s + 2 * c * b;
        p = s * r;
        diag[i + 1] = g + p;
        g = c * r - b;
        cosines[i] = c;
        sines[i] = s;
      }
      if (underflow) continue;
      if (Z) applySweepRotations(Z, n, l, m, cosines, sines);
      diag[l] = diag[l]! - p;
      sub[l] = g;
      sub[m] = 0;
    }
  }
}

function lowerTriangleFloat64(A: Matrix<number>, what: string): Float64Array {
  const n = checkSquare(A, what);
  const a = new Float64Array(n * n);
  A.forEach((row, i) => {
    for (let j = 0; j <= i; j++) {
      if (!Number.isFinite(row[j])) throw new RangeError(`${what}: entry (${i}, ${j}) is ${row[j]}`);
      a[i * n + j] = row[j]!;
    }
  });
  return a;
}

function ascendingOrder(values: Float64Array): number[] {
  return Array.from(values.keys()).sort((i, j) => values[i]! - values[j]!);
}

/** symmetricEigenvalues for float64 (same algorithm and contract, specialised arrays). */
export function symmetricEigenvaluesFloat64(A: Matrix<number>): number[] {
  const a = lowerTriangleFloat64(A, "symmetricEigenvalues");
  const { diag, sub } = tridiagonaliseFloat64(a, A.length, false);
  tridiagonalQLFloat64(diag, sub);
  return Array.from(diag).sort((x, y) => x - y);
}

/** symmetricEigen for float64 (same algorithm and contract, specialised arrays). */
export function symmetricEigenFloat64(A: Matrix<number>): { values: number[]; vectors: number[][] } {
  const n = A.length;
  const a = lowerTriangleFloat64(A, "symmetricEigen");
  const { diag, sub, Q } = tridiagonaliseFloat64(a, n, true);
  tridiagonalQLFloat64(diag, sub, Q);
  const order = ascendingOrder(diag);
  return { values: order.map((i) => diag[i]!), vectors: order.map((k) => Array.from({ length: n }, (_, row) => Q![row * n + k]!)) };
}
