import { describe, expect, it } from "vitest";
import { continueBranch } from "../src/families/continuation.js";
import { familyCriticalPoint, familyPattern, seedParams } from "../src/families/critical.js";
import { findFamily } from "../src/families/registry.js";
import { seriesStart, seriesStartThreshold } from "../src/families/seriesStart.js";
import { precisionContext } from "../src/families/precision.js";
import { DecimalField } from "../src/numbers/decimalField.js";

// Critical points started from the committed series (docs/families.md §7, "Starting from the series"):
// the point found from the series start is the point the continuation from the seed finds, to every digit
// asked; the start itself is close (a start, not the answer); a family without a series file, and d below
// the threshold, fall back to the continuation.

const DIGITS = 30;

describe("critical points from the series start", () => {
  for (const name of ["1b", "2a"]) {
    it(`family ${name} at d = 200: the series-started point equals the continued one to ${DIGITS} digits`, () => {
      const f = findFamily(name);
      const threshold = seriesStartThreshold(f)!;
      expect(threshold).toBeGreaterThan(1);
      expect(threshold).toBeLessThan(200);
      const fromSeries = familyCriticalPoint(f, "200", DIGITS);
      const P = familyPattern(f);
      const precision = precisionContext(DIGITS);
      const input = new DecimalField(precision.inputDigits);
      const continued = continueBranch(P, seedParams(f, input), input.fromDecimalString(f.seed.d), input.fromInt(200), { precision });
      fromSeries.x.forEach((v, k) => {
        expect(v.sub(continued.x[k]!).abs().toNumber(), `${P.params[k]!.alias}`).toBeLessThan(10 ** -(DIGITS - 2));
      });
      // The start is within the estimated truncation error of the point, but it is not the point.
      const work = precision.working(200);
      const start = seriesStart(f, P, work, work.fromInt(200))!;
      const distance = Math.max(...start.map((v, k) => v.sub(continued.x[k]!).abs().toNumber()));
      expect(distance).toBeLessThan(1e-6);
      expect(distance).toBeGreaterThan(0);
    });
  }

  it("below the threshold there is no series start, and a family without a series file has none", () => {
    const f = findFamily("2a");
    const work = new DecimalField(40);
    const P = familyPattern(f);
    expect(seriesStart(f, P, work, work.fromInt(10))).toBeUndefined();
    const unnamed = { ...f, name: "no-such-series" };
    expect(seriesStartThreshold(unnamed)).toBeUndefined();
    expect(seriesStart(unnamed, P, work, work.fromInt(10 ** 6))).toBeUndefined();
    // ... and still gets its critical point, by continuation, equal to the series-started one.
    const a = familyCriticalPoint(unnamed, "300", DIGITS);
    const b = familyCriticalPoint(f, "300", DIGITS);
    a.x.forEach((v, k) => expect(v.sub(b.x[k]!).abs().toNumber()).toBeLessThan(10 ** -(DIGITS - 2)));
  });
});
