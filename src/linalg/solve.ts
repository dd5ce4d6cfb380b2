import type { Field } from "../numbers/field.js";
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

/**
 * What Gaussian elimination needs of its coefficients (docs/linalg.md): field arithmetic, a test for an
 * exact zero (an entry that needs no elimination), and the pivot rule of the coefficients: `choosePivot`
 * when the field has one (rounding fields: largest magnitude; truncated series: lowest valuation), else
 * the first nonzero candidate. Every Field is one; so is a parent of truncated series (seriesField).
 */
export type EliminationField<T> = Pick<Field<T>, "name" | "zero" | "one" | "sub" | "mul" | "div" | "neg" | "isZero" | "choosePivot"> & {
  /**
   * Optional: a - factor b, the value of sub(a, mul(factor, b)), in one operation (truncated series over an
   * exact field: one sum of products per coefficient, docs/linalg.md).
   */
  subMul?(a: T, factor: T, b: T): T;
  /**
   * Optional: the determinant of a square block none of whose entries is a pivot (complete pivoting found
   * none). Without it that determinant is zero; truncated series return zero to the precision the block
   * allows.
   */
  negligibleDeterminant?(block: Matrix<T>): T;
};

export interface EliminationOptions<T> {
  /**
   * Passed to the field's pivot rule: for rounding fields a candidate with |a| <= pivotTolerance counts as
   * zero, so a numerically singular matrix raises SingularMatrixError instead of returning a meaningless
   * solution. Default: only an exact zero counts as zero.
   */
  pivotTolerance?: T;
}

/**
 * Where a pivot is searched: "partial", in the current column (rows are swapped); "complete", in the
 * whole remaining block, whose rows and columns keep their order when the pivot is moved to the front.
 */
export type Pivoting = "partial" | "complete";

/** The index among `candidates` of the pivot the field's rule takes, or -1 when there is none. */
function choosePivot<T>(F: EliminationField<T>, candidates: readonly T[], tolerance: T | undefined): number {
  if (F.choosePivot !== undefined) return F.choosePivot(candidates, tolerance);
  return candidates.findIndex((c) => !F.isZero(c));
}

/** The pivot position for step `col` of the elimination of the square U, or undefined when there is none. */
function findPivot<T>(F: EliminationField<T>, U: Matrix<T>, col: number, pivoting: Pivoting, tolerance: T | undefined): { row: number; column: number } | undefined {
  const n = U.length;
  if (pivoting === "partial") {
    const k = choosePivot(F, U.slice(col).map((row) => row[col]!), tolerance);
    return k < 0 ? undefined : { row: col + k, column: col };
  }
  const width = n - col;
  const k = choosePivot(F, U.slice(col).flatMap((row) => row.slice(col)), tolerance);
  return k < 0 ? undefined : { row: col + Math.floor(k / width), column: col + (k % width) };
}

/** Move entry `from` to position `to` (to <= from), shifting the entries between up by one. */
function moveToFront<X>(xs: X[], from: number, to: number): void {
  const [x] = xs.splice(from, 1);
  xs.splice(to, 0, x!);
}

function swapRows<T>(M: Matrix<T>, i: number, j: number): void {
  if (i === j) return;
  const row = M[i]!;
  M[i] = M[j]!;
  M[j] = row;
}

/** rows[target] -= factor * rows[source], for columns `fromCol..`. */
function subtractRowMultiple<T>(F: EliminationField<T>, M: Matrix<T>, target: number, source: number, factor: T, fromCol: number): void {
  const t = M[target]!;
  const s = M[source]!;
  for (let k = fromCol; k < t.length; k++) {
    if (!F.isZero(s[k]!)) t[k] = F.subMul === undefined ? F.sub(t[k]!, F.mul(factor, s[k]!)) : F.subMul(t[k]!, factor, s[k]!);
  }
}

