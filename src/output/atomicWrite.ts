import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/**
 * Write `files` (path -> text) so that a reader never sees a half-written file: each goes to a
 * temporary sibling first; only when every temporary file is complete are they renamed into place.
 */
export function writeFilesAtomically(files: ReadonlyMap<string, string>): void {
  const staged: [string, string][] = [];
  for (const [path, text] of files) {
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, text);
    staged.push([tmp, path]);
  }
  for (const [tmp, path] of staged) renameSync(tmp, path);
}
