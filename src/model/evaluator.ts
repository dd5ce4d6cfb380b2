import type { RealField } from "../numbers/field.js";
import type { SecondLayer } from "./studentModel.js";
import {
  kernelGradW,
  kernelHessWV,
  kernelHessWW,
  kernelValue,
  orthogonalParts,
  pairGeometry,
  swapPair,
} from "./kernel.js";

/**
 * The independent evaluator (docs/evaluator.md §5–§7): for any student (W, a), W of size k x d and a of
 * length k, against the teacher V = I_d, b = 1_d,
 *   L(W, a) = 1/2 sum_{i,j} a_i a_j K(w_i, w_j) - sum_{i,j} a_i K(w_i, e_j) + 1/2 sum_{i,j} K(e_i, e_j),
 * its gradient and its full Hessian, by plain loops over all rows. It knows nothing of patterns, symmetry
 * or series: it is the reference they are checked against.
 */

/** The gradient of L, shaped like the parameters. */
export interface Gradient<T> {
  readonly gW: T[][];
  readonly ga: T[];
}

export interface LossAndGradient<T> extends Gradient<T> {
  readonly loss: T;
}

/** Number of parameters k*d + k. */
export function parameterCount(k: number, d: number): number {
  return k * d + k;
}

/** Position of W[i][m] in the flat parameter vector (W row-major, then a). */
export function indexOfW(d: number, i: number, m: number): number {
  return i * d + m;
}

/** Position of a[i] in the flat parameter vector (W row-major, then a). */
export function indexOfA(k: number, d: number, i: number): number {
  return k * d + i;
}

/** [W row-major (k*d entries), then a (k entries)]; also flattens a gradient (gW, ga). */
export function flattenParameters<T>(W: readonly (readonly T[])[], a: readonly T[]): T[] {
  return [...W.flat(), ...a];
}

/** Inverse of flattenParameters. */
export function unflattenParameters<T>(x: readonly T[], k: number, d: number): { W: T[][]; a: T[] } {
  if (x.length !== parameterCount(k, d)) {
    throw new RangeError(`expected ${parameterCount(k, d)} parameters for k = ${k}, d = ${d}, got ${x.length}`);
  }
  const W: T[][] = [];
  for (let i = 0; i < k; i++) W.push(x.slice(i * d, (i + 1) * d));
  return { W, a: x.slice(k * d) };
}

function shapeOf<T>(W: readonly (readonly T[])[], a: readonly T[]): { k: number; d: number } {
  const k = W.length;
  if (k === 0) throw new RangeError("W has no rows");
  const d = W[0]!.length;
  if (d === 0) throw new RangeError("W has no columns");
  W.forEach((row, i) => {
    if (row.length !== d) throw new RangeError(`row ${i} of W has length ${row.length}, expected ${d}`);
  });
  if (a.length !== k) throw new RangeError(`a has length ${a.length}, expected k = ${k}`);
  return { k, d };
}

/** The teacher rows e_1..e_d. */
function teacherRows<T>(F: RealField<T>, d: number): T[][] {
  return Array.from({ length: d }, (_, j) => Array.from({ length: d }, (_, m) => (m === j ? F.one() : F.zero())));
}

const teacherTerms = new WeakMap<object, Map<number, unknown>>();

/** 1/2 sum_{i,j} K(e_i, e_j), with K(e_i, e_i) = 1/2 taken separately; cached per field and d. */
function teacherTerm<T>(F: RealField<T>, E: readonly T[][]): T {
  let byDimension = teacherTerms.get(F);
  if (byDimension === undefined) teacherTerms.set(F, (byDimension = new Map()));
  const cached = byDimension.get(E.length);
  if (cached !== undefined) return cached as T;
  let sum = F.zero();
  for (let i = 0; i < E.length; i++) {
    for (let j = 0; j < E.length; j++) {
      sum = F.add(sum, i === j ? F.fromRational(1, 2) : kernelValue(F, pairGeometry(F, E[i]!, E[j]!)));
    }
  }
  const term = F.div(sum, F.fromInt(2));
  byDimension.set(E.length, term);
  return term;
}

