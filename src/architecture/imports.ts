import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, posix, relative, sep } from "node:path";
import ts from "typescript";

/** One import of a file of src/: static `import`, `export ... from` or dynamic `import("...")`. */
export interface ImportEdge {
  /** Paths relative to src/, with "/" separators, e.g. "cli/run.ts". */
  readonly from: string;
  readonly to: string;
  /** The specifier as written, e.g. "../families/registry.js". */
  readonly specifier: string;
}

/** Every .ts file under `root` (relative paths, "/" separators, sorted). */
export function sourceFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.name.endsWith(".ts")) out.push(relative(root, path).split(sep).join("/"));
    }
  };
  walk(root);
  return out.sort();
}

/**
 * Every relative import of every file under `root` (packages and node: modules are not edges), found by the
 * TypeScript scanner (comments and strings are not imports). A target outside `root` keeps its "../" path.
 */
export function importEdges(root: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const from of sourceFiles(root)) {
    const info = ts.preProcessFile(readFileSync(join(root, from), "utf8"), true, true);
    for (const { fileName: specifier } of info.importedFiles) {
      if (!specifier.startsWith(".")) continue;
      const to = posix.normalize(posix.join(posix.dirname(from), specifier)).replace(/\.js$/, ".ts");
      edges.push({ from, to, specifier });
    }
  }
  return edges;
}

/** The folder of a path relative to src/ ("cli/run.ts" -> "cli"; a file at the top -> ""). */
export function folderOf(path: string): string {
  const d = dirname(path);
  return d === "." ? "" : d.split("/")[0]!;
}

/** The strongly connected components with more than one node, or a node importing itself (Tarjan). */
export function cycles(nodes: readonly string[], edges: readonly { from: string; to: string }[]): string[][] {
  const next = new Map(nodes.map((n) => [n, [] as string[]]));
  for (const e of edges) next.get(e.from)?.push(e.to);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (next.get(v) ?? []).includes(v)) out.push(component.sort());
    }
  };
  for (const n of nodes) if (!index.has(n)) visit(n);
  return out;
}
