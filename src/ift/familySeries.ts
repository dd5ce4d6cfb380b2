import type { Decimal } from "decimal.js";
import type { Field } from "../numbers/field.js";
import type { FamilyDefinition, SeriesDeclaration } from "../families/definition.js";
import { declaredSeries } from "../families/seriesDeclaration.js";
import { familyPattern } from "../families/critical.js";
import { weightParams } from "../patterns/derivatives.js";
import type { Pattern } from "../patterns/pattern.js";
import { Series } from "../series/series.js";
import { checkLeadingSystem, henselLift, withPrecision } from "./hensel.js";
import { declaredField, type DeclaredField } from "./declaredField.js";
import { lossSeries, makeScaledSystem, parameterSeries, type ScaledSystem } from "./scaledSystem.js";

/** A family's series: every pattern parameter and the loss, in eps = d^(-1/2), known to O(eps^(order+1)). */
export interface FamilySeries<T> {
  readonly family: string;
  readonly field: Field<T>;
  /** A candidate element of `field` near a decimal (to be checked exactly by the caller), where the field has one. */
  readonly candidate?: (x: Decimal, digits: number) => T | undefined;
  readonly order: number;
  readonly params: readonly { readonly alias: string; readonly series: Series<T> }[];
  readonly loss: Series<T>;
}


/**
 * What a series derivation starts from: a name (for errors and the result), the series declaration, the
 * pattern, the signs of the second layer and, when the class sizes are not the pattern's integers, the
 * small classes' sizes as field elements (a template with p a symbol: src/ift/templateSeries.ts).
 */
export interface SeriesProblem<T> {
  readonly name: string;
  readonly decl: Pick<SeriesDeclaration, "params" | "equations" | "exactPoint">;
  readonly pattern: Pattern;
  readonly signs: readonly number[];
  readonly smallSizes?: readonly T[];
}

/** A family's series problem: its declaration on its own pattern. */
function familyProblem<T>(f: FamilyDefinition): SeriesProblem<T> {
  return { name: f.name, decl: declaredSeries(f), pattern: familyPattern(f), signs: f.signs };
}

/** The family's scaled system over its declared field, and the leading values xt(0). */
export function scaledSystemOf<T>(f: FamilyDefinition, F: Field<T>, read: (s: string) => T): { sys: ScaledSystem<T>; leading: T[]; names: string[] } {
  return problemSystem(familyProblem<T>(f), F, read);
}

function problemSystem<T>(problem: SeriesProblem<T>, F: Field<T>, read: (s: string) => T): { sys: ScaledSystem<T>; leading: T[]; names: string[] } {
  const { decl, pattern: P } = problem;
  const names = weightParams(P).map((k) => P.params[k]!.alias!);
  const scalings = names.map((name) => {
    const p = decl.params[name];
    const e = decl.equations[name];
    if (p === undefined || e === undefined) throw new Error(`the series declaration of ${problem.name} (derivations/) has no entry for ${name}`);
    return { known: p.known.map(read), equationShift: e };
  });
  const sys = makeScaledSystem(F, P, scalings, problem.signs.map((s) => F.fromInt(s)), problem.smallSizes);
  return { sys, leading: names.map((n) => read(decl.params[n]!.leading)), names };
}

/**
 * Derive a family's series to order `order` (terms eps^0..eps^order, error O(eps^(order+1))) by the
 * implicit function theorem (docs/series-derivation.md), over the field its declaration names: check the
 * declared leading system, lift by Newton–Hensel, then evaluate the loss. The loss needs xt only to
 * order M with 2M + min_j(shift_j + e_j) > order, because the W-gradient vanishes on the branch (S5).
 */
export function deriveFamilySeries(f: FamilyDefinition, order: number, onProgress?: (what: string) => void): FamilySeries<unknown> {
  const field = declaredField(declaredSeries(f).field);
  const r = deriveSeries(familyProblem(f), order, field, onProgress);
  if (field.F.exact) return r;
  // Rounding residue of the O(d^2) cancellations (terms at the noise floor) is not a coefficient.
  const clean = (s: Series<unknown>): Series<unknown> => Series.of(field.F, s.val, s.coeffs.map((c) => (field.isNegligible(c) ? field.F.zero() : c)), s.prec);
  return { ...r, params: r.params.map((p) => ({ alias: p.alias, series: clean(p.series) })), loss: clean(r.loss) };
}

/**
 * The series of a problem to order `order` over an exact or numeric declared field (deriveFamilySeries for a
 * family; src/ift/templateSeries.ts for a template with p a symbol).
 */
export function deriveSeries<T>(problem: SeriesProblem<T>, order: number, field: DeclaredField<T>, onProgress?: (what: string) => void): FamilySeries<T> {
  const { F, read, isNegligible, polishLeading } = field;
  if (!Number.isInteger(order) || order < 0) throw new RangeError(`order must be a non-negative integer, got ${order}`);
  const declared = problemSystem(problem, F, read);
  const { sys, names } = declared;
  const target = order + 1;
  let xt: Series<T>[];
  let lossPrec: number;
  // Over an exact field each Newton step's residual evaluation carries the loss at the iterate, known to
  // O(eps^(2m + balance)) at xt known to O(eps^m) (S5): the last one that reaches the loss's precision is
  // the loss, and needs no evaluation of its own (docs/series-derivation.md, "Loss").
  let lossFromNewton: Series<T> | undefined;
  if (problem.decl.exactPoint === true) {
    xt = names.map(() => Series.zero(F));
    lossPrec = target;
  } else {
    onProgress?.("leading system");
    // Exact fields take the declared values as they are; Decimal brings them to its full precision.
    const leading = [...polishLeading(sys, declared.leading)];
    const leadingJacobian = checkLeadingSystem(sys, leading, names, isNegligible);
    const balance = Math.min(...sys.shifts.map((s, j) => s + sys.equationShifts[j]!));
    const forParams = Math.max(...sys.shifts.map((s) => target - s));
    const forLoss = Math.ceil((target - balance + 1) / 2);
    const M = Math.max(1, forParams, forLoss);
    lossPrec = 2 * M + balance;
    const need = Math.min(target, lossPrec);
    const onLoss = (loss: Series<T>, m: number): void => {
      if (F.exact && Math.min(loss.prec, 2 * m + balance) >= need) lossFromNewton = loss;
    };
    xt = henselLift(sys, leading, M, (m) => onProgress?.(`Newton-Hensel: xt known to O(eps^${m}) of ${M}`), leadingJacobian, onLoss);
  }
  const lossTarget = Math.min(target, lossPrec);
  let loss: Series<T>;
  if (lossFromNewton !== undefined) loss = lossFromNewton.truncate(lossTarget);
  else {
    const exactXt = xt.map((s) => Series.of(F, s.val, s.coeffs));
    onProgress?.("loss");
    // The loss of most families loses no orders to the working precision, so the first try is at the
    // target itself (slack 0, never below the least working precision); a short result (1a, 1b) is retried
    // at a higher precision as for any evaluation. The coefficients are exact either way.
    loss = withPrecision(lossTarget, (w) => lossSeries(sys, exactXt.map((x) => x.truncate(w)), w), (s) => s.prec, { value: 0 }).truncate(lossTarget);
  }
  const P = sys.P;
  const params = parameterSeries(sys, xt).map((series, k) => ({ alias: P.params[k]!.alias!, series: series.truncate(target) }));
  return { family: problem.name, field: F, ...(field.candidate === undefined ? {} : { candidate: field.candidate }), order, params, loss };
}
