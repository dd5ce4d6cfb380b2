import type { Field } from "../numbers/field.js";
import type { Pattern, PatternParam } from "./pattern.js";

/** Full arrays (W, a) at an integer d; the referee evaluator's input. */
export interface FullPoint<T> {
  readonly W: T[][];
  readonly a: T[];
}

/**
 * The class of each index 0..d-1 at integer d: the bulk class first, then the small classes in order
 * (docs/patterns.md, "embedding").
 */
export function classOfIndex(P: Pattern, d: number): number[] {
  const bulk = d - P.smallTotal;
  if (!Number.isInteger(d) || bulk < 1) {
    throw new RangeError(`pattern ${P.toString()} needs an integer d >= ${P.smallTotal + 1}, got ${d}`);
  }
  const out: number[] = new Array<number>(bulk).fill(0);
  P.classes.forEach((c, i) => {
    if (i > 0) for (let k = 0; k < c.size!; k++) out.push(i);
  });
  return out;
}

/** The parameter that the full coordinate W_ij (or a_i, with j = -1) belongs to. */
function paramOfEntry(P: Pattern, cls: readonly number[], i: number, j: number): number {
  if (j < 0) return P.paramIndex("a", cls[i]!)!;
  if (i === j) return P.paramIndex("diag", cls[i]!)!;
  return P.paramIndex("off", cls[i]!, cls[j]!)!;
}

/** The number of full coordinates a parameter stands for, at integer d (its count-weighted metric). */
export function entryCount(P: Pattern, p: PatternParam, d: number): number {
  const cls = classOfIndex(P, d);
  const size = (k: number): number => cls.filter((c) => c === k).length;
  if (p.kind === "off") return size(p.row) * (size(p.col) - (p.row === p.col ? 1 : 0));
  return size(p.row);
}

/** Embed pattern parameters as full (W, a) at integer d. */
export function embed<T>(P: Pattern, x: readonly T[], d: number): FullPoint<T> {
  const cls = classOfIndex(P, d);
  const W = cls.map((_, i) => cls.map((__, j) => x[paramOfEntry(P, cls, i, j)]!));
  const a = cls.map((_, i) => x[paramOfEntry(P, cls, i, -1)]!);
  return { W, a };
}

/**
 * Sum the full coordinates (W, a) over each parameter's entries: this is P^T applied to a full vector,
 * the map that takes the full gradient to the pattern gradient.
 */
export function sumOverEntries<T>(F: Field<T>, P: Pattern, W: readonly (readonly T[])[], a: readonly T[]): T[] {
  const d = a.length;
  const cls = classOfIndex(P, d);
  const out = P.params.map(() => F.zero());
  for (let i = 0; i < d; i++) {
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
  const d = a.length;
  const sums = sumOverEntries(F, P, W, a);
  // A coordinate with no entries (off(A,A) when the bulk has one index) projects to 0.
  return sums.map((s, k) => {
    const n = entryCount(P, P.params[k]!, d);
    return n === 0 ? F.zero() : F.div(s, F.fromInt(n));
  });
}

/**
 * The embedding matrix E (full coordinates x pattern parameters, 0/1 entries) at integer d, with the full
 * coordinates ordered as [W row-major, a]: L_P = L o E, grad L_P = E^T grad L, Hess L_P = E^T H E.
 */
export function embeddingColumns(P: Pattern, d: number): number[][] {
  const cls = classOfIndex(P, d);
  const cols: number[][] = P.params.map(() => []);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) cols[paramOfEntry(P, cls, i, j)]!.push(i * d + j);
  }
  for (let i = 0; i < d; i++) cols[paramOfEntry(P, cls, i, -1)]!.push(d * d + i);
  return cols;
}
