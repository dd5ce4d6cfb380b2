import type { Field, RealField } from "../numbers/field.js";
import { checkRectangular, checkSquare, copyMatrix, identity, type Matrix } from "./matrix.js";

/**
 * Raised when Gaussian elimination finds no pivot: every candidate in `column` (at or below the
 * diagonal, after the earlier columns were eliminated) is zero, so column `column` is a linear
 * combination of the columns before it. `column` is 0-based and indexes the unknowns.
 */
export class SingularMatrixError extends Error {
  constructor(
    readonly column: number,
    readonly size: number,
    fieldName: string,
  ) {
    const dependence = column === 0 ? "column 0 is zero" : `column ${column} lies in the span of columns 0..${column - 1}`;
    super(`matrix is singular over ${fieldName}: Gaussian elimination found no pivot in column ${column} (0-based, of ${size}): ${dependence}`);
    this.name = "SingularMatrixError";
  }
}

export interface EliminationOptions<T> {
  /**
   * Real fields only: a pivot candidate with |a| <= pivotTolerance counts as zero, so a numerically
   * singular matrix raises SingularMatrixError instead of returning a meaningless solution.
   * Default: only an exact zero counts as zero.
   */
  pivotTolerance?: T;
}

/** True when F is a rounding real field (float64, Decimal), for which we pivot by magnitude. */
export function isRealField<T>(F: Field<T>): F is RealField<T> {
  const candidate = F as Partial<RealField<T>>;
  return !F.exact && typeof candidate.abs === "function" && typeof candidate.lt === "function";
}

/**
 * The pivot row for column `col` among rows `fromRow..`, or -1 when there is none.
 * Exact fields: the first nonzero entry. Real fields: the entry of largest absolute value (partial
 * pivoting), which must exceed the tolerance.
 */
function choosePivot<T>(F: Field<T>, M: Matrix<T>, col: number, fromRow: number, options: EliminationOptions<T>): number {
  if (!isRealField(F)) {
    for (let i = fromRow; i < M.length; i++) if (!F.isZero(M[i]![col]!)) return i;
    return -1;
  }
  let best = -1;
  let bestAbs = options.pivotTolerance ?? F.zero();
  for (let i = fromRow; i < M.length; i++) {
    const a = F.abs(M[i]![col]!);
    if (F.lt(bestAbs, a)) {
      best = i;
      bestAbs = a;
    }
  }
  return best;
}

function swapRows<T>(M: Matrix<T>, i: number, j: number): void {
  if (i === j) return;
  const row = M[i]!;
  M[i] = M[j]!;
  M[j] = row;
}

/** rows[target] -= factor * rows[source], for columns `fromCol..`. */
function subtractRowMultiple<T>(F: Field<T>, M: Matrix<T>, target: number, source: number, factor: T, fromCol: number): void {
  const t = M[target]!;
  const s = M[source]!;
  for (let k = fromCol; k < t.length; k++) {
    if (!F.isZero(s[k]!)) t[k] = F.sub(t[k]!, F.mul(factor, s[k]!));
  }
}

interface UpperTriangular<T> {
  /** The eliminated square matrix: upper triangular with nonzero diagonal when `singularColumn` is -1. */
  U: Matrix<T>;
  /** The right-hand sides after the same row operations. */
  rhs: Matrix<T>;
  rowSwaps: number;
  /** The first column without a pivot, or -1. */
  singularColumn: number;
}

/** Forward elimination of the square matrix A, applying the same row operations to the columns of B. */
function forwardEliminate<T>(F: Field<T>, A: Matrix<T>, B: Matrix<T>, options: EliminationOptions<T>): UpperTriangular<T> {
  const U = copyMatrix(A);
  const rhs = copyMatrix(B);
  const n = U.length;
  let rowSwaps = 0;
  for (let col = 0; col < n; col++) {
    const pivotRow = choosePivot(F, U, col, col, options);
    if (pivotRow < 0) return { U, rhs, rowSwaps, singularColumn: col };
    if (pivotRow !== col) {
      swapRows(U, col, pivotRow);
      swapRows(rhs, col, pivotRow);
      rowSwaps++;
    }
    const pivot = U[col]![col]!;
    for (let i = col + 1; i < n; i++) {
      const entry = U[i]![col]!;
      if (F.isZero(entry)) continue;
      const factor = F.div(entry, pivot);
      U[i]![col] = F.zero();
      subtractRowMultiple(F, U, i, col, factor, col + 1);
      subtractRowMultiple(F, rhs, i, col, factor, 0);
    }
  }
  return { U, rhs, rowSwaps, singularColumn: -1 };
}

/**
 * The solution X of A X = B for a nonsingular square A and a matrix B of right-hand sides (one per
 * column), by Gaussian elimination and back substitution. Throws SingularMatrixError naming the
 * column without a pivot.
 */
