import type { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { familyCriticalPoints, familyPattern } from "../src/families/critical.js";
import { FAMILIES } from "../src/families/registry.js";
import { familyWidthOffset } from "../src/families/models.js";
import { fullHessianSize } from "../src/reproduce/fullHessianCheck.js";
import { dimensionAtNumber } from "../src/representations/dimension.js";
import { componentEigenvalues } from "../src/hessian/spectrum.js";
import { DecimalField } from "../src/numbers/decimalField.js";
import { fullSpectrumDecimal, integerDimensions, unionWithMultiplicity } from "./support/fullSpectrum.js";

// Issue 5, verification at 30 digits: for every family and every integer d from the smallest in its range
// to 10 (families of other widths: the smallest d), the block eigenvalues with multiplicities (componentEigenvalues, the path `spurious spectrum`
// uses) against the full Hessian spectrum of the independent evaluator, both in Decimal(34) at a critical
// point good to 30 digits. Agreement to 1e-25 absolute (||H|| < 10 here), eigenvalue by eigenvalue.

const TOP = 10;
const D = new DecimalField(34);

describe("block spectra against the full Hessian, every integer d up to 10 (Decimal, 30 digits)", () => {
  for (const f of FAMILIES) {
    it(`family ${f.name}`, () => {
      // The families of other widths at the smallest d of their range (float64 checks them at every d to 12).
      const ds = integerDimensions(f, familyWidthOffset(f) === 0 ? TOP : Math.ceil(Number(f.range.min)));
      const points = familyCriticalPoints(f, ds.map(String), 30);
      points.forEach((point, i) => {
        const d = ds[i]!;
        const blocks = componentEigenvalues(D, familyPattern(f), point.x, D.fromInt(d)).map((c) => ({
          dimension: dimensionAtNumber(c.component.dimension, d),
          values: c.values,
        }));
        const union = unionWithMultiplicity<Decimal>(blocks, (u, v) => u.cmp(v));
        const full = fullSpectrumDecimal(D, f, point.x, d);
        expect(union.length, `${f.name} d = ${d}: eigenvalue count`).toBe(fullHessianSize(f, d, "trained"));
        expect(full.length).toBe(fullHessianSize(f, d, "trained"));
        let worst = D.zero();
        full.forEach((v, k) => (worst = D.D.max(worst, v.sub(union[k]!).abs())));
        expect(worst.toNumber(), `${f.name} d = ${d}`).toBeLessThan(1e-25);
      });
    }, 240_000);
  }
});
