import { familyPattern, type FamilyCriticalPoint } from "../families/critical.js";
import type { FamilyDefinition } from "../families/definition.js";
import { isotropyName } from "../families/isotropy.js";
import { modelJson, type StudentModel } from "../model/studentModel.js";
import { defaultModel, familyWidthOffset } from "../families/models.js";

/**
 * The JSON document of `spurious critical --json`: the critical point of a family at d, its parameters
 * (gauge |a| = 1) and effective entries a_i W_ij rounded to `digits`, loss, gradient norm and confirmed digits.
 */
export function criticalJson(family: FamilyDefinition, d: string, digits: number, point: FamilyCriticalPoint, model: StudentModel = defaultModel(family)) {
  const P = familyPattern(family);
  const round = (v: { toSignificantDigits(n: number): { toString(): string } }): string => v.toSignificantDigits(digits).toString();
  const params: Record<string, string> = {};
  const effective: Record<string, string> = {};
  P.params.forEach((q, k) => {
    params[q.alias!] = round(point.x[k]!);
    if (q.kind !== "a") effective[q.alias!] = round(point.x[k]!.mul(point.x[P.paramIndex("a", q.row)!]!));
  });
  return {
    family: family.name,
    model: modelJson(model),
    d,
    isotropy: { p: family.p, group: isotropyName(family.p, familyWidthOffset(family), family.split) },
    params,
    effective,
    // The loss is known to about 10^-digits absolutely (its O(d^2) terms cancel): below that it is 0.
    loss: point.loss.abs().lt(`1e-${digits}`) ? "0" : round(point.loss),
    gradientNorm: point.gradientNorm.toSignificantDigits(3).toString(),
    digits: point.confirmedDigits,
  };
}

export type CriticalJson = ReturnType<typeof criticalJson>;
