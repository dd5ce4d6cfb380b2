import Fraction from "fraction.js";
import { familyPattern } from "../families/critical.js";
import type { FamilyDefinition } from "../families/definition.js";
import { familySeriesTo, hasNumericSeries, type EigenvalueSeries } from "../eigenseries/eigenSeries.js";
import { pencilPolynomial } from "../eigenseries/pencil.js";
import { blockPencil, embedIsotropyPoint } from "../hessian/blocks.js";
import { solveMatrix } from "../linalg/solve.js";
import type { Field } from "../numbers/field.js";
import type { Pattern } from "../patterns/pattern.js";
import { smallClass, splitPattern } from "../representations/splitPatterns.js";
import { RootResolutionError, rootValuations, seriesPolynomialRoots } from "../series/puiseuxRoots.js";
import { Series } from "../series/series.js";
import { seriesField } from "../series/seriesField.js";
import { seriesScalar } from "../series/seriesScalar.js";
import type { NeuronClass } from "./splitTest.js";

/**
 * The split test's eigenvalues as series in eps = d^(-1/2) (docs/annihilation.md §4, "as series"). The
 * w_i-w_i block of the loss Hessian is a_i^2 I/2 + a_i G_i, so a_i G_i = d^2L/dw_i^2 - I/2 in the gauge
 * |a_i| = 1. Along a cell-constant direction u of row i, L restricted to the finer pattern Q_k (neuron i
 * a singleton) is L itself, so u^T (a_i G_i) u' comes from the Hessian of t -> L_Q(x + C t) with the
 * family series x (the same pencil construction as the eigenvalue series, docs/hessian.md), minus half the
 * count-weighted Gram matrix. Its eigenvalues per component are the roots of det(lambda Gram - H'),
 * the exact zero along w_i (trivial component) divided out like a gauge zero.
 */

export interface SplitComponentSeries {
  readonly name: string;
  readonly dimensionFormula: string;
  /** The eigenvalues of a_i G_i, the zero along w_i left out. */
  readonly eigenvalues: EigenvalueSeries[];
  readonly unresolved?: string;
}

export interface SplitSeries {
  readonly class: NeuronClass;
  readonly order: number;
  readonly familyOrder: number;
  readonly components: SplitComponentSeries[];
}

/** How much higher than `order` the family series is derived (the blocks lose orders to cancellations). */
const EXTRA_ORDER = 6;

/** One direction of row R: coefficient `c` on each listed parameter (diag or off of row R). */
function rowDirection(Q: Pattern, R: number, entries: readonly { col: number; c: number }[]): Fraction[] {
  const v = Q.params.map(() => new Fraction(0));
  for (const { col, c } of entries) {
    const k = Q.paramIndex(col === R ? "diag" : "off", R, col);
    if (k === undefined) throw new Error(`pattern ${Q.toString()} has no parameter for row ${R}, column ${col}`);
    v[k] = new Fraction(c);
  }
  return v;
}

/**
 * The components of R^d under the neuron's stabiliser as directions of its row in Q_k (docs/annihilation.md
 * §4): the trivial component (3 generators, 2 for p = 0), the standard representation of the rest of the
 * bulk (the vector e_j minus its mean over the rest, by the orthogonalisation against the rest's sum) and
 * that of the other special indices.
 */
function components(iso: Pattern, cls: NeuronClass): { k: number; list: { name: string; formula: string; C0: Fraction[][]; subtracted: Fraction[][] }[] } {
  const p = iso.smallTotal;
  const k = cls === "bulk" ? 2 : 1;
  const Q = splitPattern(iso, k);
  const specials = Array.from({ length: p }, (_, j) => smallClass(k, j));
  const R = cls === "bulk" ? 1 : specials[0]!;
  const bulkOthers = cls === "bulk" ? [0, 2] : [0, 1];
  const otherSpecials = cls === "bulk" ? specials : specials.slice(1);
  const trivial = [rowDirection(Q, R, [{ col: R, c: 1 }]), rowDirection(Q, R, bulkOthers.map((col) => ({ col, c: 1 })))];
  if (otherSpecials.length > 0) trivial.push(rowDirection(Q, R, otherSpecials.map((col) => ({ col, c: 1 }))));
  const j = bulkOthers[1]!;
  const list = [
    { name: "trivial", formula: "1", C0: trivial, subtracted: [] as Fraction[][] },
    { name: "standard of the bulk", formula: cls === "bulk" ? (p === 0 ? "d-2" : `d-${p + 2}`) : `d-${p + 1}`, C0: [rowDirection(Q, R, [{ col: j, c: 1 }])], subtracted: [rowDirection(Q, R, bulkOthers.map((col) => ({ col, c: 1 })))] },
  ];
  if (otherSpecials.length >= 2) {
    list.push({ name: "standard of the special indices", formula: `${otherSpecials.length - 1}`, C0: [rowDirection(Q, R, [{ col: otherSpecials[0]!, c: 1 }, { col: otherSpecials[1]!, c: -1 }])], subtracted: [] });
  }
  return { k, list };
}

