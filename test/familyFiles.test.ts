import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseFamilyFile } from "../src/families/definitionFile.js";
import { FAMILIES, FAMILY_NAMES } from "../src/families/registry.js";

// derivations/<name>.json is plain data checked field by field when the registry loads (docs/families.md §1).

const file = (name: string): string => `derivations/${name}.json`;
const committed = (name: string): Record<string, unknown> => JSON.parse(readFileSync(file(name), "utf8")) as Record<string, unknown>;

/** parseFamilyFile on the committed 2a file after `edit`. */
function parseEdited(edit: (json: Record<string, any>) => void): () => unknown {
  const json = committed("2a");
  edit(json);
  return () => parseFamilyFile(file("2a"), JSON.stringify(json));
}

describe("family files", () => {
  it("every committed file reads back to exactly its JSON (no field dropped or added)", () => {
    expect(FAMILIES.map((f) => f.name)).toEqual([...FAMILY_NAMES]);
    for (const f of FAMILIES) expect(JSON.parse(JSON.stringify(f)), f.name).toEqual(committed(f.name));
  });

  it("a bad field is an error naming the file and the field", () => {
    expect(parseEdited((j) => (j.seed.params.x3 = 1.2))).toThrow("derivations/2a.json: seed.params.x3 must be a decimal string, got 1.2");
    expect(parseEdited((j) => (j.range.min = "three"))).toThrow('derivations/2a.json: range.min must be a decimal string, got "three"');
    expect(parseEdited((j) => (j.kind = "c"))).toThrow('derivations/2a.json: kind must be "a" or "b", got "c"');
    expect(parseEdited((j) => (j.signs = [1]))).toThrow("derivations/2a.json: signs must be a list of 2 signs 1 or -1");
    expect(parseEdited((j) => (j.series.equations.x2 = 0.5))).toThrow("derivations/2a.json: series.equations.x2 must be an integer, got 0.5");
    expect(parseEdited((j) => (j.series.params.x1.known = []))).toThrow("derivations/2a.json: series.params.x1.known must be a non-empty list of strings");
    expect(parseEdited((j) => (j.name = "2b"))).toThrow("derivations/2a.json: name must be the file's name '2a', got \"2b\"");
    expect(parseEdited((j) => (j.width = "k"))).toThrow('derivations/2a.json: width must be a width "d", "d+H" or "d-H" (H from 1 to 10), got "k"');
    expect(parseEdited((j) => (j.width = "d+1"))).toThrow("derivations/2a.json: signs must be a list of 3 signs 1 or -1 (one per row class of the pattern with p = 1 and its extra rows)");
    expect(parseEdited((j) => (j.split = [1, 1]))).toThrow("derivations/2a.json: split must be two positive integers adding up to p = 1, got [1,1]");
    expect(parseEdited((j) => ((j.p = 2), (j.split = [1, 1])))).toThrow("derivations/2a.json: signs must be a list of 3 signs 1 or -1 (one per row class of the pattern with p = 2 split)");
  });

  it("a missing or unknown field is an error naming it", () => {
    expect(parseEdited((j) => delete j.seed.note)).toThrow("derivations/2a.json: seed.note is missing");
    expect(parseEdited((j) => (j.seed.dimension = "20"))).toThrow("derivations/2a.json: seed.dimension is not a field of a family definition");
    expect(() => parseFamilyFile(file("2a"), "{")).toThrow("derivations/2a.json: not valid JSON");
  });
});
