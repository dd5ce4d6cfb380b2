import { DEFAULT_MODEL, modelText, sameModel, type StudentModel } from "../model/studentModel.js";
import type { FamilyDefinition } from "./definition.js";

/**
 * The models a family has been derived for (docs/models.md §1): every family at k = d with a trained second
 * layer; and with a fixed second layer a = 1 when all its signs are +1, since then, by Euler's identity, its
 * points are critical points of the fixed model with the same parameters, loss and series. Other widths
 * have no families yet.
 */
export function familyModels(f: FamilyDefinition): StudentModel[] {
  const models: StudentModel[] = [DEFAULT_MODEL];
  if (f.signs.every((s) => s === 1)) models.push({ secondLayer: "fixed", widthOffset: 0 });
  return models;
}

/** The model, when family f has been derived for it; a RangeError listing the family's models otherwise. */
export function checkFamilyModel(f: FamilyDefinition, m: StudentModel): StudentModel {
  const models = familyModels(f);
  if (!models.some((g) => sameModel(g, m))) {
    throw new RangeError(`family ${f.name} has not been derived for the model with a ${modelText(m)} (its models: ${models.map(modelText).join("; ")})`);
  }
  return m;
}
