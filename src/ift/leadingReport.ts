import type { FamilyDefinition } from "../families/definition.js";
import { familyPattern } from "../families/critical.js";
import { weightParams } from "../patterns/derivatives.js";
import { Series } from "../series/series.js";
import { determinant } from "../linalg/solve.js";
import { checkLeadingSystem, withPrecision } from "./hensel.js";
import { declaredField, type DeclaredField } from "./declaredField.js";
import { evaluateScaledSystem, makeScaledSystem } from "./scaledSystem.js";

/** A family's leading system, written out (docs/series-derivation.md): scalings, solution, Jacobian. */
export interface LeadingReport {
  readonly family: string;
  readonly field: string;
  readonly unknowns: readonly { alias: string; expansion: string; leading: string }[];
  readonly equations: readonly { alias: string; scaling: string }[];
  /** J(0) = dF/dxt at eps = 0, row j = equation j, as strings of the field. */
  readonly jacobian: readonly (readonly string[])[];
  readonly determinant: string;
}

/** Build the report over the family's declared field, after checking the leading system. */
export function leadingReport(f: FamilyDefinition): LeadingReport {
  const decl = f.series;
  if (decl === undefined) throw new RangeError(`family ${f.name} has no series declaration`);
  if (decl.exactPoint === true) throw new RangeError(`family ${f.name} is an exact point for every d: it has no leading system`);
  return build(f, declaredField(decl.field));
}

function build<T>(f: FamilyDefinition, field: DeclaredField<T>): LeadingReport {
  const { F, read, isNegligible } = field;
  const decl = f.series!;
  const P = familyPattern(f);
  const names = weightParams(P).map((k) => P.params[k]!.alias!);
  const sys = makeScaledSystem(F, P, names.map((n) => ({ known: decl.params[n]!.known.map(read), equationShift: decl.equations[n]! })), f.signs.map((s) => F.fromInt(s)));
  const leading = [...field.polishLeading(sys, names.map((n) => read(decl.params[n]!.leading)))];
  checkLeadingSystem(sys, leading, names, isNegligible);
  const { jacobian } = withPrecision(1, (w) => evaluateScaledSystem(sys, leading.map((c) => Series.constant(F, c)), w, true), (r) => Math.min(...r.jacobian!.flat().map((e) => e.prec)));
  const J0 = jacobian!.map((row) => row.map((e) => e.coeff(0)));
  const show = (t: T): string => (F.exact ? F.toString(t) : F.toDecimal(t, 20).toString());
  const det = determinant(F, J0);
  return {
    family: f.name,
    field: F.name,
    unknowns: names.map((n, i) => {
      const known = decl.params[n]!.known.map((c, k) => (c === "0" ? "" : k === 0 ? c : `${/^-?\w+$/.test(c) ? c : `(${c})`}*eps^${k}`)).filter((s) => s !== "");
      return { alias: n, expansion: `${n} = ${[...known, `eps^${sys.shifts[i]} * ${n}~`].join(" + ")}`, leading: show(leading[i]!) };
    }),
    equations: names.map((n, j) => ({ alias: n, scaling: `F_${n} = eps^${-sys.equationShifts[j]!} * dL/d${n}` })),
    jacobian: J0.map((row) => row.map(show)),
    determinant: show(det),
  };
}

