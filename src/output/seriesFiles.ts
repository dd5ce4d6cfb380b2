import { join } from "node:path";
import type { FamilyDefinition } from "../families/definition.js";
import { deriveFamilySeries } from "../ift/familySeries.js";
import { seriesDocument } from "./seriesDocument.js";

/** The order of the committed series/ files: terms to d^(-5). */
export const COMMITTED_SERIES_ORDER = 10;

/** The three files of a family's series in `dir`: <family>.json, .md, .tex, with their text. */
export function seriesFiles(f: FamilyDefinition, order: number, dir: string, onProgress?: (what: string) => void): Map<string, string> {
  const doc = seriesDocument(deriveFamilySeries(f, order, onProgress));
  return new Map([
    [join(dir, `${f.name}.json`), `${JSON.stringify(doc.json, null, 2)}\n`],
    [join(dir, `${f.name}.md`), doc.markdown],
    [join(dir, `${f.name}.tex`), doc.latex],
  ]);
}
