import { modelText, parseWidthName, sameModel, type StudentModel } from "../model/studentModel.js";
import type { FamilyDefinition } from "./definition.js";

/** h of the width k = d + h at which family f lives (0 for the families of the paper's setting). */
export function familyWidthOffset(f: FamilyDefinition): number {
  const h = f.width === undefined ? 0 : parseWidthName(f.width);
  if (h === undefined) throw new RangeError(`family ${f.name}: '${f.width}' is not a width`);
  return h;
}

/**
 * The models a family has been derived for (docs/models.md §1): at its width, with a trained second layer;
 * and with a fixed second layer a = 1 when all its signs are +1, since then, by Euler's identity, its
 * points are critical points of the fixed model with the same parameters, loss and series.
 */
export function familyModels(f: FamilyDefinition): StudentModel[] {
  const widthOffset = familyWidthOffset(f);
  const models: StudentModel[] = [{ secondLayer: "trained", widthOffset }];
  if (f.signs.every((s) => s === 1)) models.push({ secondLayer: "fixed", widthOffset });
  return models;
}

/** The model of family f when none is asked for: its width, second layer trained. */
export function defaultModel(f: FamilyDefinition): StudentModel {
  return familyModels(f)[0]!;
}

/** The model, when family f has been derived for it; a RangeError listing the family's models otherwise. */
export function checkFamilyModel(f: FamilyDefinition, m: StudentModel): StudentModel {
  const models = familyModels(f);
  if (!models.some((g) => sameModel(g, m))) {
    throw new RangeError(`family ${f.name} has not been derived for the model with a ${modelText(m)} (its models: ${models.map(modelText).join("; ")})`);
  }
  return m;
}
