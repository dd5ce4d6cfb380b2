import { F64 } from "../numbers/floatField.js";
import { embed, project } from "../patterns/embedding.js";
import { Pattern } from "../patterns/pattern.js";
import { maximumAssignment } from "./assignment.js";

/**
 * Isotropy detection (docs/discovery.md, "Isotropy"). The loss is invariant under S_k x S_d (student rows
 * permuted, and the diagonal action on columns and teacher rows), so a trained point is first brought to
 * a frame where its symmetry is diagonal: rows are matched to columns by the assignment maximising
 * sum_i |W_{i, sigma(i)}| (the student neuron "covering" teacher direction sigma(i)); for k != d the
 * unmatched rows or columns form the class E or C of Pattern.isotropy(p, k - d). In that frame the
 * indices are split by colour refinement (equal diagonal entries and output weights, then equal multisets
 * of (colour, W_ij, W_ji)) and each class of size d - p is tried as the bulk A of the pattern (d-p | p):
 * the point passes when it equals the embedding of its own projection onto Pattern.isotropy(p) to within
 * the tolerance. The smallest such p (the largest group Delta(S_{d-p} x S_p), p <= d/2) is reported. When
 * none fits and the matched indices form exactly three colour classes, the two smaller ones are tried as
 * the split special classes B and D of Pattern.isotropy(s + t, h, [s, t]) (docs/patterns.md §2.4).
 */

/** Default relative tolerance of the isotropy test: entries within 1e-6 (times max(1, max |entry|)). */
export const DEFAULT_ISOTROPY_TOLERANCE = 1e-6;

export interface IsotropyResult {
  /** p of Delta(S_{d-p} x S_p), 0 <= p <= d/2, or null when no p fits within the tolerance ("other"). */
  readonly p: number | null;
  /** The sizes [s, t] of the special classes B and D when the p special indices form two classes. */
  readonly split?: readonly [number, number];
  /**
   * The canonical frame: index t of the canonical point is original column order[t] (A first, then B,
   * each ascending), and its row is original row rows[t]: W'[s][t] = W[rows[s]][order[t]], a'[s] = a[rows[s]].
   */
  readonly order: number[];
  readonly rows: number[];
  /** The original column indices of the small class B (ascending); empty for p = 0 or "other". */
  readonly B: number[];
  /** Pattern parameters of the projection (Pattern.isotropy(p).params order); empty for "other". */
  readonly params: number[];
  /** max |entry of the canonical point - entry of the embedded projection| / scale (NaN for "other"). */
  readonly deviation: number;
  /** Sizes of the colour classes of the matched point, largest first. */
  readonly classSizes: number[];
  /** a on each colour class, when constant on it (same order as classSizes), else NaN. */
  readonly classA: number[];
}

/** The scale entries are compared at: max(1, max |W_ij|, max |a_i|). */
function scaleOf(W: readonly (readonly number[])[], a: readonly number[]): number {
  let s = 1;
  for (const row of W) for (const w of row) s = Math.max(s, Math.abs(w));
  for (const x of a) s = Math.max(s, Math.abs(x));
  return s;
}

/** Labels of values clustered on the line: sorted, a new cluster at every gap > tol. */
export function clusterValues(values: readonly number[], tol: number): number[] {
  const order = values.map((_, i) => i).sort((i, j) => values[i]! - values[j]!);
  const labels = new Array<number>(values.length);
  let label = 0;
  order.forEach((i, t) => {
    if (t > 0 && values[i]! - values[order[t - 1]!]! > tol) label++;
    labels[i] = label;
  });
  return labels;
}

/**
 * Colour refinement of the indices of the square matrix W (already in a frame where rows match
 * columns) with output weights a: start from (label of W_ii, label of a_i), refine by the sorted
 * multiset of (colour_j, label W_ij, label W_ji), j != i, until stable. Colours are numbered by sorted
 * signature, so the result does not depend on the order of the indices.
 */
