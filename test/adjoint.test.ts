import { describe, expect, it } from "vitest";
import { adjointScalar } from "../src/diff/adjoint.js";
import { jetScalar } from "../src/diff/jet.js";
import { FAMILIES } from "../src/families/registry.js";
import { familyPattern } from "../src/families/critical.js";
import { declaredField } from "../src/ift/declaredField.js";
import { scaledSystemOf } from "../src/ift/familySeries.js";
import { parameterSeries } from "../src/ift/scaledSystem.js";
import { DecimalField } from "../src/numbers/decimalField.js";
import type { Field } from "../src/numbers/field.js";
import { QPI, type QPi } from "../src/numbers/qpi.js";
import { F64 } from "../src/numbers/floatField.js";
import type { Scalar } from "../src/numbers/scalar.js";
import { lossGradient, lossJet, weightParams } from "../src/patterns/derivatives.js";
import { Series } from "../src/series/series.js";
import { seriesScalar } from "../src/series/seriesScalar.js";
import { mulberry32, randInt } from "./support/random.js";

// The reverse-mode gradient (src/diff/adjoint.ts, lossGradient) against the forward-mode jets (lossJet of
// order 1), the path it replaces in the Newton–Hensel residual: over truncated series in eps with the
// families' exact coefficient fields it must be the same gradient exactly, to the same tracked precision,
// and over Decimal the same up to rounding; the value is the same computation in both, so it is equal.
// Over series the reference jets differentiate the kernel angle through x^2 + y^2, the adjoints and the
// Jacobian's jets through the partials the angle forms with it (atan2WithPartials, src/series/elementary.ts,
// over exact fields; a family whose declaration is numeric runs the series over Decimal).

const D40 = new DecimalField(40);

/** The largest difference of two series' coefficients on their common precision, over their largest coefficient. */
function roundingDistance<T>(F: Field<T>, a: Series<T>, b: Series<T>): number {
  const prec = Math.min(a.prec, b.prec);
  let scale = 0;
  let diff = 0;
  for (let k = Math.min(a.val, b.val); k < prec; k++) {
    scale = Math.max(scale, Math.abs(F.toDecimal(a.coeff(k), 20).toNumber()));
    diff = Math.max(diff, Math.abs(F.toDecimal(F.sub(a.coeff(k), b.coeff(k)), 20).toNumber()));
  }
  return scale === 0 ? diff : diff / scale;
}

describe("lossGradient equals the jets' gradient over series in eps (exactly over every family's exact field, to rounding over Decimal); so do the fused Hessians", () => {
  for (const f of FAMILIES) {
    const decl = f.series;
    if (decl === undefined || decl.exactPoint === true) continue;
    it(`family ${f.name}: a random point xt = xt(0) + c1 eps + c2 eps^2 + c3 eps^3 of its scaled system`, () => {
      const field = declaredField(decl.field);
      const F = field.F as Field<unknown>;
      const { sys, names, leading } = scaledSystemOf(f, F, field.read);
      const P = sys.P;
      const rng = mulberry32(7 + names.length);
      {
        // The leading values keep every limit angle and square root of the branch (and so the field); the
        // higher terms are random rationals.
        const xt = leading.map((c) => Series.of(F, 0, [c, ...[1, 2, 3].map(() => F.fromRational(randInt(rng, -9, 9), randInt(rng, 1, 7)))]));
        for (const work of [9, 12]) {
          const S = seriesScalar(F, work);
          // The jets without the kernel angle's fused partials (atan2WithPartials, given over exact fields)
          // differentiate atan2 through x^2 + y^2: another formula for every partial the adjoints record.
          const { atan2WithPartials, ...direct } = S;
          expect(atan2WithPartials !== undefined).toBe(F.exact);
          const x = parameterSeries(sys, xt.map((s) => s.truncate(work)));
          const d = Series.monomial(F, F.one(), -2);
          const forward = lossJet(direct, P, x, d, sys.unknowns, { order: work === 9 && F.exact ? 2 : 1 });
          const reverse = lossGradient(S, P, x, d, sys.unknowns);
          expect(reverse.value.equals(forward.value)).toBe(true);
          expect(reverse.gradient).toHaveLength(forward.gradient.length);
          reverse.gradient.forEach((g, j) => {
            const what = `${f.name} d/d${names[j]} at working precision ${work}`;
            if (F.exact) expect(g.equals(forward.gradient[j]!), what).toBe(true);
            else expect(roundingDistance(F, g, forward.gradient[j]!), what).toBeLessThan(1e-40);
          });
          // Asked for d/dx_j to O(eps^targets[j]) only (the Newton step's residual), the sweep gives it to
          // that precision (or its natural one, if lower) and agrees with the whole gradient there.
          const targets = names.map((_, j) => work - 6 + ((j * 5) % 3));
          const truncation = { valuation: (s: Series<unknown>) => s.val, truncate: (s: Series<unknown>, p: number) => s.truncate(p) };
          const capped = lossGradient(S, P, x, d, sys.unknowns, { truncation, targets });
          expect(capped.value.equals(forward.value)).toBe(true);
          capped.gradient.forEach((g, j) => {
            const whole = reverse.gradient[j]!;
            expect(g.prec, `${f.name} d/d${names[j]} to O(eps^${targets[j]})`).toBe(Math.min(targets[j]!, whole.prec));
            expect(g.equals(whole.truncate(g.prec))).toBe(true);
          });
          if (work !== 9 || !F.exact) continue;
          // The jets' Hessian with the fused partials (theta_xx = -2 theta_x theta_y, ...) is the same.
          const fused = lossJet(S, P, x, d, sys.unknowns, { order: 2 });
          fused.hessian!.forEach((row, j) => row.forEach((h, k) => expect(h.equals(forward.hessian![j]![k]!), `${f.name} H[${names[j]}][${names[k]}]`).toBe(true)));
        }
      }
    });
  }
});

