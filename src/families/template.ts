import { parseQPi } from "../numbers/parseQPi.js";
import { QPI } from "../numbers/qpi.js";
import type { FamilyDefinition, FieldDeclaration, SeriesDeclaration } from "./definition.js";

/**
 * A template (docs/families.md §11): one branch of critical points on the pattern (d-p | p), declared once
 * with p a parameter (derivations/templates/<name>.json, read by src/families/templateFile.ts). Its
 * instance at an integer p is a FamilyDefinition (templateFamily), which every family computation accepts:
 * the critical point at real d, the spectrum, the crossings, the series at fixed p.
 */
export interface FamilyTemplate {
  /** "a", "b", "c". */
  readonly name: string;
  readonly kind: "a" | "b";
  /** Signs of the second layer on A (bulk) and B, in the gauge |a_i| = 1. */
  readonly signs: readonly (1 | -1)[];
  readonly description: string;
  /** The declared families that are instances of the template: p -> family name (e.g. 1 -> "2a"). */
  readonly aliases: Readonly<Record<string, string>>;
  /** The integers p for which the template is declared (a seed for each), and why the range stops there. */
  readonly p: { readonly min: number; readonly max: number; readonly note: string };
  readonly foundBy: { readonly command: string; readonly note: string };
  /** One critical point per p at the common dimension d (parameters by alias x1..x6). */
  readonly seed: { readonly d: string; readonly points: Readonly<Record<string, Readonly<Record<string, string>>>>; readonly note: string };
  /** The range of d of an instance: min and max as expressions in p (e.g. "p + 2"). */
  readonly range: { readonly min: string; readonly max: string; readonly note: string };
  /** The scalings of the series at fixed p, the known terms and limit values as expressions in p (docs/families.md §11). */
  readonly series?: TemplateSeries;
}

/**
 * A series declaration (docs/series-derivation.md) with p a parameter: known terms and limit values are
 * expressions in p; x6 and its equation are left out at p = 1 (B has no off-diagonal entry there). The
 * field is Q(pi), or Q(pi, sqrt(r)) with r the square-free part of the radicand's value at p (Q(pi) when 1).
 */
export interface TemplateSeries {
  readonly field: { readonly kind: "Q(pi)" } | { readonly kind: "quadratic"; readonly radicand: string };
  readonly params: Readonly<Record<string, { readonly known: readonly string[]; readonly leading: string }>>;
  readonly equations: Readonly<Record<string, number>>;
  readonly note: string;
}

/** The expression in p with p replaced by its value (still text for the exact readers: "8*p/pi" -> "8*(3)/pi"). */
function substituteP(expression: string, p: number): string {
  return expression.replace(/\bp\b/g, `(${p})`);
}

/** The square-free part of a positive integer. */
function squareFree(n: number): number {
  let out = 1;
  for (let k = 2; k * k <= n; k++) {
    while (n % (k * k) === 0) n /= k * k;
    if (n % k === 0) {
      out *= k;
      n /= k;
    }
  }
  return out * n;
}

/** The template's series declaration at p. */
function seriesAt(series: TemplateSeries, p: number): SeriesDeclaration {
  const keep = (alias: string): boolean => p > 1 || alias !== "x6";
  const r = series.field.kind === "quadratic" ? squareFree(Number(atP(series.field.radicand, p))) : 1;
  const field: FieldDeclaration = r === 1 ? { kind: "Q(pi)" } : { kind: "quadratic", radicand: r };
  return {
    field,
    params: Object.fromEntries(Object.entries(series.params).filter(([k]) => keep(k)).map(([k, v]) => [k, { known: v.known.map((e) => substituteP(e, p)), leading: substituteP(v.leading, p) }])),
    equations: Object.fromEntries(Object.entries(series.equations).filter(([k]) => keep(k))),
    note: `template ${series.note}`,
  };
}

/** The exact value of an expression in p (integers, pi, + - * / ^, parentheses) at an integer p, as a decimal string. */
function atP(expression: string, p: number): string {
  return QPI.toDecimal(parseQPi(substituteP(expression, p)), 40).toString();
}

/** A bound of the range at p: its value when it depends on p, else the text as declared (e.g. "1e12"). */
function rangeAt(expression: string, p: number): string {
  return /\bp\b/.test(expression) ? atP(expression, p) : expression;
}

/** The name of the template's instance at p: "a.p7". */
export function instanceName(t: FamilyTemplate, p: number): string {
  return `${t.name}.p${p}`;
}

const instances = new WeakMap<FamilyTemplate, Map<number, FamilyDefinition>>();

/**
 * The template's instance at an integer p in its declared range, as a family definition (one object per
 * (template, p), so the caches keyed by definition serve every call); a RangeError naming the range otherwise.
 */
export function templateFamily(t: FamilyTemplate, p: number): FamilyDefinition {
  if (!Number.isInteger(p) || p < t.p.min || p > t.p.max) {
    throw new RangeError(`template ${t.name} is declared for p = ${t.p.min} to ${t.p.max} (${t.p.note}), got p = ${p}`);
  }
  let byP = instances.get(t);
  if (byP === undefined) instances.set(t, (byP = new Map()));
  let f = byP.get(p);
  if (f === undefined) {
    const alias = t.aliases[String(p)];
    f = {
      name: instanceName(t, p),
      p,
      kind: t.kind,
      signs: t.signs,
      description: `template ${t.name} at p = ${p}${alias === undefined ? "" : ` (the family ${alias})`}: ${t.description}`,
      foundBy: t.foundBy,
      seed: { d: t.seed.d, params: t.seed.points[String(p)]!, note: t.seed.note },
      range: { min: rangeAt(t.range.min, p), max: rangeAt(t.range.max, p), note: t.range.note },
      ...(t.series === undefined ? {} : { series: seriesAt(t.series, p) }),
    };
    byP.set(p, f);
  }
  return f;
}
