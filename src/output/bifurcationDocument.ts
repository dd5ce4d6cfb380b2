import type { Decimal } from "decimal.js";
import type { BranchPoint, FamilyBifurcations } from "../bifurcation/bifurcation.js";
import type { ReducedEquation } from "../bifurcation/reduced.js";
import { modelJson } from "../model/studentModel.js";
import type { Pattern } from "../patterns/pattern.js";

/** Significant digits of the coefficients and residuals printed. */
const SHORT = 12;

function point(P: Pattern, p: BranchPoint, digits: number) {
  const text = (v: Decimal): string => v.toSignificantDigits(digits).toString();
  return {
    d: p.d.toString(),
    loss: text(p.loss),
    lossMinusFamily: text(p.lossMinusFamily),
    distance: text(p.distance),
    index: String(p.index),
    gradientNorm: p.gradientNorm.toSignificantDigits(3).toString(),
    params: Object.fromEntries(P.params.map((q, i) => [q.name, text(p.x[i]!)])),
  };
}

function reducedJson(r: ReducedEquation) {
  const short = (v: Decimal): string => v.toSignificantDigits(SHORT).toString();
  return { a: short(r.a), b: short(r.b), c: short(r.c), kernelResidual: r.kernelResidual.toSignificantDigits(3).toString() };
}

/** The JSON document of `spurious bifurcation <family>` (docs/bifurcation.md §5): numbers as decimal strings. */
export function bifurcationJson(r: FamilyBifurcations) {
  const short = (v: Decimal): string => v.toSignificantDigits(SHORT).toString();
  return {
    family: r.family,
    model: modelJson(r.model),
    digits: r.digits,
    isotropy: r.isotropy,
    stability: r.stability.map((t) => ({ from: t.from, to: t.to, minimum: t.minimum })),
    crossings: r.crossings.map((c) => ({
      d: c.crossing.d,
      component: c.component,
      direction: c.crossing.direction,
      kernel: {
        pattern: c.kernel.pattern.toString(),
        eigenvalue: c.kernel.eigenvalue.toSignificantDigits(3).toString(),
        vector: Object.fromEntries(c.kernel.names.map((n, i) => [n, short(c.kernel.vector[i]!)])),
      },
      axial: {
        how: c.axial.how,
        stabiliserOrder: c.axial.stabiliserOrder,
        groupOrder: c.axial.groupOrder,
        antiSymmetric: c.axial.antiSymmetric,
        pattern: c.axial.pattern.toString(),
        reason: c.axial.reason ?? null,
        subgroups: c.subgroups.map((h) => ({ group: h.name, fixDimension: h.fixDimension, young: h.young, axial: h.axial, branch: h.computed, note: h.note ?? null })),
      },
      reduced: c.reduced === undefined ? null : reducedJson(c.reduced),
      note: c.note ?? null,
      branches: c.branches.map((b) => ({
        subgroup: b.subgroup,
        isotropy: b.isotropy,
        how: b.how,
        pattern: b.pattern.toString(),
        young: b.young,
        fixedSpaceDefect: b.fixedSpaceDefect?.toSignificantDigits(3).toString() ?? null,
        reduced: reducedJson(b.reduced),
        type: b.type,
        side: b.side,
        ends: b.ends.map((e) => ({ side: e.side, d: e.d, kind: e.kind, text: e.text, meets: e.meets ?? null })),
        exponents: b.exponents.map((e) => ({ side: e.side, value: e.value.toFixed(4) })),
        points: b.points.map((p) => point(b.pattern, p, r.digits)),
        at: b.at === undefined ? null : point(b.pattern, b.at, r.digits),
        series: {
          variable: b.series.variable,
          terms: b.series.terms.map((t) => ({
            param: b.pattern.params[t.param]!.name,
            coefficients: t.coefficients.map((c) => ({ power: c.power, value: c.value.toString(), digits: c.digits })),
          })),
        },
      })),
    })),
  };
}

export type BifurcationJson = ReturnType<typeof bifurcationJson>;
