import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** The staging folder's name inside the target root. */
export const STAGING_NAME = ".reproduce-staging";

/**
 * A reproduction's output, built in a staging folder next to the targets (same file system, so renames are
 * cheap) and moved into place only by commit(): until then the target files are untouched. A staging folder
 * left by an interrupted run is removed when the next run starts.
 */
export class Staging {
  readonly dir: string;
  private readonly paths = new Set<string>();

  constructor(readonly root: string) {
    this.dir = join(root, STAGING_NAME);
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir, { recursive: true });
  }

  /** Write files (path relative to the root -> text) into the staging folder. */
  write(files: ReadonlyMap<string, string>): void {
    for (const [path, text] of files) {
      const staged = join(this.dir, path);
      mkdirSync(dirname(staged), { recursive: true });
      writeFileSync(staged, text);
      this.paths.add(path);
    }
  }

  /** Relative paths staged so far, sorted. */
  staged(): string[] {
    return [...this.paths].sort();
  }

  /** Move every staged file into place under the root, then remove the staging folder. */
  commit(): void {
    for (const path of this.staged()) {
      mkdirSync(dirname(join(this.root, path)), { recursive: true });
      renameSync(join(this.dir, path), join(this.root, path));
    }
    this.discard();
  }

  /** Drop the staging folder and everything in it. */
  discard(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
