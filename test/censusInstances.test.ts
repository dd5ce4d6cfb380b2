import { beforeAll, describe, expect, it } from "vitest";
import { census, DEFAULT_SEARCH, type CensusReport } from "../src/census/census.js";
import { familyCriticalPoint, familyPattern } from "../src/families/critical.js";
import { familyByName } from "../src/families/templates.js";

/**
 * The census names a two-class minimum by the template instance it lies on (docs/census.md §1, "Per point"),
 * by a float64 walk from the instance's seed (src/families/branchWalk.ts). Checked by an independent route:
 * the instance's critical point by the 20-digit continuation of `spurious critical` (familyCriticalPoint)
 * equals the named census point, read with its classes in the instance's order.
 */
describe("the census names template instances", () => {
  const d = 15;
  let report: CensusReport;
  beforeAll(() => {
    // a.p5 (d* = 12.57) in (10 | 5); b.p8 (d* = 13.68) in (8 | 7), its 8 positive rows the larger class.
    report = census({ d, maxClasses: 2, all: false, secondLayer: "fixed", search: { ...DEFAULT_SEARCH, random: 8 }, types: [[10, 5], [8, 7]] });
  });

  /** The named point's parameters by alias, with the classes exchanged when the instance's B is the census' A. */
  function byAlias(name: string, exchanged: boolean): Record<string, number> {
    const point = report.points.find((p) => p.family === name);
    expect(point, name).toBeDefined();
    expect(point!.minimum).toBe(true);
    const swap: Record<string, string> = { x1: "x5", x2: "x6", x3: "x4", x4: "x3", x5: "x1", x6: "x2", y1: "y2", y2: "y1" };
    const P = familyPattern(familyByName(name));
    const out: Record<string, number> = {};
    for (const e of point!.entries) {
      const alias = P.params.find((q) => q.name === e.name)?.alias ?? e.name;
      out[exchanged ? swap[alias]! : alias] = e.value.toNumber();
    }
    return out;
  }

  for (const [name, exchanged] of [["a.p5", false], ["b.p8", true]] as const) {
    it(`${name} at d = ${d} is the instance's critical point (spurious critical)`, () => {
      const f = familyByName(name);
      const own = familyCriticalPoint(f, String(d), 20);
      const found = byAlias(name, exchanged);
      familyPattern(f).params.forEach((q, k) => expect(Math.abs(found[q.alias!]! - own.x[k]!.toNumber()), `${name} ${q.alias}`).toBeLessThan(1e-13));
    });
  }

  it("only minima are named, and no instance twice", () => {
    const names = report.points.flatMap((p) => (p.family === undefined ? [] : [p.family]));
    expect(new Set(names).size).toBe(names.length);
    for (const p of report.points) if (p.family !== undefined) expect(p.minimum).toBe(true);
  });
});
