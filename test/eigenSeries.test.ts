import { describe, expect, it } from "vitest";
import { findFamily } from "../src/families/registry.js";
import { familyEigenSeries } from "../src/eigenseries/eigenSeries.js";
import { familySpectrum } from "../src/hessian/spectrum.js";
import { evaluateSeries } from "../src/series/evaluate.js";

/**
 * Eigenvalue series (docs/hessian.md, "eigenvalue series") against the numeric block eigenvalues of
 * familySpectrum at d = 10^4 and 10^5: the error of the order-N series is O(d^(-(N+1)/2)) and falls by
 * about 10^((N+1)/2) per decade of d.
 */
function errors(name: string, order: number, ds: readonly string[]): { component: string; errors: number[] }[] {
  const f = findFamily(name);
  const r = familyEigenSeries(f, order);
  for (const c of r.components) expect(c.unresolved, `${name} ${c.component.name}`).toBeUndefined();
  const perD = ds.map((d) => {
    const spectrum = familySpectrum(f, d, 30);
    const eps = Math.pow(Number(d), -0.5).toPrecision(40);
    return r.components.map((c, i) => {
      const numeric = spectrum.components[i]!;
      expect(numeric.component.name).toBe(c.component.name);
      const values = numeric.eigenvalues.filter((_, j) => !numeric.gauge.includes(j)).map((v) => v.toNumber());
      const fromSeries = c.eigenvalues
        .filter((e) => !e.gauge)
        .map((e) => evaluateSeries(e.series, eps, 40).toNumber())
        .sort((a, b) => a - b);
      expect(fromSeries.length).toBe(values.length);
      expect(c.eigenvalues.filter((e) => e.gauge).length).toBe(numeric.gauge.length);
      return Math.max(0, ...fromSeries.map((v, j) => Math.abs(v - values[j]!)));
    });
  });
  return r.components.map((c, i) => ({ component: c.component.name, errors: perD.map((e) => e[i]!) }));
}

function checkDecay(name: string, order: number): void {
  const ds = ["10000", "100000"];
  const decade = Math.pow(10, (order + 1) / 2);
  for (const { component, errors: [e1, e2] } of errors(name, order, ds)) {
    // The coefficients of the eigenvalues of order d are large (up to ~10^4 for 2a): a loose amplitude bound.
    const bound = 1e6 * Math.pow(1e4, -(order + 1) / 2);
    expect(e1!, `${name} ${component} at d = 1e4`).toBeLessThan(bound);
    // The error falls like the next order (or faster): at least decade/30 per decade of d.
    expect(e2!, `${name} ${component} at d = 1e5`).toBeLessThan(Math.max((e1! * 30) / decade, 1e-25));
  }
}

describe("eigenvalue series", () => {
  it("family 1b: every block, order 4", () => checkDecay("1b", 4), 60000);
  it("family 2a: every block, order 3", () => checkDecay("2a", 3), 60000);
  it("family 1b: two more orders shrink the error at d = 10^4 in every block", () => {
    const low = errors("1b", 2, ["10000"]);
    const high = errors("1b", 4, ["10000"]);
    low.forEach((c, i) => expect(high[i]!.errors[0]!, c.component).toBeLessThan(c.errors[0]! / 30));
  }, 60000);
});

describe("the family series cache", () => {
  const shown = (r: ReturnType<typeof familyEigenSeries>): string[][] => r.components.map((c) => c.eigenvalues.map((e) => e.series.toString()));

  it("derives a changed definition that keeps the name afresh (it is keyed by the definition, not the name)", () => {
    const before = familyEigenSeries(findFamily("1b"), 0);
    const changed = familyEigenSeries({ ...findFamily("2a"), name: "1b" }, 0);
    const direct = familyEigenSeries(findFamily("2a"), 0);
    expect(shown(changed)).toEqual(shown(direct));
    expect(shown(changed)).not.toEqual(shown(before));
  }, 60000);
});