/** L(W, a). */
export function loss<T>(F: RealField<T>, W: readonly T[][], a: readonly T[]): T {
  const { k, d } = shapeOf(W, a);
  const E = teacherRows(F, d);
  let L = teacherTerm(F, E);
  for (let i = 0; i < k; i++) {
    // same row: 1/2 a_i^2 K(w_i, w_i) = a_i^2 |w_i|^2 / 4
    L = F.add(L, F.div(F.mul(F.mul(a[i]!, a[i]!), squaredNorm(F, W[i]!)), F.fromInt(4)));
    for (let j = i + 1; j < k; j++) {
      // (i, j) and (j, i) together
      L = F.add(L, F.mul(F.mul(a[i]!, a[j]!), kernelValue(F, pairGeometry(F, W[i]!, W[j]!))));
    }
    for (const e of E) L = F.sub(L, F.mul(a[i]!, kernelValue(F, pairGeometry(F, W[i]!, e))));
  }
  return L;
}

/**
 * L and its gradient in one pass over pairs (docs/evaluator.md §6):
 *   dL/da_i = a_i |w_i|^2/2 + sum_{j != i} a_j K(w_i, w_j) - sum_m K(w_i, e_m),
 *   dL/dw_i = a_i [a_i w_i / 2 + sum_{j != i} a_j dK(w_i, w_j)/dw - sum_m dK(w_i, e_m)/dw].
 */
export function lossAndGradient<T>(F: RealField<T>, W: readonly T[][], a: readonly T[]): LossAndGradient<T> {
  const { k, d } = shapeOf(W, a);
  const E = teacherRows(F, d);
  const half = F.fromRational(1, 2);
  let L = teacherTerm(F, E);
  // rowSum[i] = dL/dw_i / a_i before the final scaling, ga[i] = dL/da_i
  const rowSum: T[][] = W.map((w, i) => w.map((x) => F.mul(F.mul(half, a[i]!), x)));
  const ga: T[] = [];
  for (let i = 0; i < k; i++) {
    const selfK = F.mul(half, squaredNorm(F, W[i]!));
    L = F.add(L, F.mul(F.mul(half, F.mul(a[i]!, a[i]!)), selfK));
    ga.push(F.mul(a[i]!, selfK));
  }
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const g = pairGeometry(F, W[i]!, W[j]!);
      const K = kernelValue(F, g);
      L = F.add(L, F.mul(F.mul(a[i]!, a[j]!), K));
      ga[i] = F.add(ga[i]!, F.mul(a[j]!, K));
      ga[j] = F.add(ga[j]!, F.mul(a[i]!, K));
      addScaled(F, rowSum[i]!, a[j]!, kernelGradW(F, W[i]!, W[j]!, g));
      addScaled(F, rowSum[j]!, a[i]!, kernelGradW(F, W[j]!, W[i]!, swapPair(g)));
    }
    for (const e of E) {
      const g = pairGeometry(F, W[i]!, e);
      const K = kernelValue(F, g);
      L = F.sub(L, F.mul(a[i]!, K));
      ga[i] = F.sub(ga[i]!, K);
      addScaled(F, rowSum[i]!, F.neg(F.one()), kernelGradW(F, W[i]!, e, g));
    }
  }
  const gW = rowSum.map((row, i) => row.map((x) => F.mul(a[i]!, x)));
  return { loss: L, gW, ga };
}

/** The gradient (dL/dW, dL/da). */
export function gradient<T>(F: RealField<T>, W: readonly T[][], a: readonly T[]): Gradient<T> {
  const { gW, ga } = lossAndGradient(F, W, a);
  return { gW, ga };
}

/**
 * The full (kd + k) x (kd + k) Hessian in the flat order of flattenParameters, assembled block by block
 * in one pass over pairs (docs/evaluator.md §7). Each block is written where it belongs, the (i, j) and
 * (j, i) blocks explicitly (the second as a transpose), so symmetry of the result is a check, not an
 * assumption. With a fixed second layer the parameters are W alone: the kd x kd block of W.
 */
export function hessian<T>(F: RealField<T>, W: readonly T[][], a: readonly T[], secondLayer: SecondLayer = "trained"): T[][] {
  const full = fullHessian(F, W, a);
  if (secondLayer === "trained") return full;
  const kd = W.length * (W[0]?.length ?? 0);
  return full.slice(0, kd).map((row) => row.slice(0, kd));
}

