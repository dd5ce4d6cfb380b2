import { describe, expect, it } from "vitest";
import { locateCrossing } from "../src/crossing/locate.js";
import { findBrackets, scanFamily } from "../src/crossing/scan.js";
import { findFamily } from "../src/families/registry.js";
import { familySpectrum } from "../src/hessian/spectrum.js";
import { plotFamilySpectrum, plotLoss } from "../src/plots/plotFamily.js";

/**
 * The plots (docs/plots.md): the SVG of one family on a small grid is well formed and carries every
 * component and series, and the data fed to the spec equal familySpectrum at grid points.
 */
describe("spectrum plot of family 1b", () => {
  const f = findFamily("1b");
  const grid = ["4", "6", "20", "100"];
  const plot = plotFamilySpectrum(f, { grid, digits: 20 });

  it("is an SVG with the components, one path per series, and the crossing", async () => {
    const { svg, rows, sweep } = await plot;
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
    const components = [...new Set(rows.map((r) => r.component))];
    expect(components.length).toBeGreaterThan(1);
    for (const c of components) expect(svg).toContain(c);
    // The line marks: one <path> per series (mark-line groups of Vega's SVG output).
    const series = new Set(rows.map((r) => r.series));
    const linePaths = svg.match(/<g class="mark-line role-mark[^"]*"[^>]*>(.*?)<\/g>/g)?.join("").match(/<path /g) ?? [];
    expect(linePaths.length).toBe(series.size);
    // The crossing inside [4, 6], against an independent location: a scan of the narrow bracket
    // [5.7, 5.9] (another grid, another continuation) and the joint Newton solve from it at 30 digits.
    const brackets = findBrackets(scanFamily(f, ["5.7", "5.9"], 20));
    expect(brackets).toHaveLength(1);
    const independent = locateCrossing(f, brackets[0]!, 30);
    expect(sweep.crossings.map((c) => c.irrep)).toEqual([brackets[0]!.component.name]);
    expect(Math.abs(Number(sweep.crossings[0]!.d) - independent.d.toNumber())).toBeLessThan(1e-12);
    expect(svg).toContain(`d = ${independent.d.toNumber().toPrecision(6)}`);
  });

  it("feeds the spec familySpectrum's non-gauge eigenvalues at two grid d", async () => {
    const { rows } = await plot;
    for (const d of ["6", "100"]) {
      const s = familySpectrum(f, d, 20);
      const expected = s.components.flatMap((c) =>
        c.eigenvalues.filter((_, j) => !c.gauge.includes(j)).map((v, index) => ({ component: c.component.name, index, value: v.toNumber() })),
      );
      const got = rows.filter((r) => r.d === Number(d));
      expect(got.length).toBe(expected.length);
      for (const e of expected) {
        const r = got.find((g) => g.component === e.component && g.index === e.index);
        expect(r).toBeDefined();
        expect(Math.abs(r!.eigenvalue - e.value)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(e.value)));
      }
    }
  });

  it("the loss plot has one line per family", async () => {
    const { sweep } = await plot;
    const loss = await plotLoss([sweep]);
    expect(loss.svg.startsWith("<svg")).toBe(true);
    expect(loss.rows.map((r) => r.d)).toEqual(grid.map(Number));
    expect(loss.rows.every((r) => r.family === "1b" && r.loss >= 0)).toBe(true);
    expect(loss.svg).toContain("1b");
  });
});
