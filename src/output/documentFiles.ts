/** A result published in three forms (series tables, eigenvalue series). */
export interface PublishedDocument {
  readonly json: object;
  readonly markdown: string;
  readonly latex: string;
}

/** The three files of a document at `base` + .json/.md/.tex, with their text. */
export function documentFiles(doc: PublishedDocument, base: string): Map<string, string> {
  return new Map([
    [`${base}.json`, `${JSON.stringify(doc.json, null, 2)}\n`],
    [`${base}.md`, doc.markdown],
    [`${base}.tex`, doc.latex],
  ]);
}