export function colourRefinement(W: readonly (readonly number[])[], a: readonly number[], tol: number): number[] {
  const d = a.length;
  const offValues: number[] = [];
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) if (i !== j) offValues.push(W[i]![j]!);
  const offLabels = clusterValues(offValues, tol);
  const label = (i: number, j: number): number => offLabels[i * (d - 1) + (j < i ? j : j - 1)]!;
  const diagLabels = clusterValues(W.map((row, i) => row[i]!), tol);
  const aLabels = clusterValues(a, tol);
  const renumber = (signatures: string[]): number[] => {
    const distinct = [...new Set(signatures)].sort();
    const index = new Map(distinct.map((s, c) => [s, c]));
    return signatures.map((s) => index.get(s)!);
  };
  let colours = renumber(a.map((_, i) => `${diagLabels[i]}:${aLabels[i]}`));
  let count = new Set(colours).size;
  for (;;) {
    const next = renumber(
      colours.map((c, i) => {
        const seen: string[] = [];
        for (let j = 0; j < d; j++) if (j !== i) seen.push(`${colours[j]},${label(i, j)},${label(j, i)}`);
        return `${c}|${seen.sort().join(";")}`;
      }),
    );
    const nextCount = new Set(next).size;
    colours = next;
    if (nextCount === count) return colours;
    count = nextCount;
  }
}

/**
 * The rows matched to columns by the assignment maximising sum |W_{i, sigma(i)}|; for k != d the score is
 * padded with zeros to a square, and the rows (k > d) or columns (k < d) matched to padding are the extra
 * ones, in ascending order.
 */
function matchRowsToColumns(W: readonly (readonly number[])[]): { pairs: { row: number; column: number }[]; extraRows: number[]; extraColumns: number[] } {
  const k = W.length;
  const d = W[0]!.length;
  const n = Math.max(k, d);
  const score = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (__, j) => (i < k && j < d ? Math.abs(W[i]![j]!) : 0)));
  const sigma = maximumAssignment(score);
  const pairs: { row: number; column: number }[] = [];
  const extraRows: number[] = [];
  const extraColumns: number[] = [];
  sigma.forEach((j, i) => {
    if (i < k && j < d) pairs.push({ row: i, column: j });
    else if (i < k) extraRows.push(i);
    else if (j < d) extraColumns.push(j);
  });
  pairs.sort((u, v) => u.column - v.column);
  return { pairs, extraRows: extraRows.sort((u, v) => u - v), extraColumns: extraColumns.sort((u, v) => u - v) };
}

/**
 * Detect the isotropy of (W, a), W of size k x d with k = d + h, with relative tolerance `tolerance`: the
 * pattern Pattern.isotropy(p, h), the h extra rows (or -h extra columns) forming its class E (or C).
 */
export function detectIsotropy(W: readonly (readonly number[])[], a: readonly number[], tolerance = DEFAULT_ISOTROPY_TOLERANCE): IsotropyResult {
  const k = W.length;
  const d = W[0]?.length ?? 0;
  if (k === 0 || d === 0 || W.some((row) => row.length !== d) || a.length !== k) throw new RangeError(`detectIsotropy: expected a k x d W and a of length k, got ${k} rows and a of length ${a.length}`);
  const h = k - d;
  const scale = scaleOf(W, a);
  const tol = tolerance * scale;
  const { pairs, extraRows, extraColumns } = matchRowsToColumns(W);
  const m = pairs.length;
  // In the matched frame, index t < m is column pairs[t].column with its row pairs[t].row.
  const rowOf = pairs.map((q) => q.row);
  const columnOf = pairs.map((q) => q.column);
  const matchedW = rowOf.map((i) => columnOf.map((j) => W[i]![j]!));
  const matchedA = rowOf.map((i) => a[i]!);
  const colours = colourRefinement(matchedW, matchedA, tol);
  const classes = new Map<number, number[]>();
  colours.forEach((c, i) => {
    if (!classes.has(c)) classes.set(c, []);
    classes.get(c)!.push(i);
  });
  const classList = [...classes.values()].sort((u, v) => v.length - u.length || u[0]! - v[0]!);
  const classSizes = classList.map((c) => c.length);
  const classA = classList.map((c) => (c.every((i) => Math.abs(matchedA[i]! - matchedA[c[0]!]!) <= tol) ? matchedA[c[0]!]! : Number.NaN));

  for (let p = 0; 2 * p <= m; p++) {
    if (p > 0 && m - p < 2) break;
    const P = Pattern.isotropy(p, h);
    let best: IsotropyResult | undefined;
    for (const A of classList.filter((c) => c.length === m - p)) {
      const inA = new Set(A);
      const Bm = Array.from({ length: m }, (_, i) => i).filter((i) => !inA.has(i));
      const perm = [...A, ...Bm];
      const rows = [...perm.map((t) => rowOf[t]!), ...extraRows];
      const order = [...perm.map((t) => columnOf[t]!), ...extraColumns];
      const Wc = rows.map((r) => order.map((c) => W[r]![c]!));
      const ac = rows.map((r) => a[r]!);
      const params = project(F64, P, Wc, ac);
      const E = embed(P, params, d);
      let deviation = 0;
      for (let s = 0; s < k; s++) {
        deviation = Math.max(deviation, Math.abs(ac[s]! - E.a[s]!));
        for (let t = 0; t < d; t++) deviation = Math.max(deviation, Math.abs(Wc[s]![t]! - E.W[s]![t]!));
      }
      if (deviation > tol) continue;
      const candidate: IsotropyResult = {
        p,
        order,
        rows,
        B: Bm.map((t) => columnOf[t]!).sort((u, v) => u - v),
        params,
        deviation: deviation / scale,
        classSizes,
        classA,
      };
      // p = m/2: both classes fit; prefer the larger a, then the larger diagonal, on A
      if (best === undefined || preferred(P, candidate.params, best.params)) best = candidate;
    }
    if (best !== undefined) return best;
  }
  const split = classList.length === 3 ? splitIsotropy(W, a, classList, rowOf, columnOf, extraRows, extraColumns, tol, scale, classSizes, classA) : undefined;
  if (split !== undefined) return split;
  return {
    p: null,
    order: [...columnOf, ...extraColumns],
    rows: [...rowOf, ...extraRows],
    B: [],
    params: [],
    deviation: Number.NaN,
    classSizes,
    classA,
  };
}

