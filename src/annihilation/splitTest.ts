import type { Decimal } from "decimal.js";
import { symmetricEigenvalues } from "../linalg/symmetricEigen.js";
import type { DecimalField } from "../numbers/decimalField.js";
import type { SecondLayer } from "../model/studentModel.js";
import { cellLayout, type CellLayout } from "./cells.js";
import { cellHessG, residualTypes, type FamilyParams } from "./residual.js";

/**
 * The split test of a neuron class (docs/annihilation.md §4): the eigenvalues of a_i G_i, G_i the Hessian
 * of g at w_i, on the complement of w_i, by isotypic component of the neuron's stabiliser in the isotropy,
 * at real d; the range of the split parameter t where the split point (w_i, t a_i), (w_i, (1 - t) a_i)
 * adds no negative direction; the verdict.
 */

export type NeuronClass = "bulk" | "special";

/** One isotypic component of the stabiliser on R^d and the eigenvalues of a_i G_i there. */
export interface SplitComponent {
  /** "trivial", "standard of the bulk" or "standard of the special indices". */
  readonly name: string;
  /** The dimension of the irreducible (its multiplicity in R^d), a polynomial in d evaluated at d. */
  readonly dimension: Decimal;
  readonly dimensionFormula: string;
  /** The eigenvalues of a_i G_i on the component, with the direction of w_i (a zero, g being homogeneous) left out. */
  readonly eigenvalues: Decimal[];
}

export interface SplitTest {
  readonly class: NeuronClass;
  /** The output weight a_i of the class (gauge |a| = 1). */
  readonly weight: Decimal;
  readonly components: SplitComponent[];
  /** |G_i w_i| / |w_i| computed on the cells: 0 up to rounding (g is positively homogeneous of degree 1). */
  readonly homogeneityResidual: Decimal;
  /** The smallest and the largest eigenvalue over the components of positive dimension. */
  readonly least: Decimal;
  readonly greatest: Decimal;
  /** Where t(1 - t) a_i G_i is positive semidefinite on the complement of w_i, as text ("0 < t < 1", "t < 0 or t > 1", "none"). */
  readonly tRange: string;
  /** "minimum" when some t gives no negative direction beyond the family's own, else "saddle". */
  readonly verdict: "minimum" | "saddle";
}

/** The layout of a class's neuron: the neuron i, two more indices of each class for the standard components. */
function neuronLayout(F: DecimalField, d: Decimal, p: number, cls: NeuronClass): CellLayout<Decimal> {
  return cls === "bulk" ? cellLayout(F, d, p, 3, Math.min(p, 2)) : cellLayout(F, d, p, 2, Math.min(p, 3));
}

/** A cell-constant vector: the given cell values, 0 elsewhere. */
function vectorOn(F: DecimalField, L: CellLayout<Decimal>, values: Readonly<Record<string, Decimal>>): Decimal[] {
  return L.cells.map((c) => values[c.name] ?? F.zero());
}

