import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { withArchitectureBlock } from "../src/architecture/document.js";
import { cycles, folderOf, importEdges, sourceFiles } from "../src/architecture/imports.js";
import { FOLDERS, LAYERS } from "../src/architecture/layers.js";

// The documented order of docs/architecture.md against every import of src/.

const edges = importEdges("src");
const files = sourceFiles("src");
const position = new Map(FOLDERS.map((f, i) => [f.folder, i]));
const rule = new Map(FOLDERS.map((f) => [f.folder, f]));

describe("the import order of src/ (docs/architecture.md)", () => {
  it("the scanner sees static, type, re-exported and dynamic imports, and not those in comments", () => {
    const root = mkdtempSync(join(tmpdir(), "architecture-"));
    mkdirSync(join(root, "a"));
    writeFileSync(
      join(root, "a", "x.ts"),
      [
        'import { y } from "./y.js";',
        'import type { Z } from "../b/z.js";',
        'export { w } from "../b/w.js";',
        "// import { no } from \"../b/comment.js\";",
        'const v = await import("../b/v.js");',
        'import { readFileSync } from "node:fs";',
      ].join("\n"),
    );
    expect(importEdges(root).map((e) => e.to)).toEqual(["a/y.ts", "b/z.ts", "b/w.ts", "b/v.ts"]);
    expect(edges.some((e) => e.from === "cli/run.ts" && e.to === "cli/commands.ts")).toBe(true);
    const unresolved = edges.filter((e) => !files.includes(e.to)).map((e) => `src/${e.from}: ${e.specifier}`);
    expect(unresolved, "imports of files that are not in src/").toEqual([]);
  });

  it("every file sits in a folder of the table, and each folder's layer is a layer", () => {
    const unplaced = files.filter((f) => !position.has(folderOf(f)));
    expect(unplaced, "files outside every folder of src/architecture/layers.ts").toEqual([]);
    for (const f of FOLDERS) expect(LAYERS.map((l) => l.layer), f.folder).toContain(f.layer);
  });

  it("every folder imports only folders before it, and layers only layers before them", () => {
    const layerOf = (folder: string): number => LAYERS.findIndex((l) => l.layer === rule.get(folder)!.layer);
    for (const f of FOLDERS) {
      for (const i of f.imports) {
        expect(position.get(i), `${f.folder} lists ${i}, which is not a folder`).toBeDefined();
        expect(position.get(i)!, `${f.folder} lists ${i}, which comes after it`).toBeLessThan(position.get(f.folder)!);
        expect(layerOf(i), `${f.folder} (${f.layer}) lists ${i} (${rule.get(i)!.layer}), a later layer`).toBeLessThanOrEqual(layerOf(f.folder));
      }
    }
    expect(rule.get("reproduce")!.imports).not.toContain("cli");
  });

  it("every import of src/ is one the table allows", () => {
    const against = edges
      .filter((e) => folderOf(e.from) !== folderOf(e.to))
      .filter((e) => {
        const r = rule.get(folderOf(e.from));
        return r === undefined || !r.imports.includes(folderOf(e.to));
      })
      .map((e) => `src/${e.from} imports "${e.specifier}" (${folderOf(e.from)} -> ${folderOf(e.to) || e.to})`);
    expect(against, "imports against src/architecture/layers.ts").toEqual([]);
  });

  it("every import the table lists is made by some file (the table is the code)", () => {
    const made = new Set(edges.map((e) => `${folderOf(e.from)} -> ${folderOf(e.to)}`));
    const unused = FOLDERS.flatMap((f) => f.imports.map((i) => `${f.folder} -> ${i}`)).filter((x) => !made.has(x));
    expect(unused, "listed imports no file makes: remove them from src/architecture/layers.ts").toEqual([]);
  });

  it("no cycle between folders, none between files", () => {
    const folders = FOLDERS.map((f) => f.folder);
    const folderEdges = edges.map((e) => ({ from: folderOf(e.from), to: folderOf(e.to) })).filter((e) => e.from !== e.to);
    expect(cycles(folders, folderEdges)).toEqual([]);
    expect(cycles(files, edges)).toEqual([]);
  });

  it("derivations/ is data: JSON files only (families, and templates in derivations/templates/), so it imports nothing", () => {
    const entries = readdirSync("derivations", { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.filter((e) => !e.name.endsWith(".json")).map((e) => e.name)).toEqual([]);
    expect(readdirSync("derivations", { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name)).toEqual(["templates"]);
  });

  it("docs/architecture.md shows the current imports and table (npm run docs:architecture)", () => {
    const page = readFileSync("docs/architecture.md", "utf8");
    expect(page).toBe(withArchitectureBlock(page, edges));
  });
});

describe("the cycle finder", () => {
  it("finds a cycle through three nodes and a self-import, and none in a chain", () => {
    expect(cycles(["a", "b", "c", "d"], [{ from: "a", to: "b" }, { from: "b", to: "c" }, { from: "c", to: "a" }, { from: "c", to: "d" }])).toEqual([["a", "b", "c"]]);
    expect(cycles(["a"], [{ from: "a", to: "a" }])).toEqual([["a"]]);
    expect(cycles(["a", "b", "c"], [{ from: "a", to: "b" }, { from: "b", to: "c" }, { from: "a", to: "c" }])).toEqual([]);
  });
});
