import type { FamilyDefinition } from "../families/definition.js";
import type { StudentModel } from "../model/studentModel.js";
import { checkFamilyModel, defaultModel } from "../families/models.js";
import { familyPattern } from "../families/critical.js";
import { deriveFamilySeries, type FamilySeries } from "../ift/familySeries.js";
import type { Field } from "../numbers/field.js";
import { Series } from "../series/series.js";
import { dimensionFormula } from "../representations/dimension.js";
import { seriesBlocks, type SeriesBlock } from "./seriesBlocks.js";
import { componentBases } from "../hessian/blocks.js";
import { fittedEigenSeries } from "./fittedEigenSeries.js";
import { pencilPolynomial } from "./pencil.js";
import { type Candidate, RootResolutionError, rootValuations, seriesPolynomialRoots, type SeriesRoot } from "../series/puiseuxRoots.js";

/**
 * The eigenvalues of every Hessian block as series in eps = d^(-1/2) (docs/hessian.md, "eigenvalue
 * series"). For each block, the pencil (H, G) of series matrices (x = the family series, d = eps^-2),
 * its characteristic polynomial det(lambda G - H) once per root valuation (pencil.ts), the
 * gauge factor lambda^g divided out (its coefficients must vanish to their precision), and the remaining
 * roots by Newton polygon + Newton lifting (src/series/puiseuxRoots.ts). The family series is derived to a
 * higher order than asked (the blocks lose orders to the O(d^2) cancellations), raised by the shortfall
 * until every eigenvalue is known to O(eps^(order+1)).
 */

import type { ComponentEigenSeries, EigenvalueSeries, FamilyEigenSeries } from "./eigenSeriesTypes.js";

export type { ComponentEigenSeries, EigenvalueSeries, FamilyEigenSeries };

/** The leading decimal of a series, for ordering. */
function sortKey(e: EigenvalueSeries): [number, number] {
  if (e.gauge || e.series.isZero()) return [-Infinity, 0];
  return [e.series.val, e.field.toDecimal(e.series.lead(), 20).toNumber()];
}

