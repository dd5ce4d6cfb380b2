import type { Field, RealField } from "../../src/numbers/field.js";
import { F64 } from "../../src/numbers/floatField.js";
import { identity, matMul, transpose, zeros, type Matrix } from "../../src/linalg/matrix.js";
import { randInt, type Random } from "./random.js";

/** A k x d float64 matrix of independent N(0, scale^2) entries. */
export function randomNormalMatrix(rng: Random, k: number, d: number, scale = 1): number[][] {
  return Array.from({ length: k }, () => Array.from({ length: d }, () => scale * rng.normal()));
}

/** An n x n matrix of small rationals p/q (|p| <= 9, 1 <= q <= 4), built in any field. */
export function randomRationalMatrix<T>(F: Field<T>, n: number, rng: Random): Matrix<T> {
  return Array.from({ length: n }, () => Array.from({ length: n }, () => F.fromRational(randInt(rng, -9, 9), randInt(rng, 1, 4))));
}

/** A symmetric n x n float64 matrix with entries uniform in [-1, 1). */
export function randomSymmetric(n: number, rng: Random): number[][] {
  const A = zeros(F64, n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) A[i]![j] = A[j]![i] = 2 * rng.uniform() - 1;
  }
  return A;
}

/**
 * A random orthogonal matrix in F: the product of n Householder reflectors I - 2 v v^T / (v^T v),
 * each orthogonal to the field's working precision.
 */
export function randomOrthogonal<T>(F: RealField<T>, n: number, rng: Random): Matrix<T> {
  let product = identity(F, n);
  for (let r = 0; r < n; r++) {
    const v = Array.from({ length: n }, () => F.fromDecimalString((2 * rng.uniform() - 1).toString()));
    let vv = F.zero();
    for (const vi of v) vv = F.add(vv, F.mul(vi, vi));
    const twoOverVv = F.div(F.fromInt(2), vv);
    const reflector = v.map((vi, i) => v.map((vj, j) => F.sub(i === j ? F.one() : F.zero(), F.mul(twoOverVv, F.mul(vi, vj)))));
    product = matMul(F, product, reflector);
  }
  return product;
}

/** Q diag(values) Q^T with a seeded random orthogonal Q: a symmetric matrix of known spectrum. */
export function withKnownSpectrum<T>(F: RealField<T>, values: T[], rng: Random): Matrix<T> {
  const orthogonal = randomOrthogonal(F, values.length, rng);
  const scaled = orthogonal.map((row) => row.map((q, j) => F.mul(q, values[j]!)));
  return matMul(F, scaled, transpose(orthogonal));
}