interface UpperTriangular<T> {
  /** The eliminated square matrix: upper triangular with nonzero diagonal when `singularColumn` is -1. */
  U: Matrix<T>;
  /** The right-hand sides after the same row operations. */
  rhs: Matrix<T>;
  /** Transpositions applied to rows and columns (their parity is the determinant's sign). */
  swaps: number;
  /** The first step without a pivot, or -1. */
  singularColumn: number;
}

/**
 * Forward elimination of the square matrix A, applying the same row operations to the columns of B.
 * Complete pivoting also permutes the columns of A, so it is only used without right-hand sides.
 */
function forwardEliminate<T>(F: EliminationField<T>, A: Matrix<T>, B: Matrix<T>, options: EliminationOptions<T>, pivoting: Pivoting = "partial"): UpperTriangular<T> {
  const U = copyMatrix(A);
  const rhs = copyMatrix(B);
  const n = U.length;
  let swaps = 0;
  for (let col = 0; col < n; col++) {
    const found = findPivot(F, U, col, pivoting, options.pivotTolerance);
    if (found === undefined) return { U, rhs, swaps, singularColumn: col };
    if (pivoting === "partial") {
      if (found.row !== col) {
        swapRows(U, col, found.row);
        swapRows(rhs, col, found.row);
        swaps++;
      }
    } else {
      moveToFront(U, found.row, col);
      moveToFront(rhs, found.row, col);
      for (const row of U) moveToFront(row, found.column, col);
      swaps += found.row - col + (found.column - col);
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
  return { U, rhs, swaps, singularColumn: -1 };
}

/**
 * The solution X of A X = B for a nonsingular square A and a matrix B of right-hand sides (one per
 * column), by Gaussian elimination and back substitution. Throws SingularMatrixError naming the
 * column without a pivot.
 */
export function solveMatrix<T>(F: EliminationField<T>, A: Matrix<T>, B: Matrix<T>, options: EliminationOptions<T> = {}): Matrix<T> {
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
export function solveLinear<T>(F: EliminationField<T>, A: Matrix<T>, b: T[], options: EliminationOptions<T> = {}): T[] {
  const columns = b.map((v) => [v]);
  return solveMatrix(F, A, columns, options).map((row) => row[0]!);
}

/** The inverse of a nonsingular square matrix (solves A X = I). */
export function inverse<T>(F: EliminationField<T>, A: Matrix<T>, options: EliminationOptions<T> = {}): Matrix<T> {
  return solveMatrix(F, A, identity(F, A.length), options);
}

/**
 * det A for a square A: the product of the pivots of Gaussian elimination times (-1)^(transpositions).
 * A singular matrix gives zero (never an error), or with complete pivoting the field's
 * negligibleDeterminant of the block left without a pivot; the determinant of the 0x0 matrix is 1.
 */
export function determinant<T>(F: EliminationField<T>, A: Matrix<T>, pivoting: Pivoting = "partial"): T {
  checkSquare(A, "determinant");
  const noRightHandSides = A.map((): T[] => []);
  const { U, swaps, singularColumn } = forwardEliminate(F, A, noRightHandSides, {}, pivoting);
  if (singularColumn >= 0 && F.negligibleDeterminant === undefined) return F.zero();
  let det = swaps % 2 === 0 ? F.one() : F.neg(F.one());
  const pivots = singularColumn < 0 ? U.length : singularColumn;
  for (let i = 0; i < pivots; i++) det = F.mul(det, U[i]![i]!);
  if (singularColumn < 0 || F.negligibleDeterminant === undefined) return det;
  if (pivoting === "partial") {
    throw new RangeError(`determinant over ${F.name}: column ${singularColumn} has no pivot; only complete pivoting bounds the determinant of the remaining block`);
  }
  const block = U.slice(singularColumn).map((row) => row.slice(singularColumn));
  return F.mul(det, F.negligibleDeterminant(block));
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
    const k = choosePivot(F, R.slice(row).map((r) => r[col]!), undefined);
    if (k < 0) continue;
    const pivotRow = row + k;
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
