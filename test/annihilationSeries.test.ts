import { describe, expect, it } from "vitest";
import { paramsOf } from "../src/annihilation/annihilation.js";
import { splitSeries } from "../src/annihilation/splitSeries.js";
import { splitTest } from "../src/annihilation/splitTest.js";
import { familyCriticalPoint } from "../src/families/critical.js";
import { findFamily } from "../src/families/registry.js";
import { DecimalField } from "../src/numbers/decimalField.js";
import { evaluateSeries } from "../src/series/evaluate.js";

// docs/annihilation.md §4 (as series): the split test's eigenvalue series against the split test computed
// at real d on the cells from the Newton critical point (a second method), at two d: the error falls like
// eps^(order+1).

const F = new DecimalField(40);

describe("the split test's eigenvalues as series in eps", () => {
  it("1b, bulk class, order 2: exact in Q(pi), and within the truncation error of the split test at d = 1e4 and 1e6", () => {
    const f = findFamily("1b");
    const s = splitSeries(f, "bulk", 2);
    expect(s.components.map((c) => c.name)).toEqual(["trivial", "standard of the bulk"]);
    for (const d of ["1e4", "1e6"]) {
      const eps = F.fromDecimalString(d).sqrt().pow(-1);
      const numeric = splitTest(F, paramsOf(f, F, familyCriticalPoint(f, d, 30).x), F.fromDecimalString(d), "bulk", "trained");
      s.components.forEach((c, k) => {
        expect(c.unresolved).toBeUndefined();
        const expected = numeric.components[k]!.eigenvalues.map((x) => x.toNumber()).sort((x, y) => x - y);
        const values = c.eigenvalues.map((e) => evaluateSeries(e.series, eps, 30).toNumber()).sort((x, y) => x - y);
        expect(values).toHaveLength(expected.length);
        values.forEach((v, j) => expect(Math.abs(v - expected[j]!), `${c.name} at d = ${d}`).toBeLessThan(4 * eps.pow(3).toNumber()));
        c.eigenvalues.forEach((e) => expect(e.exact).toBe(true));
      });
    }
  }, 60_000);
});
