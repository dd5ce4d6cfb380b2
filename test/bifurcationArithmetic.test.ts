import type { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { elementParamPermutation } from "../src/bifurcation/axial.js";
import { fixedCoordinates, fixedJet, fromFixed, toFixed } from "../src/bifurcation/fixedCoordinates.js";
import { reducedEquation } from "../src/bifurcation/reduced.js";
import { refinedCriticalPoint } from "../src/bifurcation/refine.js";
import { walkBranch } from "../src/bifurcation/walk.js";
import { continueBranch } from "../src/families/continuation.js";
import { familyCriticalPoint, familyPattern } from "../src/families/critical.js";
import { newtonCriticalPoint } from "../src/families/newton.js";
import { precisionContext } from "../src/families/precision.js";
import { findFamily } from "../src/families/registry.js";
import { solveLinear } from "../src/linalg/solve.js";
import { DecimalField } from "../src/numbers/decimalField.js";
import { F64 } from "../src/numbers/floatField.js";
import { lossGradient, lossJet, weightParams } from "../src/patterns/derivatives.js";
import { restrictedLoss } from "../src/patterns/restrictedLoss.js";
import { splitPattern } from "../src/representations/splitPatterns.js";

// docs/bifurcation.md §3 and §4 ("Arithmetic of the branches"): the mixed-precision solve and the float64
// walk against Newton and continueBranch at the working digits; the jets in the coordinates of a fixed
// space against E^T g, E^T H E of the pattern's jets; the reduced equation's exact derivatives along phi
// against finite differences of the loss and of its gradient at 60 digits.

const maxGap = (u: readonly Decimal[], v: readonly Decimal[]): number => Math.max(...u.map((x, i) => x.sub(v[i]!).abs().toNumber()));

describe("branch points in mixed precision", () => {
  const f = findFamily("3b");
  const P = familyPattern(f);
  const precision = precisionContext(20);
  const start = familyCriticalPoint(f, "8", 20);

  it("refinedCriticalPoint is newtonCriticalPoint's root to the working digits, and walkBranch continueBranch's point", () => {
    const F = precision.working(9);
    const d = F.fromDecimalString("8.5");
    const x0 = start.x.map((v) => F.from(v));
    const mixed = refinedCriticalPoint(F, precision, fixedCoordinates(P), x0, d);
    const newton = newtonCriticalPoint(F, precision, P, x0, d);
    expect(maxGap(mixed.x, newton.x)).toBeLessThan(1e-25);
    expect(mixed.gradientNorm.toNumber()).toBeLessThan(1e-25);
    expect(mixed.loss.sub(newton.loss).abs().toNumber()).toBeLessThan(1e-28);
    const target = F.fromDecimalString("12");
    const walked = walkBranch(fixedCoordinates(P), x0, start.d, target, { precision });
    const continued = continueBranch(P, x0, start.d, target, { precision });
    expect(maxGap(walked.x, continued.x)).toBeLessThan(1e-25);
  });
});

describe("jets in the coordinates of a fixed space", () => {
  it("are E^T g and E^T H E of the pattern's jets, at a point of the fixed space of a 3-cycle", () => {
    const Q = splitPattern(familyPattern(findFamily("1b")), 3);
    const cycle = elementParamPermutation(Q, 3, { bulk: [1, 2, 0], singletons: [] });
    const square = cycle.map((p) => cycle[p]!);
    const c = fixedCoordinates(Q, [cycle, square]);
    expect(c.count).toBeLessThan(c.wrt.length);
    // A point of Fix: any point averaged over the group.
    const raw = Q.params.map((q, i) => (q.kind === "a" ? 1 : 0.3 * Math.sin(2 + 3 * i)));
    const x = raw.map((v, i) => (v + raw[cycle[i]!]! + raw[square[i]!]!) / 3);
    expect(Math.max(...fromFixed(c, x, toFixed(F64, c, x)).map((v, i) => Math.abs(v - x[i]!)))).toBeLessThan(1e-15);
    const d = 7.5;
    const z = fixedJet(F64, c, x, d);
    const full = lossJet(F64, Q, x, d, c.wrt);
    const E = (i: number, o: number): number => (c.orbit[i] === o ? 1 : 0);
    for (let o = 0; o < c.count; o++) {
      expect(z.gradient[o]).toBeCloseTo(c.wrt.reduce((s, _, i) => s + E(i, o) * full.gradient[i]!, 0), 12);
      for (let q = 0; q < c.count; q++) {
        let h = 0;
        c.wrt.forEach((_, i) => c.wrt.forEach((__, j) => (h += E(i, o) * full.hessian![i]![j]! * E(j, q))));
        expect(z.hessian[o]![q]).toBeCloseTo(h, 11);
      }
    }
  });
});

describe("the reduced equation's derivatives along phi", () => {
  it("b, c and the kernel residual agree with finite differences of the loss and of its gradient at 60 digits", () => {
    // Any direction phi: the formulas of docs/bifurcation.md §3 do not need H0 phi = 0 (the bordered system
    // is nonsingular for a generic phi), so the exact jets are compared with differences along one.
    const f = findFamily("2a");
    const R = familyPattern(f);
    const F = new DecimalField(60);
    const d = F.fromDecimalString("7.25");
    const x = familyCriticalPoint(f, "7.25", 40).x.map((v) => F.from(v));
    const wrt = weightParams(R);
    const phi = wrt.map((_, i) => F.fromDecimalString(String(0.5 + 0.25 * Math.cos(i))));
    // a (not compared here) from the point itself at d +- hd.
    const r = reducedEquation(F, R, x, d, wrt, phi, () => x);
    const at = (t: Decimal): Decimal[] => {
      const y = x.slice();
      wrt.forEach((k, i) => (y[k] = x[k]!.add(phi[i]!.mul(t))));
      return y;
    };
    const h = F.fromDecimalString("1e-9");
    const l = (k: number): Decimal => restrictedLoss(F, R, at(h.mul(k)), d);
    const l3 = l(2).sub(l(1).mul(2)).add(l(-1).mul(2)).sub(l(-2)).div(h.pow(3).mul(2));
    const l4 = l(2).sub(l(1).mul(4)).add(l(0).mul(6)).sub(l(-1).mul(4)).add(l(-2)).div(h.pow(4));
    expect(r.b.sub(l3.div(2)).abs().toNumber()).toBeLessThan(1e-10 * Math.max(1, Math.abs(l3.toNumber())));
    // c = (l4 - 3 r^T H0^+ r) / 6 with r the second difference of the gradient along phi, H0 the jet Hessian.
    const g = (k: number): Decimal[] => lossGradient(F, R, at(h.mul(k)), d, wrt).gradient;
    const [gp, g0, gm] = [g(1), g(0), g(-1)];
    const rd = gp.map((v, i) => v.sub(g0[i]!.mul(2)).add(gm[i]!).div(h.mul(h)));
    const H0 = lossJet(F, R, x, d, wrt).hessian!;
    const H0phi = H0.map((row) => row.reduce((s, v, j) => s.add(v.mul(phi[j]!)), F.zero()));
    const norm = (v: readonly Decimal[]): Decimal => v.reduce((s, y) => s.add(y.mul(y)), F.zero()).sqrt();
    expect(r.kernelResidual.sub(norm(H0phi).div(norm(phi))).abs().toNumber()).toBeLessThan(1e-30);
    const phiPhi = phi.reduce((s, y) => s.add(y.mul(y)), F.zero());
    const along = rd.reduce((s, v, i) => s.add(v.mul(phi[i]!)), F.zero()).div(phiPhi);
    const rPerp = rd.map((v, i) => v.sub(along.mul(phi[i]!)));
    const A = H0.map((row, i) => [...row, phi[i]!]);
    A.push([...phi, F.zero()]);
    const w = solveLinear(F, A, [...rPerp.map((v) => v.neg()), F.zero()]).slice(0, wrt.length);
    const c = l4.add(rd.reduce((s, v, i) => s.add(v.mul(w[i]!)), F.zero()).mul(3)).div(6);
    expect(r.c.sub(c).abs().toNumber()).toBeLessThan(1e-8 * Math.max(1, Math.abs(c.toNumber())));
  });
});
