import { familyPattern, multiplicity } from "../families/critical.js";
import type { FamilyDefinition } from "../families/definition.js";
import { isotropyName } from "../families/isotropy.js";
import { familyModels, familyWidthOffset } from "../families/models.js";
import { modelJson } from "../model/studentModel.js";

/** One family's row of `spurious families --json`: isotropy, pattern, signs of a, range of d, multiplicity. */
export function familyRow(f: FamilyDefinition) {
  return {
    family: f.name,
    p: f.p,
    isotropy: isotropyName(f.p, familyWidthOffset(f), f.split),
    pattern: familyPattern(f).toString(),
    kind: f.kind,
    signs: f.signs,
    range: { min: f.range.min, max: f.range.max, note: f.range.note },
    multiplicity: multiplicity(f).formula,
    models: familyModels(f).map(modelJson),
    description: f.description,
  };
}

/** The JSON document of `spurious families --json` (docs/families.md). */
export type FamilyRow = ReturnType<typeof familyRow>;

/** The rows of the families, in the given order. */
export function familiesJson(families: readonly FamilyDefinition[]): FamilyRow[] {
  return families.map(familyRow);
}