describe("lossGradient equals the jets' gradient over Decimal and float64 (every family's pattern, random points, fractional d)", () => {
  for (const f of FAMILIES) {
    it(`family ${f.name}: with respect to every parameter and to the W coordinates alone`, () => {
      const P = familyPattern(f);
      const rng = mulberry32(100 + P.params.length);
      for (let trial = 0; trial < 3; trial++) {
        const raw = P.params.map(() => 2 * rng.uniform() - 1);
        const d = 20.25 + trial;
        const x = raw.map((v) => D40.fromDecimalString(v.toString()));
        for (const wrt of [P.params.map((_, k) => k), weightParams(P)]) {
          const forward = lossJet(D40, P, x, D40.fromDecimalString(d.toString()), wrt, { order: 1 });
          const reverse = lossGradient(D40, P, x, D40.fromDecimalString(d.toString()), wrt);
          expect(reverse.value.eq(forward.value)).toBe(true);
          const scale = forward.gradient.reduce((m, g) => (g.abs().gt(m) ? g.abs() : m), D40.one());
          reverse.gradient.forEach((g, k) => expect(g.sub(forward.gradient[k]!).abs().div(scale).toNumber()).toBeLessThan(1e-35));
          const forward64 = lossJet(F64, P, raw, d, wrt, { order: 1 });
          const reverse64 = lossGradient(F64, P, raw, d, wrt);
          expect(reverse64.value).toBe(forward64.value);
          reverse64.gradient.forEach((g, k) => expect(Math.abs(g - forward64.gradient[k]!)).toBeLessThan(1e-11 * Math.max(1, Math.abs(forward64.gradient[k]!))));
        }
      }
    });
  }
});

/** Series over Q(pi) whose base products are counted (each mul, and each term of a sum of products), and three series to work on. */
function countingSeries(): { counting: Scalar<Series<QPi>>; s: (k: number) => Series<QPi>; products: { count: number } } {
  const base = seriesScalar(QPI, 8);
  const products = { count: 0 };
  const counting: Scalar<Series<QPi>> = {
    ...base,
    mul: (a, b) => ((products.count += 1), base.mul(a, b)),
    sumOfProducts: (x, y) => ((products.count += x.length), base.sumOfProducts!(x, y)),
  };
  const s = (k: number): Series<QPi> => Series.of(QPI, 0, [QPI.fromInt(k), QPI.div(QPI.one(), QPI.add(QPI.pi(), QPI.fromInt(k))), QPI.fromRational(1, k + 1)], 8);
  return { counting, s, products };
}

