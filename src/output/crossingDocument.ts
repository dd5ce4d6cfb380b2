import { modelJson } from "../model/studentModel.js";
import type { FamilyCrossings } from "../crossing/crossing.js";

/** The JSON document of a family's crossings (numbers as decimal strings; docs/crossing.md). */
export function crossingJson(r: FamilyCrossings) {
  return {
    family: r.family,
    model: modelJson(r.model),
    range: r.range,
    scan: r.scan,
    digits: r.digits,
    summary: r.summary,
    crossings: r.crossings.map((c) => ({
      d: c.d,
      irrep: c.irrep,
      multiplicity: c.multiplicity,
      direction: c.direction,
      from: c.from.text,
      to: c.to.text,
      negativeFrom: c.from,
      negativeTo: c.to,
      bracket: c.bracket,
      confirmedDigits: c.confirmedDigits,
      newtonSteps: c.steps,
      residual: c.residual,
    })),
    bottom: r.bottom.text,
    lowIntegers: r.lowIntegers,
    top: { inertia: r.top.text, smallestEigenvalue: r.top.smallest.value, irrep: r.top.smallest.irrep },
  };
}

/** The JSON of `spurious crossing --json`. */
export type CrossingJson = ReturnType<typeof crossingJson>;
