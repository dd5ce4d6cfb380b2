import type { Field } from "../numbers/field.js";
import type { Pattern, PatternParam } from "./pattern.js";

/** Full arrays (W, a) at an integer d; the referee evaluator's input. */
export interface FullPoint<T> {
  readonly W: T[][];
  readonly a: T[];
}

/**
 * The class of each row 0..k-1 and of each column 0..d-1 at integer d (docs/patterns.md, "embedding"):
 * first the paired indices (the bulk, then the small paired classes in order), row i < m paired with
 * column i; then the rows of row classes and the columns of column classes, in class order.
 */
export interface IndexClasses {
  readonly rows: number[];
  readonly columns: number[];
  /** m: the number of paired indices (row i < m has its diagonal in column i). */
  readonly paired: number;
}

export function indexClasses(P: Pattern, d: number): IndexClasses {
  const bulk = d - P.smallTotal;
  if (!Number.isInteger(d) || bulk < 1) {
    throw new RangeError(`pattern ${P.toString()} needs an integer d >= ${P.smallTotal + 1}, got ${d}`);
  }
  // A pattern with real class sizes (docs/patterns.md §4) has no full point unless every size is an integer.
  const real = P.classes.find((c) => c.size !== undefined && !Number.isInteger(c.size));
  if (real !== undefined) throw new RangeError(`pattern ${P.toString()}: class ${real.name} has the real size ${real.size}; the full model needs integer class sizes`);
  const pairedIndices: number[] = new Array<number>(bulk).fill(0);
  const rowOnly: number[] = [];
  const columnOnly: number[] = [];
  P.classes.forEach((c, i) => {
    if (i === 0) return;
    const into = P.isPaired(i) ? pairedIndices : P.hasRows(i) ? rowOnly : columnOnly;
    for (let k = 0; k < c.size!; k++) into.push(i);
  });
  return { rows: [...pairedIndices, ...rowOnly], columns: [...pairedIndices, ...columnOnly], paired: pairedIndices.length };
}

/** The parameter that the full coordinate W_ij (or a_i, with j = -1) belongs to. */
function paramOfEntry(P: Pattern, cls: IndexClasses, i: number, j: number): number {
  if (j < 0) return P.paramIndex("a", cls.rows[i]!)!;
  if (i === j && i < cls.paired) return P.paramIndex("diag", cls.rows[i]!)!;
  return P.paramIndex("off", cls.rows[i]!, cls.columns[j]!)!;
}

/** The number of full coordinates a parameter stands for, at integer d (its count-weighted metric). */
export function entryCount(P: Pattern, p: PatternParam, d: number): number {
  const cls = indexClasses(P, d);
  const rows = cls.rows.filter((c) => c === p.row).length;
  if (p.kind !== "off") return rows;
  return rows * (cls.columns.filter((c) => c === p.col).length - (p.row === p.col ? 1 : 0));
}

/** Embed pattern parameters as full (W, a) at integer d. */
export function embed<T>(P: Pattern, x: readonly T[], d: number): FullPoint<T> {
  const cls = indexClasses(P, d);
  const W = cls.rows.map((_, i) => cls.columns.map((__, j) => x[paramOfEntry(P, cls, i, j)]!));
  const a = cls.rows.map((_, i) => x[paramOfEntry(P, cls, i, -1)]!);
  return { W, a };
}

/**
 * Sum the full coordinates (W, a) over each parameter's entries: this is P^T applied to a full vector,
 * the map that takes the full gradient to the pattern gradient.
 */
export function sumOverEntries<T>(F: Field<T>, P: Pattern, W: readonly (readonly T[])[], a: readonly T[]): T[] {
  const d = W[0]!.length;
  const cls = indexClasses(P, d);
  checkShape(P, cls, W, a);
  const out = P.params.map(() => F.zero());
  for (let i = 0; i < cls.rows.length; i++) {
    for (let j = 0; j < d; j++) {
      const k = paramOfEntry(P, cls, i, j);
      out[k] = F.add(out[k]!, W[i]![j]!);
    }
    const k = paramOfEntry(P, cls, i, -1);
    out[k] = F.add(out[k]!, a[i]!);
  }
  return out;
}

/** Project full (W, a) onto the pattern by averaging each parameter's entries. */
export function project<T>(F: Field<T>, P: Pattern, W: readonly (readonly T[])[], a: readonly T[]): T[] {
  const d = W[0]!.length;
  const sums = sumOverEntries(F, P, W, a);
  // A coordinate with no entries (off(A,A) when the bulk has one index) projects to 0.
  return sums.map((s, k) => {
    const n = entryCount(P, P.params[k]!, d);
    return n === 0 ? F.zero() : F.div(s, F.fromInt(n));
  });
}

/**
 * The embedding matrix E (full coordinates x pattern parameters, 0/1 entries) at integer d, with the full
 * coordinates ordered as [W row-major (k x d), a]: L_P = L o E, grad L_P = E^T grad L, Hess L_P = E^T H E.
 */
export function embeddingColumns(P: Pattern, d: number): number[][] {
  const cls = indexClasses(P, d);
  const k = cls.rows.length;
  const cols: number[][] = P.params.map(() => []);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < d; j++) cols[paramOfEntry(P, cls, i, j)]!.push(i * d + j);
  }
  for (let i = 0; i < k; i++) cols[paramOfEntry(P, cls, i, -1)]!.push(k * d + i);
  return cols;
}

function checkShape<T>(P: Pattern, cls: IndexClasses, W: readonly (readonly T[])[], a: readonly T[]): void {
  if (W.length !== cls.rows.length || a.length !== cls.rows.length) {
    throw new RangeError(`pattern ${P.toString()} at d = ${cls.columns.length} has k = ${cls.rows.length} rows, got W with ${W.length} and a with ${a.length}`);
  }
}
