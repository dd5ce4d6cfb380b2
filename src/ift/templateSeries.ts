import type { FamilyTemplate } from "../families/template.js";
import type { Field } from "../numbers/field.js";
import { parseOver } from "../numbers/parseQPi.js";
import { QPI, type QPi } from "../numbers/qpi.js";
import { QuadraticExtension, type Quadratic } from "../numbers/quadraticExtension.js";
import { RationalFunctionField, type RationalFunction } from "../numbers/rationalFunctionField.js";
import { Pattern } from "../patterns/pattern.js";
import type { DeclaredField } from "./declaredField.js";
import { qpiExtension } from "./declaredField.js";
import { deriveSeries, type FamilySeries } from "./familySeries.js";

/** An element of Q(pi)(p), the coefficient field of a template's series with p a symbol. */
export type PFunction = RationalFunction<QPi>;

/**
 * A template's coefficient field with p a symbol (docs/census.md §7): Q(pi)(p) for a template declared over
 * Q(pi), Q(pi)(p)(sqrt(p)) for one declared over Q(pi, sqrt(p)); signs are decided on the integers p of the
 * template's range that have the off-diagonal x6 (p >= 2).
 */
export interface TemplateField<T> {
  readonly K: RationalFunctionField<QPi>;
  readonly declared: DeclaredField<T>;
  /** The value of a coefficient at an integer p: an element of Q(pi) or of Q(pi, sqrt(r)), r the square-free part of p. */
  atP(c: T, p: number): { field: Field<unknown>; value: unknown };
}

/** p = m^2 r with r square-free. */
function squareFreeSplit(p: number): { m: number; r: number } {
  let m = 1;
  let r = p;
  for (let k = 2; k * k <= r; k++) {
    while (r % (k * k) === 0) {
      r /= k * k;
      m *= k;
    }
  }
  return { m, r };
}

/** The smallest p with the pattern (d-p | p) of the symbolic derivation: B needs its off-diagonal x6. */
const SYMBOLIC_P_MIN = 2;

export function templateField(t: FamilyTemplate): TemplateField<unknown> {
  const series = t.series;
  if (series === undefined) throw new RangeError(`template ${t.name} has no series declaration (derivations/templates/${t.name}.json)`);
  const K = new RationalFunctionField(QPI, "p", { min: Math.max(SYMBOLIC_P_MIN, t.p.min), max: t.p.max });
  const symbols = new Map<string, PFunction>([
    ["pi", K.pi()!],
    ["p", K.variableElement()],
  ]);
  const read = (s: string): PFunction => parseOver(K, s, symbols);
  const at = (c: PFunction, p: number): QPi => K.evaluate(c, QPI.fromInt(p));
  if (series.field.kind === "Q(pi)") {
    const declared: DeclaredField<PFunction> = { F: K, read, isNegligible: (c) => K.isZero(c), polishLeading: (_, v) => v };
    return { K, declared: declared as DeclaredField<unknown>, atP: (c, p) => ({ field: QPI, value: at(c as PFunction, p) }) };
  }
  const radicand = series.field.radicand;
  const E = new QuadraticExtension(K, read(radicand), radicand);
  const declared: DeclaredField<Quadratic<PFunction>> = { F: E, read: (s) => E.embed(read(s)), isNegligible: (c) => E.isZero(c), polishLeading: (_, v) => v };
  return {
    K,
    declared: declared as DeclaredField<unknown>,
    atP(c, p) {
      const q = c as Quadratic<PFunction>;
      const value = K.evaluate(E.c, QPI.fromInt(p));
      const { m, r } = squareFreeSplit(Number(QPI.toString(value)));
      if (!QPI.equals(value, QPI.fromInt(m * m * r))) throw new RangeError(`the radicand ${radicand} of template ${t.name} is not a positive integer at p = ${p}`);
      // a + b sqrt(m^2 r) = a + (m b) sqrt(r).
      const [a, b] = [at(q.a, p), QPI.mul(QPI.fromInt(m), at(q.b, p))];
      if (r === 1) return { field: QPI, value: QPI.add(a, b) };
      const Er = qpiExtension(r);
      return { field: Er, value: { a, b } };
    },
  };
}

/**
 * The template's parameters and loss as series in eps = d^(-1/2) with coefficients functions of p, exact in
 * Q(pi)(p) or Q(pi)(p)(sqrt(p)) (docs/census.md §7): the implicit function theorem of the fixed-p series run
 * once, on the pattern (d-p | p) whose class sizes are the symbol p and d - p (the restricted loss takes
 * them only as polynomials, docs/patterns.md §4), from the template's declaration read with p a symbol.
 */
