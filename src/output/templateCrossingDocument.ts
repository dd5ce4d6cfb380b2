import { modelJson } from "../model/studentModel.js";
import type { TemplateCrossing } from "../crossing/templateCrossing.js";

/** The JSON document of a template instance's crossing into a minimum (docs/census.md §7). */
export function templateCrossingJson(r: TemplateCrossing) {
  return {
    family: r.family,
    p: r.p,
    model: modelJson(r.model),
    d: r.d,
    component: r.component,
    direction: r.direction,
    confirmedDigits: r.confirmedDigits,
    saddleSide: r.saddleSide,
    bracket: r.bracket,
    finalBracket: r.finalBracket,
    evaluations: r.evaluations,
  };
}

/** The JSON of `spurious crossing <template> --p <p> --json`. */
export type TemplateCrossingJson = ReturnType<typeof templateCrossingJson>;