/** The eigenvalues of one block to absolute precision `target` (they may come out less precise). */
function blockEigenSeries<T>(F: Field<T>, candidate: Candidate<T> | undefined, block: SeriesBlock<T>, target: number, prec: number): { eigenvalues: EigenvalueSeries[]; unresolved?: string } {
  const g = block.component.gaugeCount;
  const m = block.gram.length;
  const gauge: EigenvalueSeries[] = Array.from({ length: g }, () => ({ series: Series.zero(F) as Series<unknown>, field: F as Field<unknown>, exact: true, gauge: true }));
  try {
    const polynomial = (s: number): Series<T>[] => {
      const c = pencilPolynomial(F, block.gram, block.hessian, s, prec);
      for (let j = 0; j < g; j++) {
        if (!c[j]!.isZero()) {
          throw new RootResolutionError(`the gauge factor lambda^${g} does not divide the characteristic polynomial: coefficient ${j} is ${c[j]!.toString()}`);
        }
      }
      return c.slice(g);
    };
    const c0 = polynomial(0);
    const roots: SeriesRoot[] = rootValuations(c0).flatMap((s) => seriesPolynomialRoots(F, s === 0 ? c0 : polynomial(s), target, { only: s, candidate }));
    if (roots.length !== m - g) throw new RootResolutionError(`found ${roots.length} of ${m - g} eigenvalues: the Newton polygon of lambda^0 missed a valuation (order too low)`);
    // Exact only over an exact field: a numeric family's coefficients are numeric however they were found.
    const values = roots.map((r) => ({ series: r.series.truncate(target), field: r.field, exact: r.exact && F.exact, gauge: false }));
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

/** How much the family order exceeds the eigenvalue order at first: the loss measured in docs/hessian.md. */
const INITIAL_EXTRA_ORDER = 6;
/** The least family order tried: below it the constant coefficient of some p = 2 blocks is still unknown. */
const MIN_FAMILY_ORDER = 10;
/** How much the family order may exceed the eigenvalue order before giving up. */
const MAX_EXTRA_ORDER = 30;

/**
 * The highest-order series derived so far per family definition (the object, not its name, so a changed
 * definition is derived afresh; entries go with their definitions); lower orders are its truncations.
 */
const derived = new WeakMap<FamilyDefinition, FamilySeries<unknown>>();

/** The family series to `order`, derived once per process (lower orders are truncations of the highest derived). */
export function familySeriesTo(f: FamilyDefinition, order: number): FamilySeries<unknown> {
  const known = derived.get(f);
  if (known !== undefined && known.order >= order) {
    return { ...known, order, params: known.params.map((p) => ({ alias: p.alias, series: p.series.truncate(order + 1) })), loss: known.loss.truncate(order + 1) };
  }
  const fs = deriveFamilySeries(f, order);
  derived.set(f, fs);
  return fs;
}

/** Whether the family's series are numeric (declared over Decimal): eigenvalue series need an exact field. */
export function hasNumericSeries(f: FamilyDefinition): boolean {
  return f.series?.field.kind === "Decimal";
}

/**
 * The eigenvalue series of every block of family f (for the model's second layer), each known to O(eps^(order+1)), or the component
 * marked unresolved with the reason (coinciding leading terms that do not separate, ramified roots,
 * precision exhausted). The family series starts INITIAL_EXTRA_ORDER orders above `order` (at least at
 * MIN_FAMILY_ORDER) and is raised by
 * the shortfall of the least precise eigenvalue (2 when a precision failure leaves no eigenvalue to measure).
 */
export function familyEigenSeries(f: FamilyDefinition, order: number, onProgress?: (what: string) => void, model: StudentModel = defaultModel(f)): FamilyEigenSeries {
  const { secondLayer } = checkFamilyModel(f, model);
  if (!Number.isInteger(order) || order < 0) throw new RangeError(`order must be a non-negative integer, got ${order}`);
  // Numeric coefficients: the characteristic polynomial would cancel more digits than they carry (docs/hessian.md).
  if (hasNumericSeries(f)) return fittedEigenSeries(f, order, model, onProgress);
  const target = order + 1;
  let extra = Math.max(INITIAL_EXTRA_ORDER, MIN_FAMILY_ORDER - order);
  // Components already resolved exactly to the target at a lower family order: their truncations are the
  // same exact series at any higher order, so a raised order recomputes only the others.
  const done = new Map<string, ComponentEigenSeries>();
  for (;;) {
    const familyOrder = order + extra;
    onProgress?.(`family series to order ${familyOrder}`);
    const fs = familySeriesTo(f, familyOrder);
    const F = fs.field;
    const prec = familyOrder + 12;
    onProgress?.("blocks");
    const blocks = seriesBlocks(F, familyPattern(f), fs.params.map((p) => p.series), prec, secondLayer, (c) => !done.has(c.name));
    const fresh = new Map(blocks.map((block): [string, ComponentEigenSeries] => {
      onProgress?.(`eigenvalues of ${block.component.name}`);
      return [block.component.name, { component: block.component, dimensionFormula: dimensionFormula(block.component.dimension), ...blockEigenSeries(F, fs.candidate, block, target, prec) }];
    }));
    const components = componentBases(familyPattern(f), undefined, secondLayer).map((b) => done.get(b.component.name) ?? fresh.get(b.component.name)!);
    for (const c of fresh.values()) if (c.unresolved === undefined && c.eigenvalues.every((e) => e.gauge || (e.exact && e.series.prec >= target))) done.set(c.component.name, c);
    const precisions = components.flatMap((c) => c.eigenvalues.filter((e) => !e.gauge).map((e) => e.series.prec));
    const failed = components.some((c) => c.unresolved !== undefined && /precision|order too low/.test(c.unresolved));
    const shortfall = Math.max(failed ? 2 : 0, target - Math.min(target, ...precisions));
    if (shortfall === 0 || extra >= MAX_EXTRA_ORDER) return { family: f.name, model, field: F, order, familyOrder, components };
    extra = Math.min(MAX_EXTRA_ORDER, extra + shortfall);
  }
}