export function deriveTemplateSeries(t: FamilyTemplate, order: number, onProgress?: (what: string) => void): { series: FamilySeries<unknown>; field: TemplateField<unknown> } {
  const field = templateField(t);
  const declaration = t.series!;
  const p = field.declared.read("p");
  const problem = {
    name: `${t.name}.p`,
    decl: { params: declaration.params, equations: declaration.equations },
    pattern: Pattern.isotropy(SYMBOLIC_P_MIN),
    signs: t.signs,
    smallSizes: [p],
  };
  return { series: deriveSeries(problem, order, field.declared, onProgress), field };
}

/** The exact terms of a fixed-p series as published (series/<template>.p<p>.json: power of d, exact text). */
export interface PublishedTerms {
  readonly order: number;
  readonly params: Readonly<Record<string, readonly { readonly power: string; readonly exact: string | null }[]>>;
  readonly loss: readonly { readonly power: string; readonly exact: string | null }[];
}

/**
 * The series in p taken at an integer p: per quantity, the text of every coefficient eps^k below its precision
 * (zeros included) as an exact element of the fixed-p field, Q(pi) or Q(pi, sqrt(r)). Plain data.
 */
export interface SpecializedSeries {
  readonly p: number;
  readonly order: number;
  readonly quantities: Readonly<Record<string, readonly { readonly k: number; readonly exact: string }[]>>;
}

/** The agreement of the series in p, taken at one p, with a fixed-p series, term by term. */
export interface InstanceCheck {
  readonly p: number;
  /** Coefficients compared: every power below the precision, for every quantity of the fixed-p series (at p = 1 there is no x6). */
  readonly compared: number;
  /** The coefficients that differ: quantity, eps exponent, the value of the series in p, the fixed-p value. */
  readonly mismatches: readonly { readonly quantity: string; readonly k: number; readonly fromP: string; readonly fixed: string }[];
}

/** The series in p at the integer p (specializeAt): its coefficients as texts of the fixed-p field. */
export function specializeAt(symbolic: FamilySeries<unknown>, field: TemplateField<unknown>, p: number): SpecializedSeries {
  const quantities: Record<string, { k: number; exact: string }[]> = {};
  for (const { alias, series } of [...symbolic.params, { alias: "loss", series: symbolic.loss }]) {
    const terms: { k: number; exact: string }[] = [];
    for (let k = Math.min(0, series.val); k < series.prec; k++) {
      const { field: Fp, value } = field.atP(series.coeff(k), p);
      terms.push({ k, exact: Fp.toString(value) });
    }
    quantities[alias] = terms;
  }
  return { p, order: symbolic.order, quantities };
}

/**
 * Compare the series in p at p with the fixed-p series `fixed` of the same order, exactly: every quantity
 * of `fixed` at every power of d the series in p knows, as texts of exact values of the fixed-p field (the
 * reduced forms of Q(pi) and Q(pi, sqrt(r)) print uniquely, so equal values have equal texts). Undefined
 * when the fixed-p series has a lower order (it does not know every term the series in p has).
 */
export function compareWithFixed(specialized: SpecializedSeries, fixed: PublishedTerms): InstanceCheck | undefined {
  if (fixed.order < specialized.order) return undefined;
  let compared = 0;
  const mismatches: { quantity: string; k: number; fromP: string; fixed: string }[] = [];
  for (const [name, terms] of [...Object.entries(fixed.params), ["loss", fixed.loss] as const]) {
    const ours = specialized.quantities[name];
    if (ours === undefined) throw new RangeError(`the series in p has no quantity ${name}`);
    const byEps = new Map(terms.map((t) => [epsExponent(t.power), t.exact ?? "numeric"]));
    for (const { k, exact } of ours) {
      const published = byEps.get(k) ?? "0";
      compared++;
      if (exact !== published) mismatches.push({ quantity: name, k, fromP: exact, fixed: published });
    }
  }
  return { p: specialized.p, compared, mismatches };
}

/** k of eps^k = d^(-k/2) from the published power of d ("-3/2" -> 3, "-2" -> 4, "0" -> 0). */
function epsExponent(power: string): number {
  const [num, den] = power.split("/").map(Number) as [number, number | undefined];
  return den === undefined ? -2 * num : -num;
}
