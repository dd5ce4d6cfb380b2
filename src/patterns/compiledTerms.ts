import type { Pattern } from "./pattern.js";

/**
 * The restricted loss L_P(x; d) (docs/patterns.md §2, eq. (P1)-(P4)) compiled at a real d into float64 term
 * lists, for the float64 twins of restrictedLoss (compiledLoss.ts: value and gradient; compiledHessian.ts:
 * the Hessian): each same-row term is coefficient * a_I^2 * sum of count * x_param^2, each kernel term
 * coefficient * (product of a over `rows`) * K[(count, u, v) per column type], plus the teacher's constant.
 */

/** A column type's entry: a parameter (index >= 0) or a constant. */
export interface Operand {
  readonly param: number;
  readonly constant: number;
}

export interface KernelTerm {
  readonly coefficient: number;
  /** The row classes whose a_I multiply the term: [I, J] for a pair of student rows, [I] against the teacher. */
  readonly rows: readonly number[];
  readonly counts: Float64Array;
  readonly u: readonly Operand[];
  readonly v: readonly Operand[];
}

/** The same-row term coefficient * a_row^2 * sum of count * x_param^2. */
export interface NormTerm {
  readonly coefficient: number;
  readonly row: number;
  readonly counts: readonly number[];
  readonly params: readonly number[];
}

export interface CompiledTerms {
  readonly norms: readonly NormTerm[];
  readonly kernels: readonly KernelTerm[];
  /** The teacher pairs: d/4 + d(d-1)/(4 pi). */
  readonly teacher: number;
}

/** The terms of L_P at the real d, the second layer left as a factor of each term. */
export function compileTerms(P: Pattern, d: number): CompiledTerms {
  const size = P.classes.map((_, i) => {
    const s = P.classSize(i);
    return s.bulk ? d + s.constant : s.constant;
  });
  const diag = (i: number): Operand => ({ param: P.paramIndex("diag", i)!, constant: 0 });
  const off = (i: number, j: number): Operand => {
    const k = P.paramIndex("off", i, j);
    return k === undefined ? { param: -1, constant: 0 } : { param: k, constant: 0 };
  };
  const constant = (c: number): Operand => ({ param: -1, constant: c });
  const rowClasses = P.classes.map((_, i) => i).filter((i) => P.hasRows(i));
  const columnClasses = P.classes.map((_, i) => i).filter((i) => P.hasColumns(i));
  const remaining = (k: number, ...excluded: number[]): number => size[k]! - excluded.filter((e) => e === k).length;
  const ownColumn = (I: number): number[] => (P.isPaired(I) ? [I] : []);
  const kernels: KernelTerm[] = [];
  const norms: NormTerm[] = [];
  const push = (coefficient: number, rows: number[], cols: { count: number; u: Operand; v: Operand }[]): void => {
    if (coefficient === 0) return;
    const kept = cols.filter((c) => c.count !== 0);
    kernels.push({ coefficient, rows, counts: Float64Array.from(kept.map((c) => c.count)), u: kept.map((c) => c.u), v: kept.map((c) => c.v) });
  };
  for (const I of rowClasses) {
    // Same row: (a_I^2 / 2) |I| |w_I|^2 / 2.
    const counts: number[] = [];
    const params: number[] = [];
    if (P.isPaired(I)) {
      counts.push(1);
      params.push(diag(I).param);
    }
    for (const K of columnClasses) {
      const o = off(I, K);
      if (o.param >= 0) {
        counts.push(remaining(K, ...ownColumn(I)));
        params.push(o.param);
      }
    }
    norms.push({ coefficient: size[I]! / 4, row: I, counts, params });
    for (const J of rowClasses) {
      const cols: { count: number; u: Operand; v: Operand }[] = [];
      if (P.isPaired(I)) cols.push({ count: 1, u: diag(I), v: off(J, I) });
      if (P.isPaired(J)) cols.push({ count: 1, u: off(I, J), v: diag(J) });
      for (const K of columnClasses) cols.push({ count: remaining(K, ...ownColumn(I), ...ownColumn(J)), u: off(I, K), v: off(J, K) });
      push(0.5 * size[I]! * remaining(J, I), [I, J], cols);
    }
    if (P.isPaired(I)) {
      const cols = [{ count: 1, u: diag(I), v: constant(1) }];
      for (const K of columnClasses) cols.push({ count: remaining(K, I), u: off(I, K), v: constant(0) });
      push(-size[I]!, [I], cols);
    }
    for (const J of columnClasses) {
      const cols = P.isPaired(I) ? [{ count: 1, u: diag(I), v: constant(0) }] : [];
      cols.push({ count: 1, u: off(I, J), v: constant(1) });
      for (const K of columnClasses) cols.push({ count: remaining(K, ...ownColumn(I), J), u: off(I, K), v: constant(0) });
      push(-size[I]! * remaining(J, ...ownColumn(I)), [I], cols);
    }
  }
  return { norms, kernels, teacher: d / 4 + (d * (d - 1)) / (4 * Math.PI) };
}
