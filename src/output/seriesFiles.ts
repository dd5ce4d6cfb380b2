import { join } from "node:path";
import type { FamilyDefinition } from "../families/definition.js";
import { deriveFamilySeries, type FamilySeries } from "../ift/familySeries.js";
import { seriesDocument } from "./seriesDocument.js";
import { defaultModel } from "../families/models.js";
import type { StudentModel } from "../model/studentModel.js";
import { documentFiles } from "./documentFiles.js";

export { COMMITTED_EIGEN_ORDER, COMMITTED_SERIES_ORDER } from "./committedOrders.js";

/** The three files of a derived series in `dir`: <family>.json, .md, .tex, with their text, naming the family's model. */
export function filesOfSeries(s: FamilySeries<unknown>, model: StudentModel, dir: string): Map<string, string> {
  return documentFiles(seriesDocument(s, model), join(dir, s.family));
}

/** Derive a family's series and render its three files in `dir`. */
export function seriesFiles(f: FamilyDefinition, order: number, dir: string, onProgress?: (what: string) => void): Map<string, string> {
  return filesOfSeries(deriveFamilySeries(f, order, onProgress), defaultModel(f), dir);
}
