import type { RealField } from "../numbers/field.js";
import { cellDot, cellNorm2, typeSum, type CellLayout, type CellType, type CellVector } from "./cells.js";

/**
 * The correlation of a neuron with the residual, g(w) = E[relu(w.x) r(x)], r = student - teacher, on
 * cell-constant w at real d (docs/annihilation.md §1-§3):
 *
 *   g(w) = sum_j a_j K(w, w_j) - sum_m K(w, e_m),
 *
 * with every neuron w_j and teacher row e_m given as a CellType (classes of equal geometry against w).
 */

/** The family parameters by alias (x1..x6, y1, y2; p = 0 has x1, x2, y1). */
export interface FamilyParams<T> {
  readonly p: number;
  readonly x: Readonly<Record<string, T>>;
}

/**
 * The neurons and the teacher rows of a family point as cell types of layout L: a neuron or teacher row
 * whose own index is a singleton cell is its own type (count 1); those of a rest cell are one type each
 * (count = the cell's size), with the diagonal entry as the spike.
 */
export function residualTypes<T>(F: RealField<T>, L: CellLayout<T>, P: FamilyParams<T>): CellType<T>[] {
  // x6 = off(B,B) exists only for p >= 2; a rest cell of B then has one index and its value is never read alone.
  const x = (name: string): T => {
    const v = P.x[name];
    if (v === undefined && name === "x6" && P.p < 2) return F.zero();
    if (v === undefined) throw new RangeError(`family parameters: no ${name}`);
    return v;
  };
  const types: CellType<T>[] = [];
  L.cells.forEach((own, k) => {
    const fromA = own.group === "A";
    // Row of class A: x1 on its diagonal, x2 on the rest of A, x3 on B. Row of class B: x4 on A, x5 diagonal, x6 on the rest of B.
    const diag = fromA ? x("x1") : x("x5");
    const offOwn = fromA ? x("x2") : x("x6");
    const offOther = fromA ? (P.p > 0 ? x("x3") : F.zero()) : x("x4");
    const a = fromA ? x("y1") : x("y2");
    const values = L.cells.map((c, j) => (j === k && own.singleton ? diag : c.group === own.group ? offOwn : offOther));
    const neuron: CellVector<T> = own.singleton ? { values } : { values, spike: { cell: k, value: F.sub(diag, offOwn) } };
    types.push({ name: `neuron ${own.name}`, count: own.size, weight: a, vector: neuron });
    const teacherValues = L.cells.map((_, j) => (j === k && own.singleton ? F.one() : F.zero()));
    const teacher: CellVector<T> = own.singleton ? { values: teacherValues } : { values: teacherValues, spike: { cell: k, value: F.one() } };
    types.push({ name: `teacher ${own.name}`, count: own.size, weight: F.fromInt(-1), vector: teacher });
  });
  return types;
}

/** The geometry of the pair (w, v): |w|^2, |v|^2, w.v, r = |w||v| sin t, pi - t. */
interface Geometry<T> {
  readonly n2: T;
  readonly m2: T;
  readonly c: T;
  readonly r: T;
  readonly s: T;
}

function geometry<T>(F: RealField<T>, L: CellLayout<T>, w: CellVector<T>, v: CellVector<T>): Geometry<T> {
  const n2 = cellNorm2(F, L, w);
  const m2 = cellNorm2(F, L, v);
  const c = cellDot(F, L, w, v);
  // r^2 = |w|^2 |v|^2 - (w.v)^2 cancels for parallel pairs (a neuron of 1a and its teacher row): below a
  // relative 1e-30 (1e-14 in float64) the pair is taken as parallel, r = 0, where K is C^2 with the limits of
  // docs/evaluator.md §4.
  const r2 = F.sub(F.mul(n2, m2), F.mul(c, c));
  const floor = F.mul(F.mul(n2, m2), F.fromDecimalString(F.float64 ? "1e-14" : "1e-30"));
  const r = F.lt(floor, r2) ? F.sqrt(r2) : F.zero();
  return { n2, m2, c, r, s: F.atan2(r, F.neg(c)) };
}