/** The eigenvalues of a_i G_i of class `cls` as series to O(eps^(order+1)), by component. */
export function splitSeries(f: FamilyDefinition, cls: NeuronClass, order: number): SplitSeries {
  if (hasNumericSeries(f)) throw new RangeError(`family ${f.name} has numeric series coefficients: the split test's eigenvalue series are not derived (docs/annihilation.md §4)`);
  if (cls === "special" && f.p === 0) throw new RangeError("a family with p = 0 has no special neurons");
  const familyOrder = Math.max(order + EXTRA_ORDER, 10);
  const fs = familySeriesTo(f, familyOrder);
  return splitSeriesIn(fs.field as Field<unknown>, f, cls, order, familyOrder, fs.params.map((q) => q.series));
}

function splitSeriesIn<T>(F: Field<T>, f: FamilyDefinition, cls: NeuronClass, order: number, familyOrder: number, x: readonly Series<T>[]): SplitSeries {
  const iso = familyPattern(f);
  const { k, list } = components(iso, cls);
  const prec = familyOrder + 12;
  const target = order + 1;
  const S = seriesScalar(F, prec);
  const series = seriesField(F, prec);
  const d = Series.monomial(F, F.one(), -2);
  const half = Series.constant(F, F.fromRational(1, 2));
  const xQ = embedIsotropyPoint(iso, k, x);
  const Q = splitPattern(iso, k);
  const toSeries = (q: Fraction): Series<T> => Series.constant(F, F.fromRational(q.s * q.n, q.d));
  return {
    class: cls,
    order,
    familyOrder,
    components: list.map(({ name, formula, C0, subtracted }) => {
      const { gram, hessian } = blockPencil(S, Series.zero(F), Q, xQ, d, C0.map((v) => v.map(toSeries)), subtracted.map((v) => v.map(toSeries)), (A, B) => solveMatrix(series, A, B));
      // a_i G_i = H - Gram/2 on these directions (a_i^2 = 1).
      const shifted = hessian.map((row, r) => row.map((h, c) => h.sub(half.mul(gram[r]![c]!))));
      const zeros = name === "trivial" ? 1 : 0;
      try {
        const polynomial = (s: number): Series<T>[] => {
          const c = pencilPolynomial(F, gram, shifted, s, prec);
          for (let j = 0; j < zeros; j++) if (!c[j]!.isZero()) throw new RootResolutionError(`the zero along w_i does not divide the characteristic polynomial: coefficient ${j} is ${c[j]!.toString()}`);
          return c.slice(zeros);
        };
        const c0 = polynomial(0);
        const roots = rootValuations(c0).flatMap((s) => seriesPolynomialRoots(F, s === 0 ? c0 : polynomial(s), target, { only: s }));
        if (roots.length !== gram.length - zeros) throw new RootResolutionError(`found ${roots.length} of ${gram.length - zeros} eigenvalues (order too low)`);
        const eigenvalues = roots.map((r) => ({ series: r.series.truncate(target), field: r.field, exact: r.exact && F.exact, gauge: false }));
        return { name, dimensionFormula: formula, eigenvalues };
      } catch (e) {
        if (e instanceof RootResolutionError || e instanceof RangeError) return { name, dimensionFormula: formula, eigenvalues: [], unresolved: e.message };
        throw e;
      }
    }),
  };
}