export function solveMatrix<T>(F: Field<T>, A: Matrix<T>, B: Matrix<T>, options: EliminationOptions<T> = {}): Matrix<T> {
  const n = checkSquare(A, "solve");
  const rhsCount = checkRectangular(B, "solve (right-hand sides)");
  if (B.length !== n) throw new RangeError(`solve: matrix is ${n}x${n}, right-hand side has ${B.length} rows`);
  const { U, rhs, singularColumn } = forwardEliminate(F, A, B, options);
  if (singularColumn >= 0) throw new SingularMatrixError(singularColumn, n, F.name);
  const X: Matrix<T> = new Array(n);
  for (let i = n - 1; i >= 0; i--) {
    const row = rhs[i]!.slice();
    for (let k = i + 1; k < n; k++) {
      const u = U[i]![k]!;
      if (F.isZero(u)) continue;
      for (let j = 0; j < rhsCount; j++) row[j] = F.sub(row[j]!, F.mul(u, X[k]![j]!));
    }
    X[i] = row.map((r) => F.div(r, U[i]![i]!));
  }
  return X;
}

/** The solution x of A x = b for a nonsingular square A (Gaussian elimination; see solveMatrix). */
export function solveLinear<T>(F: Field<T>, A: Matrix<T>, b: T[], options: EliminationOptions<T> = {}): T[] {
  const columns = b.map((v) => [v]);
  return solveMatrix(F, A, columns, options).map((row) => row[0]!);
}

/** The inverse of a nonsingular square matrix (solves A X = I). */
export function inverse<T>(F: Field<T>, A: Matrix<T>, options: EliminationOptions<T> = {}): Matrix<T> {
  return solveMatrix(F, A, identity(F, A.length), options);
}

/**
 * det A for a square A: the product of the pivots of Gaussian elimination times (-1)^(row swaps).
 * A singular matrix gives zero (never an error); the determinant of the 0x0 matrix is 1.
 */
export function determinant<T>(F: Field<T>, A: Matrix<T>): T {
  checkSquare(A, "determinant");
  const noRightHandSides = A.map((): T[] => []);
  const { U, rowSwaps, singularColumn } = forwardEliminate(F, A, noRightHandSides, {});
  if (singularColumn >= 0) return F.zero();
  let det = rowSwaps % 2 === 0 ? F.one() : F.neg(F.one());
  U.forEach((row, i) => (det = F.mul(det, row[i]!)));
  return det;
}

/**
 * The reduced row echelon form of an m x n matrix over an exact field, with its pivot columns
 * (ascending). Rank and kernel are only decidable when zero is, hence the restriction to exact fields.
 */
export function reducedRowEchelon<T>(F: Field<T>, A: Matrix<T>): { R: Matrix<T>; pivotColumns: number[] } {
  if (!F.exact) throw new Error(`reduced row echelon form needs an exact field, got ${F.name}`);
  const cols = checkRectangular(A, "reducedRowEchelon");
  const R = copyMatrix(A);
  const pivotColumns: number[] = [];
  for (let col = 0; col < cols && pivotColumns.length < R.length; col++) {
    const row = pivotColumns.length;
    const pivotRow = choosePivot(F, R, col, row, {});
    if (pivotRow < 0) continue;
    swapRows(R, row, pivotRow);
    const pivot = R[row]!;
    const scale = pivot[col]!;
    for (let k = col; k < cols; k++) pivot[k] = F.div(pivot[k]!, scale);
    for (let i = 0; i < R.length; i++) {
      const entry = R[i]![col]!;
      if (i !== row && !F.isZero(entry)) subtractRowMultiple(F, R, i, row, entry, col);
    }
    pivotColumns.push(col);
  }
  return { R, pivotColumns };
}

/** The rank of a matrix over an exact field. */
export function rank<T>(F: Field<T>, A: Matrix<T>): number {
  return reducedRowEchelon(F, A).pivotColumns.length;
}

/**
 * A basis of the kernel {x : A x = 0} of an m x n matrix over an exact field: one vector per non-pivot
 * column f, with x_f = 1 and the other free entries 0. Its length is n - rank(A).
 */
export function nullspace<T>(F: Field<T>, A: Matrix<T>): T[][] {
  const { R, pivotColumns } = reducedRowEchelon(F, A);
  const cols = checkRectangular(A, "nullspace");
  const isPivot = new Set(pivotColumns);
  const basis: T[][] = [];
  for (let free = 0; free < cols; free++) {
    if (isPivot.has(free)) continue;
    const x = Array.from({ length: cols }, (_, j) => (j === free ? F.one() : F.zero()));
    pivotColumns.forEach((col, r) => (x[col] = F.neg(R[r]![free]!)));
    basis.push(x);
  }
  return basis;
}