describe("jets: a square over series in Q(pi)", () => {
  it("a a equals the general product of a and a copy, from fewer base products", () => {
    const { counting, s, products } = countingSeries();
    const J = jetScalar(counting, 3, 2);
    const [x, y, z] = [1, 2, 3].map((k, i) => J.variable(i, s(k)));
    const a = J.add(J.mul(x!, y!), J.mul(z!, z!));
    products.count = 0;
    const general = J.mul(a, { ...a });
    const generalProducts = products.count;
    products.count = 0;
    const square = J.mul(a, a);
    expect(square.v.equals(general.v)).toBe(true);
    J.gradient(square).forEach((g, i) => expect(g.equals(J.gradient(general)[i]!)).toBe(true));
    J.hessian(square).forEach((row, i) => row.forEach((h, j) => expect(h.equals(J.hessian(general)[i]![j]!)).toBe(true)));
    // n = 3, m = 6 Hessian entries: 1 + 2n + 4m products in general, 2 + 2n + 2m for a square
    expect(generalProducts).toBe(1 + 6 + 24);
    expect(products.count).toBe(2 + 6 + 12);
  });
});

describe("adjoints: a square over series in Q(pi)", () => {
  it("the gradient through a a equals the one through a and a copy, from fewer products in the sweep", () => {
    const { counting, s, products } = countingSeries();
    const sweep = (square: boolean): { gradient: Series<QPi>[]; products: number } => {
      const A = adjointScalar(counting);
      const [x, y] = [A.variable(s(1)), A.variable(s(2))];
      const a = A.add(A.mul(x, y), A.mul(y, y));
      const f = A.mul(A.mul(a, square ? a : { ...a }), x);
      products.count = 0;
      const gradient = A.gradient(f, [x, y]);
      return { gradient, products: products.count };
    };
    const [general, square] = [sweep(false), sweep(true)];
    square.gradient.forEach((g, i) => expect(g.equals(general.gradient[i]!)).toBe(true));
    expect(square.products).toBeLessThan(general.products);
  });
});

describe("adjointScalar", () => {
  it("the gradient of a small function of every operation is the jets' exactly over Decimal", () => {
    // f = (x y - z) / (x + 2) + sqrt(x^2 + z^2) - atan2(y, x z) * pi + (-y) / 3, at a point where
    // every operation is differentiable; each partial is recorded once, so x and y reach f by several paths.
    const f = <X>(S: Scalar<X>, [x, y, z]: X[]): X =>
      S.add(
        S.sub(S.add(S.div(S.sub(S.mul(x!, y!), z!), S.add(x!, S.fromInt(2))), S.sqrt(S.add(S.mul(x!, x!), S.mul(z!, z!)))), S.mul(S.atan2(y!, S.mul(x!, z!)), S.pi())),
        S.div(S.neg(y!), S.fromRational(3, 1)),
      );
    const point = ["0.75", "-1.5", "2.25"].map((s) => D40.fromDecimalString(s));
    const J = jetScalar(D40, 3, 1);
    const fj = f(J, point.map((v, i) => J.variable(i, v)));
    const A = adjointScalar(D40);
    const vars = point.map((v) => A.variable(v));
    const fa = f(A, vars);
    expect(fa.v.eq(fj.v)).toBe(true);
    A.gradient(fa, vars).forEach((g, i) => expect(g.sub(J.gradient(fj)[i]!).abs().toNumber()).toBeLessThan(1e-38));
  });

  it("a variable the output does not depend on, and a constant output, have gradient zero", () => {
    const A = adjointScalar(F64);
    const [x, y] = [A.variable(2), A.variable(3)];
    const out = A.mul(x, A.fromInt(5));
    expect(A.gradient(out, [x, y])).toEqual([5, 0]);
    expect(A.gradient(A.fromInt(1), [x, y])).toEqual([0, 0]);
    // A value recorded after the output does not reach it.
    A.mul(out, y);
    expect(A.gradient(out, [x, y])).toEqual([5, 0]);
  });

  it("sqrt of a variable at 0 is an error, as for the jets", () => {
    const A = adjointScalar(F64);
    expect(() => A.sqrt(A.variable(0))).toThrow(/not differentiable at 0/);
    expect(A.sqrt(A.fromInt(0)).v).toBe(0);
  });
});