function twoPi<T>(F: RealField<T>): T {
  return F.mul(F.fromInt(2), F.pi());
}

/** g(w) for cell-constant w: sum over types of count * weight * K(w, v). */
export function cellG<T>(F: RealField<T>, L: CellLayout<T>, types: readonly CellType<T>[], w: readonly T[]): T {
  const wv: CellVector<T> = { values: w };
  let s = F.zero();
  for (const t of types) {
    if (F.isZero(t.count)) continue;
    const g = geometry(F, L, wv, t.vector);
    const K = F.div(F.add(g.r, F.mul(g.s, g.c)), twoPi(F));
    s = F.add(s, F.mul(F.mul(t.count, t.weight), K));
  }
  return s;
}

/**
 * The gradient of g at cell-constant w, a cell-constant vector of R^d (by equivariance), as its cell
 * values: sum over types of weight * ((r/|w|^2) count w + (pi - t) typeSum) / (2 pi) (docs/evaluator.md §3).
 */
export function cellGradG<T>(F: RealField<T>, L: CellLayout<T>, types: readonly CellType<T>[], w: readonly T[]): T[] {
  const wv: CellVector<T> = { values: w };
  const out = w.map(() => F.zero());
  for (const t of types) {
    if (F.isZero(t.count)) continue;
    const g = geometry(F, L, wv, t.vector);
    const sum = typeSum(F, L, t);
    const wScale = F.div(F.mul(t.count, g.r), g.n2);
    out.forEach((o, k) => (out[k] = F.add(o, F.div(F.mul(t.weight, F.add(F.mul(wScale, w[k]!), F.mul(g.s, sum[k]!))), twoPi(F)))));
  }
  return out;
}

/**
 * u^T (d^2 g / dw dw at w) u' for cell-constant w, u, u', leaving out the types in `skip` (the neuron at w
 * itself, whose Hessian in its first argument vanishes at the parallel pair, docs/evaluator.md §4):
 * sum over types of count * weight * [(r/|w|^2)(u.u' - (u.w)(u'.w)/|w|^2) + (u.P)(u'.P)/r] / (2 pi),
 * P = v - (w.v/|w|^2) w, the same for every member of a type since u, u', w are constant on its spike's cell.
 */
export function cellHessG<T>(
  F: RealField<T>,
  L: CellLayout<T>,
  types: readonly CellType<T>[],
  w: readonly T[],
  u: readonly T[],
  u2: readonly T[],
  skip: (t: CellType<T>) => boolean,
): T {
  const wv: CellVector<T> = { values: w };
  const uv: CellVector<T> = { values: u };
  const u2v: CellVector<T> = { values: u2 };
  const uw = cellDot(F, L, uv, wv);
  const u2w = cellDot(F, L, u2v, wv);
  const uu2 = cellDot(F, L, uv, u2v);
  let s = F.zero();
  for (const t of types) {
    if (skip(t) || F.isZero(t.count)) continue;
    const g = geometry(F, L, wv, t.vector);
    if (F.isZero(g.r)) {
      // Parallel: d^2K/dw dw = 0 (docs/evaluator.md §4). Anti-parallel likewise.
      continue;
    }
    const ratio = F.div(g.c, g.n2);
    const uP = F.sub(cellDot(F, L, uv, t.vector), F.mul(ratio, uw));
    const u2P = F.sub(cellDot(F, L, u2v, t.vector), F.mul(ratio, u2w));
    const projection = F.mul(F.div(g.r, g.n2), F.sub(uu2, F.div(F.mul(uw, u2w), g.n2)));
    const term = F.add(projection, F.div(F.mul(uP, u2P), g.r));
    s = F.add(s, F.div(F.mul(F.mul(t.count, t.weight), term), twoPi(F)));
  }
  return s;
}
