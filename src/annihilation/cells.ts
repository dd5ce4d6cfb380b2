import type { RealField } from "../numbers/field.js";

/**
 * Vectors of R^d that are constant on the cells of a partition of the indices, at real d
 * (docs/annihilation.md §3). A family's isotropy Delta(S_{d-p} x S_p) splits the indices into the bulk A
 * (d - p of them) and the special indices B (p); distinguishing a few indices of each (singleton cells)
 * leaves the rest of A and the rest of B as two cells of real size. The fixed-point space of the
 * subgroup that fixes the distinguished indices is the space of cell-constant vectors, and every inner
 * product of such vectors, and of a family neuron or a teacher row with them, is a sum over cells with the
 * cell sizes as weights: a polynomial in d, so d may be any real number.
 */

/** One cell: a distinguished index (size 1) or the rest of a class (size d - p - kA, or p - kB). */
export interface Cell<T> {
  readonly name: string;
  readonly group: "A" | "B";
  readonly size: T;
  readonly singleton: boolean;
}

/**
 * A vector given by its value on each cell, plus optionally a spike: at one index of a non-singleton
 * cell the entry is value + spike (a family neuron or teacher row whose own index lies in that cell).
 */
export interface CellVector<T> {
  readonly values: readonly T[];
  readonly spike?: { readonly cell: number; readonly value: T };
}

/** A partition of the d indices of a family into cells. */
export interface CellLayout<T> {
  readonly cells: readonly Cell<T>[];
}

/**
 * The layout with `bulk` distinguished bulk indices and `special` distinguished special indices, at
 * real d for a family with p special indices: cells A1..A{bulk}, A (the rest of the bulk, size
 * d - p - bulk), B1..B{special}, B (the rest, size p - special). A rest cell of size exactly 0 is
 * left out. Sizes may be negative (formal continuation, used only for components of positive dimension).
 */
export function cellLayout<T>(F: RealField<T>, d: T, p: number, bulk: number, special: number): CellLayout<T> {
  const cells: Cell<T>[] = [];
  for (let k = 1; k <= bulk; k++) cells.push({ name: `A${k}`, group: "A", size: F.one(), singleton: true });
  const restA = F.sub(d, F.fromInt(p + bulk));
  if (!F.isZero(restA)) cells.push({ name: "A", group: "A", size: restA, singleton: false });
  if (p > 0) {
    for (let k = 1; k <= special; k++) cells.push({ name: `B${k}`, group: "B", size: F.one(), singleton: true });
    if (p - special !== 0) cells.push({ name: "B", group: "B", size: F.fromInt(p - special), singleton: false });
  }
  return { cells };
}

/** The position of the cell with this name (a RangeError naming the layout's cells otherwise). */
export function cellIndex<T>(L: CellLayout<T>, name: string): number {
  const i = L.cells.findIndex((c) => c.name === name);
  if (i < 0) throw new RangeError(`no cell '${name}' (cells: ${L.cells.map((c) => c.name).join(", ")})`);
  return i;
}

/** u . v; at most one of the two may carry a spike (two spikes at unknown indices have no inner product). */
export function cellDot<T>(F: RealField<T>, L: CellLayout<T>, u: CellVector<T>, v: CellVector<T>): T {
  if (u.spike !== undefined && v.spike !== undefined) throw new RangeError("cellDot: two spiked vectors (use cellNorm2 for a vector with itself)");
  let s = F.zero();
  L.cells.forEach((c, k) => (s = F.add(s, F.mul(c.size, F.mul(u.values[k]!, v.values[k]!)))));
  const spiked = u.spike !== undefined ? { spike: u.spike, other: v } : v.spike !== undefined ? { spike: v.spike, other: u } : undefined;
  if (spiked !== undefined) s = F.add(s, F.mul(spiked.spike.value, spiked.other.values[spiked.spike.cell]!));
  return s;
}

/** |v|^2, the spike included (value + spike at one index of its cell). */
export function cellNorm2<T>(F: RealField<T>, L: CellLayout<T>, v: CellVector<T>): T {
  let s = F.zero();
  L.cells.forEach((c, k) => (s = F.add(s, F.mul(c.size, F.mul(v.values[k]!, v.values[k]!)))));
  if (v.spike !== undefined) {
    const base = v.values[v.spike.cell]!;
    s = F.add(s, F.mul(v.spike.value, F.add(F.mul(F.fromInt(2), base), v.spike.value)));
  }
  return s;
}

/** A class of vectors that are permutations of each other fixing every cell: `count` of them, each `vector` (its spike anywhere in its cell). */
export interface CellType<T> {
  readonly name: string;
  readonly count: T;
  /** The output weight a_j of a neuron; -1 for a teacher row (the residual is student minus teacher). */
  readonly weight: T;
  readonly vector: CellVector<T>;
}

/**
 * The sum of the vectors of a type as a cell-constant vector: count * values, plus the spike once at
 * every index of its cell (each index of the cell is the spike of exactly one member).
 */
export function typeSum<T>(F: RealField<T>, L: CellLayout<T>, t: CellType<T>): T[] {
  return L.cells.map((_, k) => {
    const base = F.mul(t.count, t.vector.values[k]!);
    return t.vector.spike?.cell === k ? F.add(base, t.vector.spike.value) : base;
  });
}

/** A cell-constant vector scaled to |v| = 1 (a RangeError for the zero vector). */
export function cellNormalise<T>(F: RealField<T>, L: CellLayout<T>, v: readonly T[]): T[] {
  const n2 = cellNorm2(F, L, { values: v });
  if (!F.lt(F.zero(), n2)) throw new RangeError("cellNormalise: the vector has no positive length");
  const n = F.sqrt(n2);
  return v.map((x) => F.div(x, n));
}