/** The test of one class at real d (p = 0 has only the bulk class). */
export function splitTest(F: DecimalField, params: FamilyParams<Decimal>, d: Decimal, cls: NeuronClass, secondLayer: SecondLayer): SplitTest {
  const p = params.p;
  if (cls === "special" && p === 0) throw new RangeError("a family with p = 0 has no special neurons");
  const L = neuronLayout(F, d, p, cls);
  const types = residualTypes(F, L, params);
  const own = cls === "bulk" ? "A1" : "B1";
  const neuron = types.find((t) => t.name === `neuron ${own}`)!;
  const weight = neuron.weight;
  const w = [...neuron.vector.values];
  const skip = (t: { name: string }): boolean => t.name === `neuron ${own}`;
  const G = (u: readonly Decimal[], v: readonly Decimal[]): Decimal => F.mul(weight, cellHessG(F, L, types, w, u, v, skip));
  const inv = (x: Decimal): Decimal => F.div(F.one(), F.sqrt(x));
  // Orthonormal bases of the trivial component (the fixed vectors of the stabiliser).
  const bulkCells = L.cells.filter((c) => c.group === "A").map((c) => c.name);
  const specialCells = L.cells.filter((c) => c.group === "B").map((c) => c.name);
  const uniform = (names: readonly string[], total: Decimal): Decimal[] => vectorOn(F, L, Object.fromEntries(names.map((n) => [n, inv(total)])));
  const trivial: Decimal[][] = [vectorOn(F, L, { [own]: F.one() })];
  const bulkSize = F.sub(d, F.fromInt(p));
  const specialSize = F.fromInt(p);
  if (cls === "bulk") {
    trivial.push(uniform(bulkCells.filter((n) => n !== own), F.sub(bulkSize, F.one())));
    if (p > 0) trivial.push(uniform(specialCells, specialSize));
  } else {
    trivial.push(uniform(bulkCells, bulkSize));
    if (p > 1) trivial.push(uniform(specialCells.filter((n) => n !== own), F.sub(specialSize, F.one())));
  }
  // The trivial block on the complement of w_i inside the trivial component (w_i lies in it).
  const coordinates = (v: readonly Decimal[]): Decimal[] => trivial.map((b) => dotCells(F, L, b, v));
  const wCoordinates = coordinates(w);
  const complement = orthonormalComplement(F, wCoordinates);
  const combine = (c: readonly Decimal[]): Decimal[] => L.cells.map((_, k) => c.reduce((s, x, j) => F.add(s, F.mul(x, trivial[j]![k]!)), F.zero()));
  const complementVectors = complement.map(combine);
  const block = complementVectors.map((u) => complementVectors.map((v) => G(u, v)));
  const components: SplitComponent[] = [];
  components.push({ name: "trivial", dimension: F.one(), dimensionFormula: "1", eigenvalues: block.length === 0 ? [] : symmetricEigenvalues(F, block) });
  const standard = (name: string, first: string, second: string, dimension: Decimal, formula: string): void => {
    if (!F.lt(F.zero(), dimension)) return;
    const s = inv(F.fromInt(2));
    const u = vectorOn(F, L, { [first]: s, [second]: F.neg(s) });
    components.push({ name, dimension, dimensionFormula: formula, eigenvalues: [G(u, u)] });
  };
  if (cls === "bulk") {
    standard("standard of the bulk", "A2", "A3", F.sub(d, F.fromInt(p + 2)), p === 0 ? "d-2" : `d-${p + 2}`);
    if (p >= 2) standard("standard of the special indices", "B1", "B2", F.fromInt(p - 1), `${p - 1}`);
  } else {
    standard("standard of the bulk", "A1", "A2", F.sub(d, F.fromInt(p + 1)), `d-${p + 1}`);
    if (p >= 3) standard("standard of the special indices", "B2", "B3", F.fromInt(p - 2), `${p - 2}`);
  }
  const all = components.flatMap((c) => c.eigenvalues);
  const least = all.reduce((m, x) => (x.lt(m) ? x : m));
  const greatest = all.reduce((m, x) => (x.gt(m) ? x : m));
  const wNorm = F.sqrt(dotCells(F, L, w, w));
  const Gw = trivial.map((b) => G(b, w));
  const homogeneityResidual = F.div(F.sqrt(Gw.reduce((s, x) => F.add(s, F.mul(x, x)), F.zero())), wNorm);
  const { tRange, verdict } = splitRange(F, least, greatest, secondLayer);
  return { class: cls, weight, components, homogeneityResidual, least, greatest, tRange, verdict };
}

/**
 * Where t(1 - t) a_i G_i is positive semidefinite on the complement of w_i: a_i G_i positive definite
 * there: 0 < t < 1; negative definite: t < 0 or t > 1 (trained second layer only: with a fixed second layer
 * the two copies are (t w_i, 1), ((1 - t) w_i, 1), so 0 < t < 1); indefinite or singular: none.
 */
export function splitRange(F: DecimalField, least: Decimal, greatest: Decimal, secondLayer: SecondLayer): { tRange: string; verdict: "minimum" | "saddle" } {
  const zero = (x: Decimal): boolean => x.abs().lt(F.fromDecimalString(`1e-${Math.max(10, F.digits - 12)}`));
  if (!zero(least) && least.gt(0)) return { tRange: "0 < t < 1", verdict: "minimum" };
  if (!zero(greatest) && greatest.lt(0)) return secondLayer === "trained" ? { tRange: "t < 0 or t > 1", verdict: "minimum" } : { tRange: "none", verdict: "saddle" };
  return { tRange: "none", verdict: "saddle" };
}

function dotCells(F: DecimalField, L: CellLayout<Decimal>, u: readonly Decimal[], v: readonly Decimal[]): Decimal {
  return L.cells.reduce((s, c, k) => F.add(s, F.mul(c.size, F.mul(u[k]!, v[k]!))), F.zero());
}

/** An orthonormal basis (Euclidean, in the coordinates of an orthonormal basis) of the complement of the nonzero vector w. */
function orthonormalComplement(F: DecimalField, w: readonly Decimal[]): Decimal[][] {
  const n = w.length;
  const basis: Decimal[][] = [w.map((x) => x)];
  const norm = (v: readonly Decimal[]): Decimal => F.sqrt(v.reduce((s, x) => F.add(s, F.mul(x, x)), F.zero()));
  basis[0] = basis[0]!.map((x) => F.div(x, norm(w)));
  for (let k = 0; k < n && basis.length < n; k++) {
    let v = Array.from({ length: n }, (_, j) => (j === k ? F.one() : F.zero()));
    for (const b of basis) {
      const c = v.reduce((s, x, j) => F.add(s, F.mul(x, b[j]!)), F.zero());
      v = v.map((x, j) => F.sub(x, F.mul(c, b[j]!)));
    }
    const m = norm(v);
    if (m.gt(F.fromDecimalString("1e-3"))) basis.push(v.map((x) => F.div(x, m)));
  }
  return basis.slice(1);
}
