import type { RealField } from "../numbers/field.js";
import { kernel, kernelGradient, kernelHessian } from "../model/kernel.js";

/**
 * g(w) = E[relu(w.x) r(x)] = sum_j a_j K(w, w_j) - sum_m K(w, e_m), its gradient and its Hessian, for full
 * arrays (W, a) at integer d, on the evaluator's kernel (src/model/kernel.ts; docs/annihilation.md §1).
 * These are the reference for the cell computations at real d, and give the descent directions at
 * integer d.
 */

/** The teacher row e_m in the field. */
function teacherRow<T>(F: RealField<T>, d: number, m: number): T[] {
  return Array.from({ length: d }, (_, j) => (j === m ? F.one() : F.zero()));
}

/** g(w) for the network (W, a) (any k x d). */
export function residualCorrelation<T>(F: RealField<T>, W: readonly (readonly T[])[], a: readonly T[], w: readonly T[]): T {
  const d = w.length;
  let s = F.zero();
  W.forEach((v, j) => {
    if (!F.isZero(a[j]!)) s = F.add(s, F.mul(a[j]!, kernel(F, w, v)));
  });
  for (let m = 0; m < d; m++) s = F.sub(s, kernel(F, w, teacherRow(F, d, m)));
  return s;
}

/** grad g(w) (w != 0). */
export function residualCorrelationGradient<T>(F: RealField<T>, W: readonly (readonly T[])[], a: readonly T[], w: readonly T[]): T[] {
  const d = w.length;
  const out = w.map(() => F.zero());
  const add = (v: readonly T[], c: T): void => kernelGradient(F, w, v).forEach((x, k) => (out[k] = F.add(out[k]!, F.mul(c, x))));
  W.forEach((v, j) => {
    if (!F.isZero(a[j]!)) add(v, a[j]!);
  });
  for (let m = 0; m < d; m++) add(teacherRow(F, d, m), F.fromInt(-1));
  return out;
}

/**
 * G_i = d^2 g / dw dw at w = w_i, the sum over the neurons j != i and the teacher rows (the term of neuron
 * i itself is the Hessian of K(., w_i) at the parallel pair, which is 0, docs/evaluator.md §4).
 */
export function residualHessianAtNeuron<T>(F: RealField<T>, W: readonly (readonly T[])[], a: readonly T[], i: number): T[][] {
  const w = W[i]!;
  const d = w.length;
  const out = w.map(() => w.map(() => F.zero()));
  const add = (v: readonly T[], c: T): void =>
    kernelHessian(F, w, v).ww.forEach((row, x) => row.forEach((h, y) => (out[x]![y] = F.add(out[x]![y]!, F.mul(c, h)))));
  W.forEach((v, j) => {
    if (j !== i && !F.isZero(a[j]!)) add(v, a[j]!);
  });
  for (let m = 0; m < d; m++) add(teacherRow(F, d, m), F.fromInt(-1));
  return out;
}

/**
 * g and its gradient in plain float64 with r = sqrt(max(0, |w|^2 |v|^2 - (w.v)^2)): O(k d) per call instead
 * of the evaluator's O(k d^2) Lagrange sums. For the multistart search only (its result is re-evaluated on
 * the evaluator's kernel); accurate except for w nearly parallel to a neuron or teacher row.
 */
export function fastResidualCorrelation(W: readonly (readonly number[])[], a: readonly number[], w: readonly number[]): { value: number; gradient: number[] } {
  const d = w.length;
  let n2 = 0;
  for (const x of w) n2 += x * x;
  const grad = new Array<number>(d).fill(0);
  let value = 0;
  const pair = (v: readonly number[] | number, weight: number): void => {
    let c: number;
    let m2: number;
    if (typeof v === "number") {
      c = w[v]!;
      m2 = 1;
    } else {
      c = 0;
      m2 = 0;
      for (let k = 0; k < d; k++) {
        c += w[k]! * v[k]!;
        m2 += v[k]! * v[k]!;
      }
    }
    const r = Math.sqrt(Math.max(0, n2 * m2 - c * c));
    const s = Math.atan2(r, -c);
    value += (weight * (r + s * c)) / (2 * Math.PI);
    const wScale = (weight * r) / (n2 * 2 * Math.PI);
    const vScale = (weight * s) / (2 * Math.PI);
    for (let k = 0; k < d; k++) grad[k] += wScale * w[k]!;
    if (typeof v === "number") grad[v] += vScale;
    else for (let k = 0; k < d; k++) grad[k] += vScale * v[k]!;
  };
  W.forEach((v, j) => {
    if (a[j] !== 0) pair(v, a[j]!);
  });
  for (let m = 0; m < d; m++) pair(m, -1);
  return { value, gradient: grad };
}