/**
 * The three colour classes as A (the largest) and the special classes B and D of a split pattern, in both
 * orders when B and D have the same size: the one that fits, preferring the smaller diagonal entry on B.
 */
function splitIsotropy(
  W: readonly (readonly number[])[],
  a: readonly number[],
  classList: readonly number[][],
  rowOf: readonly number[],
  columnOf: readonly number[],
  extraRows: readonly number[],
  extraColumns: readonly number[],
  tol: number,
  scale: number,
  classSizes: number[],
  classA: number[],
): IsotropyResult | undefined {
  const [A, first, second] = classList as [number[], number[], number[]];
  if (A.length < 2) return undefined;
  const h = W.length - (W[0]?.length ?? 0);
  const orders = first.length === second.length ? [[first, second], [second, first]] : [[first, second]];
  let best: IsotropyResult | undefined;
  for (const [B, D] of orders as [number[], number[]][]) {
    const split: [number, number] = [B.length, D.length];
    const P = Pattern.isotropy(B.length + D.length, h, split);
    const perm = [...A, ...B, ...D];
    const rows = [...perm.map((t) => rowOf[t]!), ...extraRows];
    const order = [...perm.map((t) => columnOf[t]!), ...extraColumns];
    const Wc = rows.map((r) => order.map((c) => W[r]![c]!));
    const ac = rows.map((r) => a[r]!);
    const params = project(F64, P, Wc, ac);
    const E = embed(P, params, W[0]!.length);
    let deviation = 0;
    for (let s = 0; s < rows.length; s++) {
      deviation = Math.max(deviation, Math.abs(ac[s]! - E.a[s]!));
      for (let t = 0; t < order.length; t++) deviation = Math.max(deviation, Math.abs(Wc[s]![t]! - E.W[s]![t]!));
    }
    if (deviation > tol) continue;
    if (best !== undefined && params[P.paramByName("x5")]! >= best.params[P.paramByName("x5")]!) continue;
    const B0 = [...B, ...D].map((t) => columnOf[t]!).sort((u, v) => u - v);
    best = { p: B.length + D.length, split, order, rows, B: B0, params, deviation: deviation / scale, classSizes, classA };
  }
  return best;
}

function preferred(P: Pattern, x: readonly number[], y: readonly number[]): boolean {
  const a = P.paramByName("y1");
  const diag = P.paramByName("x1");
  if (x[a] !== y[a]) return x[a]! > y[a]!;
  return x[diag]! > y[diag]!;
}