function fullHessian<T>(F: RealField<T>, W: readonly T[][], a: readonly T[]): T[][] {
  const { k, d } = shapeOf(W, a);
  const E = teacherRows(F, d);
  const n = parameterCount(k, d);
  const half = F.fromRational(1, 2);
  const H: T[][] = Array.from({ length: n }, () => Array.from({ length: n }, () => F.zero()));
  const wi = (i: number, m: number) => indexOfW(d, i, m);
  const ai = (i: number) => indexOfA(k, d, i);
  const add = (p: number, q: number, x: T) => {
    H[p]![q] = F.add(H[p]![q]!, x);
  };

  // rowCross[i][m] = d^2L / dw_im da_i, accumulated then written to both triangles
  const rowCross: T[][] = W.map((w, i) => w.map((x) => F.mul(a[i]!, x)));
  for (let i = 0; i < k; i++) {
    // same row: a_i^2 |w_i|^2 / 4 contributes a_i^2/2 I, a_i w_i (cross, above) and |w_i|^2/2 (a a)
    const halfAA = F.mul(half, F.mul(a[i]!, a[i]!));
    for (let m = 0; m < d; m++) add(wi(i, m), wi(i, m), halfAA);
    add(ai(i), ai(i), F.mul(half, squaredNorm(F, W[i]!)));

    const w = W[i]!;
    for (let j = i + 1; j < k; j++) {
      const v = W[j]!;
      const g = pairGeometry(F, w, v);
      const K = kernelValue(F, g);
      const gradW = kernelGradW(F, w, v, g);
      const gradV = kernelGradW(F, v, w, swapPair(g));
      const { Pw, Pv } = orthogonalParts(F, w, v, g);
      const hww = kernelHessWW(F, w, Pw, g);
      const hvv = kernelHessWW(F, v, Pv, swapPair(g));
      const hwv = kernelHessWV(F, w, v, Pw, Pv, g);
      const aij = F.mul(a[i]!, a[j]!);
      add(ai(i), ai(j), K);
      add(ai(j), ai(i), K);
      for (let m = 0; m < d; m++) {
        rowCross[i]![m] = F.add(rowCross[i]![m]!, F.mul(a[j]!, gradW[m]!));
        rowCross[j]![m] = F.add(rowCross[j]![m]!, F.mul(a[i]!, gradV[m]!));
        // d^2L / dw_im da_j = a_i dK/dw_m, and d^2L / dw_jm da_i = a_j dK/dv_m
        const crossIJ = F.mul(a[i]!, gradW[m]!);
        const crossJI = F.mul(a[j]!, gradV[m]!);
        add(wi(i, m), ai(j), crossIJ);
        add(ai(j), wi(i, m), crossIJ);
        add(wi(j, m), ai(i), crossJI);
        add(ai(i), wi(j, m), crossJI);
        for (let q = 0; q < d; q++) {
          add(wi(i, m), wi(i, q), F.mul(aij, hww[m]![q]!));
          add(wi(j, m), wi(j, q), F.mul(aij, hvv[m]![q]!));
          const cross = F.mul(aij, hwv[m]![q]!);
          add(wi(i, m), wi(j, q), cross);
          add(wi(j, q), wi(i, m), cross);
        }
      }
    }

    // teacher: -a_i sum_t d^2K(w_i, e_t)/dw dw, summed before scaling
    const teacherHess: T[][] = w.map(() => w.map(() => F.zero()));
    for (const e of E) {
      const g = pairGeometry(F, w, e);
      const gradW = kernelGradW(F, w, e, g);
      const hww = kernelHessWW(F, w, orthogonalParts(F, w, e, g).Pw, g);
      for (let m = 0; m < d; m++) {
        rowCross[i]![m] = F.sub(rowCross[i]![m]!, gradW[m]!);
        for (let q = 0; q < d; q++) teacherHess[m]![q] = F.add(teacherHess[m]![q]!, hww[m]![q]!);
      }
    }
    const minusA = F.neg(a[i]!);
    for (let m = 0; m < d; m++) {
      for (let q = 0; q < d; q++) add(wi(i, m), wi(i, q), F.mul(minusA, teacherHess[m]![q]!));
    }
  }
  for (let i = 0; i < k; i++) {
    for (let m = 0; m < d; m++) {
      add(wi(i, m), ai(i), rowCross[i]![m]!);
      add(ai(i), wi(i, m), rowCross[i]![m]!);
    }
  }
  return H;
}

/** |w|^2. */
function squaredNorm<T>(F: RealField<T>, w: readonly T[]): T {
  return w.reduce((acc, x) => F.add(acc, F.mul(x, x)), F.zero());
}

/** acc += s * x, entrywise, in place. */
function addScaled<T>(F: RealField<T>, acc: T[], s: T, x: readonly T[]): void {
  for (let m = 0; m < acc.length; m++) acc[m] = F.add(acc[m]!, F.mul(s, x[m]!));
}
