import type { StudentModel } from "../model/studentModel.js";

/**
 * The base names of the committed per-family files of a model (docs/models.md §4): the trained second
 * layer keeps the plain names (series/2a.eigen.json); the fixed one inserts its name
 * (series/2a.fixed.eigen.json). A family lives at one width, which its name carries (2a.d+1).
 */
function modelInfix(model: StudentModel): string {
  return model.secondLayer === "trained" ? "" : `.${model.secondLayer}`;
}

/** `<family>.eigen` or `<family>.fixed.eigen`. */
export function eigenSeriesFileBase(family: string, model: StudentModel): string {
  return `${family}${modelInfix(model)}.eigen`;
}

/** `<family>.spectrum.json` or `<family>.fixed.spectrum.json`. */
export function spectrumFileName(family: string, model: StudentModel): string {
  return `${family}${modelInfix(model)}.spectrum.json`;
}

/** `<family>.crossing.json` or `<family>.fixed.crossing.json`. */
export function crossingFileName(family: string, model: StudentModel): string {
  return `${family}${modelInfix(model)}.crossing.json`;
}

/** `<family>-spectrum.svg` or `<family>-fixed-spectrum.svg`. */
export function spectrumPlotFileName(family: string, model: StudentModel): string {
  return `${family}${modelInfix(model).replace(".", "-")}-spectrum.svg`;
}

/** `<family>.bifurcation.json` or `<family>.fixed.bifurcation.json`. */
export function bifurcationFileName(family: string, model: StudentModel): string {
  return `${family}${modelInfix(model)}.bifurcation.json`;
}

/** `<family>-bifurcation.svg` or `<family>-fixed-bifurcation.svg`. */
export function bifurcationPlotFileName(family: string, model: StudentModel): string {
  return `${family}${modelInfix(model).replace(".", "-")}-bifurcation.svg`;
}
