import type { FamilyDefinition } from "../families/definition.js";
import { deriveFamilySeries } from "../ift/familySeries.js";
import type { Field } from "../numbers/field.js";
import { Series } from "../series/series.js";
import type { IsotypicComponent } from "./decomposition.js";
import { dimensionFormula } from "./dimension.js";
import { seriesBlocks, solveSeriesMatrix, type SeriesBlock } from "./eigenSeriesBlocks.js";
import { RootResolutionError, seriesPolynomialRoots } from "./eigenSeriesRoots.js";

/**
 * The eigenvalues of every Hessian block as series in eps = d^(-1/2) (docs/hessian.md, "eigenvalue
 * series"). For each block, the pencil (H, G) of series matrices (x = the family series, d = eps^-2),
 * T = G^{-1} H, its characteristic polynomial by Faddeev–LeVerrier over series, the gauge factor
 * lambda^g divided out (its coefficients must vanish to their precision), and the remaining roots by
 * Newton polygon + Newton lifting (eigenSeriesRoots.ts). The family series is derived to a higher order
 * than asked (the blocks lose orders to the O(d^2) cancellations) and raised until every eigenvalue is
 * known to O(eps^(order+1)).
 */

/** One eigenvalue of a block. */
export interface EigenvalueSeries {
  /** The eigenvalue, known to O(eps^(order+1)) (exactly zero for a gauge direction). */
  readonly series: Series<unknown>;
  /** The field of `series`: the family's field, or Decimal(60) when `exact` is false. */
  readonly field: Field<unknown>;
  /** True when every coefficient is exact in the family's field. */
  readonly exact: boolean;
  /** True for the exact zero of a gauge direction. */
  readonly gauge: boolean;
}

/** The eigenvalues of one component's block; each has multiplicity the irreducible's dimension. */
export interface ComponentEigenSeries {
  readonly component: IsotypicComponent;
  readonly dimensionFormula: string;
  /** Gauge zeros first, then by valuation and leading coefficient. */
  readonly eigenvalues: EigenvalueSeries[];
  /** Why the eigenvalues (or some of them) could not be resolved; they are then missing. */
  readonly unresolved?: string;
}

export interface FamilyEigenSeries {
  readonly family: string;
  readonly field: Field<unknown>;
  readonly order: number;
  /** The order to which the family series was derived to reach `order` in the eigenvalues. */
  readonly familyOrder: number;
  readonly components: ComponentEigenSeries[];
}

/** The characteristic polynomial det(lambda - T) = sum c_j lambda^j (c_m = 1), by Faddeev–LeVerrier. */
export function characteristicPolynomial<T>(F: Field<T>, A: readonly (readonly Series<T>[])[]): Series<T>[] {
  const m = A.length;
  const one = Series.constant(F, F.one());
  const zero = Series.zero(F);
  const identity = (s: Series<T>): Series<T>[][] => A.map((_, i) => A.map((__, j) => (i === j ? s : zero)));
  const product = (X: readonly (readonly Series<T>[])[], Y: readonly (readonly Series<T>[])[]): Series<T>[][] =>
    X.map((row) => Y[0]!.map((_, j) => row.reduce((acc, x, k) => (x.isZero() && x.isExact() ? acc : acc.add(x.mul(Y[k]![j]!))), zero)));
  const trace = (X: readonly (readonly Series<T>[])[]): Series<T> => X.reduce((acc, row, i) => acc.add(row[i]!), zero);
  const c: Series<T>[] = new Array<Series<T>>(m + 1);
  c[m] = one;
  let M = identity(one);
  for (let k = 1; k <= m; k++) {
    const AM = product(A, M);
    c[m - k] = trace(AM).scale(F.fromRational(-1, k));
    M = AM.map((row, i) => row.map((x, j) => (i === j ? x.add(c[m - k]!) : x)));
  }
  return c;
}

/** The leading decimal of a series, for ordering. */
function sortKey(e: EigenvalueSeries): [number, number] {
  if (e.gauge || e.series.isZero()) return [-Infinity, 0];
  return [e.series.val, e.field.toDecimal(e.series.lead(), 20).toNumber()];
}

/** The eigenvalues of one block to absolute precision `target` (they may come out less precise). */
function blockEigenSeries<T>(F: Field<T>, block: SeriesBlock<T>, target: number, prec: number): { eigenvalues: EigenvalueSeries[]; unresolved?: string } {
  const g = block.component.gaugeCount;
  const m = block.gram.length;
  const gauge: EigenvalueSeries[] = Array.from({ length: g }, () => ({ series: Series.zero(F) as Series<unknown>, field: F as Field<unknown>, exact: true, gauge: true }));
  try {
    const T = solveSeriesMatrix(block.gram, block.hessian, prec);
    const c = characteristicPolynomial(F, T);
    for (let j = 0; j < g; j++) {
      if (!c[j]!.isZero()) {
        throw new RootResolutionError(`the gauge factor lambda^${g} does not divide the characteristic polynomial: coefficient ${j} is ${c[j]!.toString()}`);
      }
    }
    const roots = seriesPolynomialRoots(F, c.slice(g), target);
    if (roots.length !== m - g) throw new RootResolutionError(`found ${roots.length} of ${m - g} eigenvalues`);
    const values = roots.map((r) => ({ series: r.series.truncate(target), field: r.field, exact: r.exact, gauge: false }));
    values.sort((a, b) => {
      const [va, la] = sortKey(a);
      const [vb, lb] = sortKey(b);
      return va !== vb ? va - vb : la - lb;
    });
    return { eigenvalues: [...gauge, ...values] };
  } catch (e) {
    if (e instanceof RootResolutionError || e instanceof RangeError) return { eigenvalues: gauge, unresolved: e.message };
    throw e;
  }
}

/** How much the family order may exceed the eigenvalue order before giving up. */
const MAX_EXTRA_ORDER = 40;

/**
 * The eigenvalue series of every block of family f, each known to O(eps^(order+1)), or the component
 * marked unresolved with the reason (coinciding leading terms that do not separate, ramified roots,
 * precision exhausted).
 */
export function familyEigenSeries(f: FamilyDefinition, order: number, onProgress?: (what: string) => void): FamilyEigenSeries {
  if (!Number.isInteger(order) || order < 0) throw new RangeError(`order must be a non-negative integer, got ${order}`);
  const target = order + 1;
  let extra = 10;
  for (;;) {
    const familyOrder = order + extra;
    onProgress?.(`family series to order ${familyOrder}`);
    const fs = deriveFamilySeries(f, familyOrder);
    const F = fs.field;
    const prec = familyOrder + 12;
    onProgress?.("blocks");
    const blocks = seriesBlocks(F, f.p, fs.params.map((p) => p.series), prec);
    const components: ComponentEigenSeries[] = blocks.map((block) => {
      onProgress?.(`eigenvalues of ${block.component.name}`);
      return { component: block.component, dimensionFormula: dimensionFormula(block.component.dimension), ...blockEigenSeries(F, block, target, prec) };
    });
    const short = components.some((c) => (c.unresolved !== undefined && /precision|order too low/.test(c.unresolved)) || c.eigenvalues.some((e) => !e.gauge && e.series.prec < target));
    if (!short || extra >= MAX_EXTRA_ORDER) return { family: f.name, field: F, order, familyOrder, components };
    extra += 10;
  }
}
