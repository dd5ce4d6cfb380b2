import type { Field } from "../numbers/field.js";

/** A dense matrix as an array of rows; every row has the same length (docs/linalg.md). */
export type Matrix<T> = T[][];

/** The number of columns of a matrix with at least one row (0 for the empty matrix). */
export function columnCount<T>(A: Matrix<T>): number {
  return A.length === 0 ? 0 : A[0]!.length;
}

/** Throw unless every row of A has the same length; returns the column count. */
export function checkRectangular<T>(A: Matrix<T>, what: string): number {
  const cols = columnCount(A);
  A.forEach((row, i) => {
    if (row.length !== cols) throw new RangeError(`${what}: row ${i} has ${row.length} entries, row 0 has ${cols}`);
  });
  return cols;
}

/** Throw unless A is square; returns its size. */
export function checkSquare<T>(A: Matrix<T>, what: string): number {
  const cols = checkRectangular(A, what);
  if (cols !== A.length) throw new RangeError(`${what}: matrix is ${A.length}x${cols}, not square`);
  return cols;
}

/** The rows x cols zero matrix. */
export function zeros<T>(F: Pick<Field<T>, "zero">, rows: number, cols: number): Matrix<T> {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => F.zero()));
}

/** The n x n identity matrix. */
export function identity<T>(F: Pick<Field<T>, "zero" | "one">, n: number): Matrix<T> {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? F.one() : F.zero())));
}

/** A copy of A with fresh row arrays (entries are immutable values and are shared). */
export function copyMatrix<T>(A: Matrix<T>): Matrix<T> {
  return A.map((row) => row.slice());
}

/** The transpose A^T. */
export function transpose<T>(A: Matrix<T>): Matrix<T> {
  const cols = checkRectangular(A, "transpose");
  return Array.from({ length: cols }, (_, j) => A.map((row) => row[j]!));
}

/** The dot product sum_k x_k y_k of two vectors of equal length. */
export function dot<T>(F: Field<T>, x: T[], y: T[]): T {
  if (x.length !== y.length) throw new RangeError(`dot: lengths ${x.length} and ${y.length} differ`);
  let sum = F.zero();
  for (let k = 0; k < x.length; k++) sum = F.add(sum, F.mul(x[k]!, y[k]!));
  return sum;
}

/** The product A x of an m x n matrix and a vector of length n. */
export function matVec<T>(F: Field<T>, A: Matrix<T>, x: T[]): T[] {
  const cols = checkRectangular(A, "matVec");
  if (A.length > 0 && cols !== x.length) throw new RangeError(`matVec: matrix has ${cols} columns, vector has ${x.length} entries`);
  return A.map((row) => dot(F, row, x));
}

/** The product A B of an m x k and a k x n matrix. */
export function matMul<T>(F: Field<T>, A: Matrix<T>, B: Matrix<T>): Matrix<T> {
  const inner = checkRectangular(A, "matMul (left factor)");
  const cols = checkRectangular(B, "matMul (right factor)");
  if (A.length > 0 && inner !== B.length) throw new RangeError(`matMul: ${A.length}x${inner} times ${B.length}x${cols}`);
  return A.map((row) => {
    const out = Array.from({ length: cols }, () => F.zero());
    row.forEach((a, k) => {
      if (F.isZero(a)) return;
      const Bk = B[k]!;
      for (let j = 0; j < cols; j++) out[j] = F.add(out[j]!, F.mul(a, Bk[j]!));
    });
    return out;
  });
}
