import { describe, expect, it } from "vitest";
import Fraction from "fraction.js";
import { Decimal } from "decimal.js";
import { Q } from "../src/numbers/rational.js";
import { QPI, type QPi } from "../src/numbers/qpi.js";
import { DecimalField } from "../src/numbers/decimalField.js";
import { Series } from "../src/series/series.js";
import { atan, atan2, atan2WithPartials, derivative, integral, sqrt } from "../src/series/elementary.js";
import { compose } from "../src/series/compose.js";
import { evaluateSeries } from "../src/series/evaluate.js";
import { mulberry32, randInt } from "./support/random.js";
import {
  type CoefficientGenerator,
  qpiCoefficients,
  randomSeries,
  rationalCoefficients,
  refineSeries,
} from "./support/randomSeries.js";

// ---- helpers --------------------------------------------------------------------------------


const F = QPI;
const PI_Q = QPI.pi();
const q = (n: number, d = 1): QPi => F.fromRational(n, d);
const piTimes = (n: number, d = 1): QPi => F.mul(q(n, d), PI_Q);
/** The series over Q(pi) with the given coefficients from eps^val on, known to O(eps^prec). */
const S = (val: number, coeffs: QPi[], prec = Infinity): Series<QPi> => Series.of(F, val, coeffs, prec);
const SQ = (val: number, coeffs: number[], prec = Infinity): Series<Fraction> =>
  Series.of(
    Q,
    val,
    coeffs.map((c) => Q.fromInt(c)),
    prec,
  );

// Numeric side: evaluate with evaluateSeries at 60 digits, reference functions from decimal.js at 60
// digits applied to the evaluated inputs.
const DIGITS = 60;
const R = Decimal.clone({ precision: DIGITS });
const EPS = new R("1e-6");
const EPS2 = new R("1e-7");
const ev = <T>(s: Series<T>, eps: Decimal = EPS): Decimal => evaluateSeries(s, eps, DIGITS);

/**
 * The error of s against the reference is C eps^prec(s) + O(eps^(prec+1)) with one constant C: the
 * scaled errors C1 = err(1e-6)/1e-6^prec and C2 = err(1e-7)/1e-7^prec agree to 1e-3 (relative) or
 * 1e-2 (absolute, when C = 0). A wrong coefficient w at order prec - 1 makes C2 - C1 = 9e6 w, and an
 * error of order eps^(prec-1) or worse fails. An exact s must match to rounding.
 */
function expectNumeric<T>(s: Series<T>, ref: (eps: Decimal) => Decimal, label = ""): void {
  if (s.isExact()) {
    const expected = ref(EPS);
    const err = ev(s).sub(expected).abs();
    expect(err.lte(Decimal.max(expected.abs(), new R(1)).mul("1e-52")), `${label} ${s.toString()}`).toBe(true);
    return;
  }
  const [c1, c2] = [EPS, EPS2].map((e) => ev(s, e).sub(ref(e)).div(e.pow(s.prec)));
  const diff = c1!.sub(c2!).abs();
  const tol = c1!.abs().add(c2!.abs()).mul("1e-3").add("1e-2");
  const message = `${label} ${s.toString()}: scaled errors ${c1!.toExponential(4)}, ${c2!.toExponential(4)}`;
  expect(diff.lte(tol), message).toBe(true);
}

// ---- representation --------------------------------------------------------------------------------

describe("series representation", () => {
  it("Series.of strips leading zeros, drops coefficients at or beyond prec and pads known zeros", () => {
    const s = SQ(-2, [0, 0, 1, 2, 3, 4], 2);
    expect(s.val).toBe(0);
    expect(s.prec).toBe(2);
    expect(s.coeffs.map(String)).toEqual(["1", "2"]);
    expect(s.relPrec()).toBe(2);
    const padded = SQ(0, [5], 4);
    expect(padded.coeffs.length).toBe(4);
    expect(padded.toString()).toBe("5 + O(eps^4)");
    const exact = SQ(1, [3, 0, 0]);
    expect(exact.coeffs.length).toBe(1);
    expect(exact.isExact()).toBe(true);
    expect(exact.toString()).toBe("3*eps");
    const z = SQ(0, [0, 0], 3);
    expect(z.isZero()).toBe(true);
    expect([z.val, z.prec]).toEqual([3, 3]);
    expect(() => Series.of(Q, 0.5, [])).toThrow(RangeError);
    expect(() => Series.of(Q, 0, [], 2.5)).toThrow(RangeError);
  });
  it("coefficient access: zero below the valuation, an error at or beyond the precision", () => {
    const s = SQ(-1, [1, 2, 3], 2);
    expect(s.coeff(-5).toString()).toBe("0");
    expect(s.coeff(1).toString()).toBe("3");
    expect(() => s.coeff(2)).toThrow(RangeError);
    expect(() => s.coeff(2)).toThrow("coefficient of eps^2 is unknown: the series is only known to O(eps^2)");
    expect(() => SQ(0, [], 3).lead()).toThrow(/zero to O\(eps\^3\)/);
    expect(SQ(0, [1]).coeff(1000).toString()).toBe("0");
  });
  it("truncate, shift, scale, neg; equals versus agreesWith", () => {
    const s = S(0, [q(1), PI_Q, q(1, 2)], 3);
    expect(s.truncate(2).prec).toBe(2);
    expect(s.truncate(7)).toBe(s);
    const sh = s.shift(-3);
    expect([sh.val, sh.prec]).toEqual([-3, 0]);
    expect(F.equals(sh.coeff(-2), PI_Q)).toBe(true);
    const sc = s.scale(PI_Q);
    expect(F.toString(sc.coeff(1))).toBe("pi^2");
    expect(s.scale(F.zero()).isExact()).toBe(true);
    expect(s.neg().add(s).isZero()).toBe(true);
    expect(s.equals(s.truncate(2))).toBe(false);
    expect(s.agreesWith(s.truncate(2))).toBe(true);
    expect(s.agreesWith(S(0, [q(1), q(3)], 3))).toBe(false);
  });
  it("toString shows pi coefficients in parentheses and the order term", () => {
    const s = S(-1, [piTimes(1, 3), q(0), q(-2)], 3);
    expect(s.toString()).toBe("pi/3*eps^-1 + -2*eps + O(eps^3)");
    expect(S(0, [F.add(PI_Q, q(1))]).toString()).toBe("(pi + 1)");
    expect(Series.zero(F).toString()).toBe("0");
    expect(Series.zero(F, 4).toString()).toBe("O(eps^4)");
  });
  it("mapCoefficients moves a series between fields, keeping valuation and precision", () => {
    const s = S(-1, [PI_Q, q(1, 3)], 1);
    const D60 = new DecimalField(60);
    const d = s.mapCoefficients(D60, (c) => F.toDecimal(c, 60));
    expect([d.val, d.prec]).toEqual([-1, 1]);
    expect(d.coeff(-1).toString().slice(0, 12)).toBe("3.1415926535");
  });
});

// ---- order bookkeeping ----------------------------------------------------------------------------

describe("squares over an exact field", () => {
  it("a.mul(a) takes half the products and equals the general product", () => {
    // Count the products that the field's sums of products are given.
    let products = 0;
    const counting = new Proxy(QPI, {
      get(target, key) {
        if (key === "sumOfProducts") return (x: QPi[], y: QPi[]) => ((products += x.length), target.sumOfProducts(x, y));
        const v = Reflect.get(target, key) as unknown;
        return typeof v === "function" ? (v as (...args: unknown[]) => unknown).bind(target) : v;
      },
    });
    const n = 12;
    const coeffs = Array.from({ length: n }, (_, k) => F.add(q(k + 1, k + 2), F.div(q(k % 3), F.add(PI_Q, q(k)))));
    const a = Series.of(counting, -1, coeffs, n - 1);
    const general = a.mul(Series.of(counting, -1, coeffs, n - 1));
    const generalProducts = products;
    products = 0;
    const square = a.mul(a);
    expect(square.equals(general)).toBe(true);
    // the general rule: k + 1 products for coefficient k = 0..n-1; the square: floor(k/2) + 1
    expect(generalProducts).toBe((n * (n + 1)) / 2);
    expect(products).toBeLessThanOrEqual(Array.from({ length: n }, (_, k) => Math.floor(k / 2) + 1).reduce((s, x) => s + x, 0));
  });
});

describe("square roots over an exact field", () => {
  it("sqrt by sums of products equals the left fold, from fewer products", () => {
    let products = 0;
    // QPI counting its products (mul, and each term of a sum of products), with or without sums of products.
    const field = (sums: boolean): typeof QPI =>
      new Proxy(QPI, {
        get(target, key) {
          if (key === "sumOfProducts") return sums ? (x: QPi[], y: QPi[]) => ((products += x.length), target.sumOfProducts(x, y)) : undefined;
          if (key === "mul") return (x: QPi, y: QPi) => ((products += 1), target.mul(x, y));
          const v = Reflect.get(target, key) as unknown;
          return typeof v === "function" ? (v as (...args: unknown[]) => unknown).bind(target) : v;
        },
      });
    const n = 16;
    const coeffs = Array.from({ length: n }, (_, k) => (k === 0 ? q(9, 4) : F.add(q(k, k + 3), F.div(q(1), F.add(PI_Q, q(k % 4))))));
    products = 0;
    const folded = sqrt(Series.of(field(false), 2, coeffs, n + 2));
    const foldProducts = products;
    products = 0;
    const summed = sqrt(Series.of(field(true), 2, coeffs, n + 2));
    const sumProducts = products;
    expect(summed.equals(folded)).toBe(true);
    expect(summed.mul(summed).equals(Series.of(QPI, 2, coeffs, n + 2).mul(Series.constant(QPI, QPI.one())))).toBe(true);
    expect(foldProducts).toBe(((n - 1) * (n - 2)) / 2);
    expect(sumProducts).toBeLessThan((4 * foldProducts) / 5);
  });
});

describe("order bookkeeping", () => {
  it("a product of an O(eps^5) series with a series of valuation -2 is known to O(eps^3)", () => {
    const a = SQ(0, [1, 1, 1, 1, 1], 5);
    const b = SQ(-2, [1, 4]);
    const p = a.mul(b);
    expect([p.val, p.prec]).toEqual([-2, 3]);
    // both inexact: min(val(a) + prec(b), val(b) + prec(a)) = min(0 + 1, -2 + 5) = 1
    const p2 = a.mul(SQ(-2, [1, 4, 2], 1));
    expect([p2.val, p2.prec]).toEqual([-2, 1]);
    // exact * exact stays exact
    expect(SQ(-1, [1, 1]).mul(SQ(2, [1, -1])).toString()).toBe("1*eps + -1*eps^3");
  });
  it("the product precision is min(v_a + p_b, v_b + p_a) on random pairs", () => {
    const rnd = mulberry32(1);
    for (let i = 0; i < 30; i++) {
      const a = randomSeries(rationalCoefficients, rnd, -2, 2);
      const b = randomSeries(rationalCoefficients, rnd, -2, 2);
      expect(a.mul(b).prec).toBe(Math.min(a.val + b.prec, b.val + a.prec));
      expect(a.mul(b).val).toBe(a.val + b.val);
    }
  });
  it("Series.sumOfProducts equals the fold of mul and add (value, valuation, precision), with exact, zero and cancelling pairs", () => {
    const rnd = mulberry32(7);
    for (let run = 0; run < 40; run++) {
      const k = randInt(rnd, 1, 5);
      const xs: Series<QPi>[] = [];
      const ys: Series<QPi>[] = [];
      for (let p = 0; p < k; p++) {
        const pick = (): Series<QPi> => {
          const r = rnd.uniform();
          if (r < 0.1) return Series.zero(F);
          if (r < 0.15) return Series.zero(F, randInt(rnd, -1, 4));
          const s = randomSeries(qpiCoefficients, rnd, -2, 2);
          return r < 0.3 ? Series.of(F, s.val, s.coeffs) : s;
        };
        xs.push(pick());
        ys.push(pick());
      }
      if (run % 4 === 0 && k >= 2) {
        // the second pair cancels the first one's leading terms
        xs[1] = xs[0]!.neg();
        ys[1] = refineSeries(qpiCoefficients, ys[0]!, rnd);
      }
      let fold = xs[0]!.mul(ys[0]!);
      for (let p = 1; p < k; p++) fold = fold.add(xs[p]!.mul(ys[p]!));
      const got = Series.sumOfProducts(F, xs, ys);
      expect([got.val, got.prec], `run ${run}`).toEqual([fold.val, fold.prec]);
      expect(got.equals(fold), `run ${run}: ${got.toString()} vs ${fold.toString()}`).toBe(true);
    }
  });
  it("sums take the minimum precision; cancellation raises the valuation, down to a zero O(eps^p)", () => {
    const a = SQ(0, [1, 1, 5], 3);
    const b = SQ(0, [-1, 0, 0, 0, 2], 5);
    const s = a.add(b);
    expect([s.val, s.prec]).toEqual([1, 3]);
    expect(s.toString()).toBe("1*eps + 5*eps^2 + O(eps^3)");
    const z = SQ(0, [1, 2], 2).sub(SQ(0, [1, 2, 3]));
    expect(z.isZero()).toBe(true);
    expect([z.val, z.prec]).toEqual([2, 2]);
    expect(SQ(0, [1]).add(SQ(-1, [1], 4)).prec).toBe(4);
  });
  it("inv keeps the relative precision: v -> -v, p -> p - 2v", () => {
    const s = SQ(2, [2, 1, 3], 5);
    const i = s.inv();
    expect([i.val, i.prec, i.relPrec()]).toEqual([-2, 1, 3]);
    expect(s.mul(i).equals(SQ(0, [1], 3))).toBe(true);
    expect(() => SQ(2, [2, 1]).inv()).toThrow(
      "inverse of an exact series is an infinite series: give the precision wanted",
    );
    const j = SQ(2, [2, 1]).inv(3);
    expect([j.val, j.prec]).toEqual([-2, 3]);
    expect(() => SQ(0, [], 4).inv()).toThrow(/cannot invert a series that is zero to O\(eps\^4\)/);
  });
  it("division: precision min(v_a + relPrec(b), p_a) - v_b; an exact divisor takes the dividend's precision", () => {
    const a = SQ(1, [1, 2, 3], 4);
    const b = SQ(-1, [2, 1, 1], 2);
    const d = a.div(b);
    expect([d.val, d.prec]).toEqual([2, Math.min(1 + 3, 4) + 1]);
    const e = a.div(SQ(-1, [1, 1])); // exact divisor
    expect([e.val, e.prec]).toEqual([2, 5]);
    expect(e.mul(SQ(-1, [1, 1])).equals(a)).toBe(true);
    expect(a.div(b, 3).prec).toBe(3);
    expect(() => SQ(0, [1]).div(SQ(0, [1, 1]))).toThrow(/give the precision wanted/);
    expect(SQ(0, [1]).div(SQ(0, [1, 1]), 4).toString()).toBe("1 + -1*eps + 1*eps^2 + -1*eps^3 + O(eps^4)");
    expect(() => a.div(SQ(0, [], 3))).toThrow(/cannot divide by a series that is zero to O\(eps\^3\)/);
    // zero dividends: O(eps^p)/b = O(eps^(p - v_b)); the exact zero stays exact
    expect(SQ(0, [], 3).div(b).prec).toBe(4);
    expect(Series.zero(Q).div(b).isExact()).toBe(true);
    expect(Series.zero(Q).div(SQ(0, [1, 1]), 5).prec).toBe(5);
  });
  it("sqrt halves the valuation and keeps the relative precision", () => {
    const s = SQ(-4, [4, 4, 1, 0], 0);
    const r = sqrt(s);
    expect([r.val, r.prec, r.relPrec()]).toEqual([-2, 2, 4]);
    expect(r.toString()).toBe("2*eps^-2 + 1*eps^-1 + O(eps^2)");
    expect(sqrt(SQ(0, [1, 1]), 3).toString()).toBe("1 + 1/2*eps + -1/8*eps^2 + O(eps^3)");
    expect(() => sqrt(SQ(0, [1, 1]))).toThrow(
      "sqrt of an exact series is an infinite series: give the precision wanted",
    );
    expect(sqrt(Series.zero(Q)).isExact()).toBe(true);
  });
  it("sqrt errors name the failed condition: odd valuation, non-square or negative lead, zero to precision", () => {
    expect(() => sqrt(SQ(-1, [1, 1], 3))).toThrow(RangeError);
    expect(() => sqrt(SQ(-1, [1, 1], 3))).toThrow("sqrt: the valuation -1 is odd (the root would need eps^(1/2))");
    expect(() => sqrt(SQ(0, [2, 1], 3))).toThrow(
      "sqrt: the leading coefficient 2 is not the square of an element of Q",
    );
    expect(() => sqrt(S(0, [PI_Q], 3))).toThrow(
      "sqrt: the leading coefficient pi is not the square of an element of Q(pi)",
    );
    expect(() => sqrt(SQ(0, [-4, 1], 3))).toThrow(/is not the square .* \(it is negative\)/);
    expect(() => sqrt(SQ(0, [], 3))).toThrow(RangeError);
    expect(() => sqrt(SQ(0, [], 3))).toThrow("sqrt of a series that is zero to O(eps^3): its leading term is unknown");
  });
  it("derivative lowers the precision by one, integral raises it by one; 1/eps cannot be integrated", () => {
    const s = SQ(-2, [1, 2, 3, 4], 2);
    const d = derivative(s);
    expect([d.val, d.prec]).toEqual([-3, 1]);
    const i = integral(SQ(0, [1, 2, 3], 3));
    expect([i.val, i.prec]).toEqual([1, 4]);
    expect(() => integral(s)).toThrow("integral: the coefficient of eps^-1 is nonzero (a logarithm would appear)");
    // the constant term vanishes under d/deps: the valuation may rise
    expect(derivative(SQ(0, [5, 0, 1], 3)).toString()).toBe("2*eps + O(eps^2)");
  });
  it("pow: s^n is known to O(eps^((n-1) v + p)); s^0 = 1 exactly; negative n through the inverse", () => {
    const s = SQ(1, [1, 1, 2], 4);
    for (const n of [1, 2, 3, 5]) {
      const p = s.pow(n);
      expect([p.val, p.prec]).toEqual([n, (n - 1) * 1 + 4]);
    }
    expect(s.pow(0).equals(SQ(0, [1]))).toBe(true);
    const m = s.pow(-2);
    expect([m.val, m.prec]).toEqual([-2, 1]); // relative precision 3 kept
    expect(() => s.pow(1.5)).toThrow(RangeError);
    expect(() => SQ(0, [1, 1]).pow(-1)).toThrow(/give the precision wanted/);
    expect(SQ(0, [1, 1]).pow(-1, 3).toString()).toBe("1 + -1*eps + 1*eps^2 + O(eps^3)");
  });
  it("atan keeps the absolute precision, needs valuation >= 0 and atan(s0) in the field", () => {
    const s = S(1, [q(1), q(2)], 5);
    expect(atan(s).prec).toBe(5);
    expect(atan(S(0, [q(-1), q(1)], 4)).prec).toBe(4);
    expect(() => atan(S(-1, [q(1)], 3))).toThrow("atan: the series has a pole (valuation -1); use atan2");
    expect(() => atan(S(0, [q(2)], 3))).toThrow("atan: arctan(2) does not lie in Q(pi); run over Decimal");
    expect(() => atan(S(1, [q(1)]))).toThrow(
      "atan of an exact series is an infinite series: give the precision wanted",
    );
    expect(atan(S(1, [q(1)]), 4).toString()).toBe("1*eps + -1/3*eps^3 + O(eps^4)");
  });
  // v_s != 0: O(eps^min((v_s + n) v_t, (v_s - 1) v_t + p_t));
  // v_s = 0:  O(eps^min(n v_t, (k1 - 1) v_t + p_t)), k1 the first k >= 1 with c_k != 0 (docs/series.md)
  it("compose: precision from the truncation of s and from s'(t) times the uncertainty of t", () => {
    // v_s = 0: s = 1 + eps + eps^2 + O(eps^3), t = eps + O(eps^4): min(3 * 1, 0 + 4) = 3
    const a = compose(SQ(0, [1, 1, 1], 3), SQ(1, [1], 4));
    expect([a.val, a.prec]).toEqual([0, 3]);
    // v_s = 0, c_1 = 0: s = 1 + eps^2 + O(eps^5), t = eps + O(eps^3): min(5, (2 - 1) * 1 + 3) = 4
    expect(compose(SQ(0, [1, 0, 1], 5), SQ(1, [1], 3)).prec).toBe(4);
    // v_s = -1: s = eps^-1 (1 + eps + O(eps^3)), t = 2 eps + eps^2 + O(eps^3): min(2 * 1, -2 + 3) = 1
    const b = compose(SQ(-1, [1, 1, 0], 2), SQ(1, [2, 1], 3));
    expect([b.val, b.prec]).toEqual([-1, 1]);
    // v_s = 2, t = eps^2 + O(eps^5): min((2 + 2) * 2, 1 * 2 + 5) = 7
    expect(compose(SQ(2, [1, 3], 4), SQ(2, [1], 5)).prec).toBe(7);
    // exact inputs of non-negative valuation give an exact result
    expect(compose(SQ(0, [1, 1]), SQ(1, [1, 1])).toString()).toBe("1 + 1*eps + 1*eps^2");
    expect(() => compose(SQ(0, [1, 1]), SQ(0, [1, 1]))).toThrow(
      "compose: the inner series must have positive valuation, got 0",
    );
    expect(() => compose(SQ(0, [1, 1]), SQ(0, [], 2))).toThrow(/got a zero series/);
  });
  it("the exact zero is handled by truncate, derivative, integral, div, atan and atan2", () => {
    // Regression: these threw "series valuation must be an integer, got Infinity" (the exact zero is
    // stored with val = Infinity), or "give the precision wanted" from a quotient inside atan2.
    const z = Series.zero(F);
    expect(z.truncate(3).toString()).toBe("O(eps^3)");
    expect(derivative(z).isExact() && derivative(z).isZero()).toBe(true);
    expect(integral(z).isExact() && integral(z).isZero()).toBe(true);
    expect(z.scale(PI_Q).isZero()).toBe(true);
    expect(z.div(S(0, [q(1), q(2)]), 5).toString()).toBe("O(eps^5)");
    expect(atan(z).isExact()).toBe(true);
    const x = S(0, [q(1), q(2)]);
    const x1 = S(0, [q(-1), q(2)]);
    expect(atan2(z, x).isExact() && atan2(z, x).isZero()).toBe(true); // parallel vectors: angle 0
    expect(atan2(z, x1).toString()).toBe("pi"); // antiparallel: angle pi
    expect(atan2(x, z).toString()).toBe("pi/2");
    expect(evaluateSeries(z, 2, 30).isZero()).toBe(true);
  });
});

// ---- identities, exactly and numerically -----------------------------------------------------------

describe("identities over Q(pi), checked exactly and at eps = 1e-6, 1e-7", () => {
  // s = eps^-2 (pi^2 + eps + (pi - 2) eps^2 + eps^3 / 3 - pi eps^4) + O(eps^3)
  const s = S(-2, [F.mul(PI_Q, PI_Q), q(1), F.sub(PI_Q, q(2)), q(1, 3), piTimes(-1)], 3);

  it("sqrt(s)^2 = s to the tracked order", () => {
    const r = sqrt(s);
    expect([r.val, r.prec]).toEqual([-1, 4]);
    expect(F.toString(r.lead())).toBe("pi");
    expect(r.mul(r).equals(s)).toBe(true);
    expectNumeric(r, (e) => R.sqrt(ev(s, e)), "sqrt");
    // sharpness: sqrt(1 + eps + O(eps^3)) misses 1/16 eps^3 of sqrt(1 + eps), so the error is ~eps^3
    const u = sqrt(SQ(0, [1, 1], 3));
    const err = ev(u).sub(R.sqrt(EPS.add(1))).abs();
    expect(err.div(EPS.pow(3)).toNumber()).toBeCloseTo(1 / 16, 5);
  });
  it("atan(s) against decimal.js atan of the evaluated s, and tan(atan s) = s", () => {
    const t = S(1, [q(1), PI_Q, q(-1, 2), q(2)], 5);
    const a = atan(t);
    expectNumeric(a, (e) => R.atan(ev(t, e)), "atan");
    expect(R.tan(ev(a)).sub(ev(t)).abs().lte(EPS.pow(5).mul(1e4))).toBe(true);
    // exactly: d/deps atan(t) = t' / (1 + t^2), to the order both are known
    const one = Series.constant(F, F.one());
    expect(derivative(a).agreesWith(derivative(t).div(one.add(t.mul(t))))).toBe(true);
    // constant term pi/4 when t(0) = 1
    const b = atan(S(0, [q(1), F.inv(PI_Q), q(2)], 4));
    expect(F.toString(b.coeff(0))).toBe("pi/4");
    expectNumeric(b, (e) => R.atan(ev(S(0, [q(1), F.inv(PI_Q), q(2)], 4), e)), "atan near pi/4");
  });

  describe("atan2 on every branch, against decimal.js atan2 of the evaluated inputs", () => {
    const cases: [string, Series<QPi>, Series<QPi>, string][] = [
      // [label, y, x, exact constant term]
      ["near 0 (val y > val x, x > 0)", S(1, [piTimes(1, 3), q(2), q(-1)], 4), S(0, [q(2), PI_Q, q(1)], 3), "0"],
      ["near pi/2 (val y < val x, y > 0)", S(0, [q(3), q(1), PI_Q], 3), S(1, [F.sub(PI_Q, q(1)), q(1)], 4), "pi/2"],
      ["near pi (val y > val x, x < 0)", S(2, [q(1), q(-1)], 5), S(0, [piTimes(-1), q(1), q(1)], 3), "pi"],
      ["near -pi/2 (val y < val x, y < 0)", S(-1, [q(-2), q(1), q(1)], 2), S(0, [q(1), PI_Q], 2), "-pi/2"],
      ["near -pi (val y > val x, y < 0, x < 0)", S(1, [q(-1), q(1)], 4), S(0, [q(-1), q(1, 2), q(1)], 3), "-pi"],
      ["at pi/4 (equal valuations, y0/x0 = 1)", S(0, [PI_Q, q(1), q(1)], 3), S(0, [PI_Q, q(-1), q(2)], 3), "pi/4"],
      ["at 3pi/4 (equal valuations, x < 0)", S(-1, [q(2), q(1), q(3)], 2), S(-1, [q(-2), q(1), q(1)], 2), "(3*pi)/4"],
      ["at -3pi/4 (equal vals, both < 0)", S(0, [q(-1), PI_Q, q(1)], 3), S(0, [q(-1), q(0), q(1)], 3), "-(3*pi)/4"],
      ["at -pi/4 (equal valuations, y < 0 < x)", S(0, [q(-1), q(1), q(1)], 3), S(0, [q(1), q(2), q(1)], 3), "-pi/4"],
    ];
    it.each(cases)("%s", (_label, y, x, c0) => {
      const a = atan2(y, x);
      expect(F.toString(a.coeff(0))).toBe(c0);
      expectNumeric(a, (e) => R.atan2(ev(y, e), ev(x, e)), "atan2");
      // exactly: atan2(y, x) - atan(y/x) is the constant 0 or +-pi (v_y >= v_x), or
      // atan2(y, x) + atan(x/y) is the constant +-pi/2 (v_y < v_x)
      const [ySign, xSign] = [F.sign(y.lead()), F.sign(x.lead())];
      const d = y.val >= x.val ? a.sub(atan(y.div(x))) : a.add(atan(x.div(y)));
      const shift = y.val < x.val ? c0 : xSign > 0 ? "0" : ySign < 0 ? "-pi" : "pi";
      expect(d.coeffs.slice(1).every((t) => F.isZero(t))).toBe(true);
      expect(F.toString(d.coeff(0))).toBe(shift);
    });
    it.each(cases)("%s: atan2WithPartials gives the same angle and x/(x^2+y^2), -y/(x^2+y^2) exactly, as precise", (_label, y, x) => {
      const { angle, dy, dx } = atan2WithPartials(y, x);
      expect(angle.equals(atan2(y, x))).toBe(true);
      const rho = x.mul(x).add(y.mul(y));
      const [ry, rx] = [x.div(rho), y.div(rho).neg()];
      expect(dy.sub(ry).isZero() && dx.sub(rx).isZero()).toBe(true);
      expect(dy.prec).toBeGreaterThanOrEqual(ry.prec);
      expect(dx.prec).toBeGreaterThanOrEqual(rx.prec);
    });
    it("atan2WithPartials on exact inputs (truncated at prec) and with a numerator zero to its precision", () => {
      const [ye, xe] = [S(1, [q(1), q(2)]), S(0, [q(-1), q(1)])];
      const e = atan2WithPartials(ye, xe, 6);
      expect(e.angle.equals(atan2(ye, xe, 6))).toBe(true);
      const rho = xe.mul(xe).add(ye.mul(ye));
      expect(e.dy.sub(xe.div(rho, 6)).isZero() && e.dx.sub(ye.div(rho, 6).neg()).isZero()).toBe(true);
      // y = O(eps^4): the angle is atan2's, the partials those of x^2 + y^2
      const [yz, x] = [S(0, [], 4), S(0, [q(2), PI_Q, q(1)], 3)];
      const z = atan2WithPartials(yz, x);
      expect(z.angle.equals(atan2(yz, x))).toBe(true);
      const rz = x.mul(x).add(yz.mul(yz));
      expect(z.dy.equals(x.div(rz)) && z.dx.equals(yz.div(rz).neg())).toBe(true);
    });
    it("precision is that of the quotient formed; exact inputs need prec", () => {
      const y = S(1, [q(1), q(2)], 4);
      const x = S(0, [q(1), q(1)], 3);
      expect(atan2(y, x).prec).toBe(y.div(x).prec);
      const ye = S(1, [q(1), q(2)]);
      const xe = S(0, [q(-1), q(1)]);
      expect(() => atan2(ye, xe)).toThrow(/give the precision wanted/);
      const a = atan2(ye, xe, 6);
      expect(a.prec).toBe(6);
      expectNumeric(a, (e) => R.atan2(ev(ye, e), ev(xe, e)), "atan2 exact inputs");
    });
    it("a constant atan(y0/x0) outside Q(pi) is an error over Q(pi), fine over Decimal", () => {
      const y = S(0, [q(2), q(1)], 3);
      const x = S(0, [q(1), q(1)], 3);
      expect(() => atan2(y, x)).toThrow("atan: arctan(2) does not lie in Q(pi); run over Decimal");
      const D60 = new DecimalField(DIGITS);
      const toD = (t: Series<QPi>): Series<Decimal> => t.mapCoefficients(D60, (c) => F.toDecimal(c, DIGITS));
      const a = atan2(toD(y), toD(x));
      expectNumeric(a, (e) => R.atan2(ev(y, e), ev(x, e)), "atan2 over Decimal");
      expect(() => atan2(SQ(1, [1], 3), SQ(0, [1], 3))).toThrow("atan2: pi does not lie in Q");
      expect(() => atan2(S(0, [], 2), S(0, [], 3))).toThrow(/both series are zero to their precision/);
    });
  });

  it("inverse and division", () => {
    const i = s.inv();
    expect(s.mul(i).equals(Series.constant(F, F.one(), s.relPrec()))).toBe(true);
    expectNumeric(i, (e) => new R(1).div(ev(s, e)), "inv");
    const b = S(1, [piTimes(1, 2), q(1), q(-1), q(1, 5)], 5);
    const d = s.div(b);
    expect(d.mul(b).agreesWith(s)).toBe(true);
    expectNumeric(d, (e) => ev(s, e).div(ev(b, e)), "div");
  });
  it("integer powers, negative included", () => {
    const b = S(-1, [q(2), PI_Q, q(-1), q(1, 5)], 3);
    let acc = Series.constant(F, F.one());
    for (let n = 1; n <= 5; n++) {
      acc = acc.mul(b);
      expect(b.pow(n).equals(acc)).toBe(true);
      expectNumeric(b.pow(n), (e) => ev(b, e).pow(n), `pow ${n}`);
      expect(b.pow(-n).equals(acc.inv())).toBe(true);
      expectNumeric(b.pow(-n), (e) => ev(b, e).pow(-n), `pow ${-n}`);
    }
  });
  it("composition: s(t(eps)) against s evaluated at the value of t", () => {
    const sc = S(-1, [q(1), PI_Q, q(-2), q(1, 3)], 3);
    const t = S(1, [q(2), q(-1), piTimes(1, 4)], 4);
    const c = compose(sc, t);
    expectNumeric(c, (e) => evaluateSeries(sc, ev(t, e), DIGITS), "compose");
    // exactly: compose with eps is the identity; composition is associative
    expect(compose(sc, S(1, [q(1)])).equals(sc)).toBe(true);
    const u = S(1, [q(1), q(1)], 5);
    expect(compose(compose(sc, t), u).agreesWith(compose(sc, compose(t, u)))).toBe(true);
    // exactly: s(2 eps) scales the k-th coefficient by 2^k
    const e = S(0, [q(1), q(1), q(1)]);
    expect(compose(e, S(1, [q(2)])).toString()).toBe("1 + 2*eps + 4*eps^2");
  });
  it("derivative and integral: round trips, and the derivative against a central difference", () => {
    const t = S(-3, [q(1), PI_Q, q(2), q(0), q(-1), q(1, 7)], 3);
    expect(integral(derivative(t)).equals(t)).toBe(true); // no constant term to lose
    const u = S(0, [q(5), PI_Q, q(2), q(1, 3)], 4);
    expect(integral(derivative(u)).equals(u.sub(Series.constant(F, q(5))))).toBe(true);
    expect(derivative(integral(u)).equals(u)).toBe(true);
    const h = new R("1e-20");
    const central = (x: Series<QPi>): Decimal => ev(x, EPS.add(h)).sub(ev(x, EPS.sub(h))).div(h.mul(2));
    const rel = (a: Decimal, b: Decimal): number => a.sub(b).abs().div(b.abs()).toNumber();
    expect(rel(central(t), ev(derivative(t)))).toBeLessThan(1e-25);
    expect(rel(central(integral(u)), ev(u))).toBeLessThan(1e-25);
  });
});

// ---- random properties -----------------------------------------------------------------------------

const generators: [string, CoefficientGenerator<unknown>][] = [
  ["Q(pi)", qpiCoefficients as CoefficientGenerator<unknown>],
  ["Q", rationalCoefficients as CoefficientGenerator<unknown>],
];

describe.each(generators)("random series over %s (fixed seed)", (_name, g) => {
  const TRIALS = 25;
  it("(a*b)/b = a and a*(b+c) = a*b + a*c, associativity, inv(inv a) = a", () => {
    const rnd = mulberry32(31337);
    for (let i = 0; i < TRIALS; i++) {
      const [a, b, c] = [randomSeries(g, rnd), randomSeries(g, rnd), randomSeries(g, rnd)];
      const back = a.mul(b).div(b);
      expect(back.agreesWith(a)).toBe(true);
      expect(back.prec).toBe(Math.min(a.prec, a.val + b.relPrec()));
      expect(a.mul(b.add(c)).agreesWith(a.mul(b).add(a.mul(c)))).toBe(true);
      expect(a.mul(b).mul(c).equals(a.mul(b.mul(c)))).toBe(true);
      expect(a.inv().inv().equals(a)).toBe(true);
      expect(a.pow(3).equals(a.mul(a).mul(a))).toBe(true);
    }
  });
  it("sqrt(a*a) = +-a exactly, with the precision of a", () => {
    const rnd = mulberry32(4711);
    const F = g.F;
    for (let i = 0; i < TRIALS; i++) {
      const a = randomSeries(g, rnd);
      const r = sqrt(a.mul(a));
      const expected = F.sign(a.lead()) > 0 ? a : a.neg();
      expect(r.equals(expected)).toBe(true);
      expect(r.prec).toBe(a.prec);
    }
  });
  it("soundness of the precision: results for refined inputs agree with the result to its precision", () => {
    const rnd = mulberry32(99);
    for (let i = 0; i < TRIALS; i++) {
      const [a, b] = [randomSeries(g, rnd), randomSeries(g, rnd)];
      const [a1, b1] = [refineSeries(g, a, rnd), refineSeries(g, b, rnd)];
      const aa = a.mul(a);
      const ops: [string, Series<unknown>, Series<unknown>][] = [
        ["add", a.add(b), a1.add(b1)],
        ["mul", a.mul(b), a1.mul(b1)],
        ["inv", a.inv(), a1.inv()],
        ["div", a.div(b), a1.div(b1)],
        ["pow -2", a.pow(-2), a1.pow(-2)],
        ["sqrt", sqrt(aa), sqrt(refineSeries(g, aa, rnd))],
        ["derivative", derivative(a), derivative(a1)],
      ];
      const t = randomSeries(g, rnd, 1, 2);
      ops.push(["compose", compose(a, t), compose(a1, refineSeries(g, t, rnd))]);
      if (a.val >= 1) ops.push(["atan", atan(a), atan(a1)]);
      for (const [name, r, r1] of ops) {
        expect(r1.prec, name).toBeGreaterThanOrEqual(r.prec);
        expect(r1.agreesWith(r), `${name}: ${r.toString()} vs ${r1.toString()}`).toBe(true);
      }
    }
  });
  it("sharpness of the precision: the first coefficient beyond it depends on the unknown input terms", () => {
    const rnd = mulberry32(2718);
    const F = g.F;
    for (let i = 0; i < TRIALS; i++) {
      const [a, b] = [randomSeries(g, rnd), randomSeries(g, rnd)];
      const aa = a.mul(a);
      const ops: [string, (x: Series<unknown>, y: Series<unknown>, xx: Series<unknown>) => Series<unknown>][] = [
        ["add", (x, y) => x.add(y)],
        ["mul", (x, y) => x.mul(y)],
        ["inv", (x) => x.inv()],
        ["div", (x, y) => x.div(y)],
        ["sqrt", (_x, _y, xx) => sqrt(xx)],
      ];
      for (const [name, op] of ops) {
        const r = op(a, b, aa);
        const seen = new Set<string>();
        for (let k = 0; k < 4; k++) {
          const r1 = op(refineSeries(g, a, rnd), refineSeries(g, b, rnd), refineSeries(g, aa, rnd));
          seen.add(F.toString(r1.coeff(r.prec)));
        }
        expect(seen.size, `${name}: coefficient of eps^${r.prec} of ${r.toString()}`).toBeGreaterThan(1);
      }
    }
  });
  it("numerically, at eps = 1e-6 and 1e-7: sums, products, quotients, powers, sqrt and atan against decimal.js", () => {
    const rnd = mulberry32(65537);
    for (let i = 0; i < TRIALS; i++) {
      const [a, b] = [randomSeries(g, rnd), randomSeries(g, rnd)];
      expectNumeric(a.add(b), (e) => ev(a, e).add(ev(b, e)), "add");
      expectNumeric(a.mul(b), (e) => ev(a, e).mul(ev(b, e)), "mul");
      expectNumeric(a.div(b), (e) => ev(a, e).div(ev(b, e)), "div");
      expectNumeric(a.pow(-3), (e) => ev(a, e).pow(-3), "pow -3");
      const aa = a.mul(a);
      expectNumeric(sqrt(aa), (e) => R.sqrt(ev(aa, e)), "sqrt");
      const p = randomSeries(g, rnd, 1, 2);
      expectNumeric(atan(p), (e) => R.atan(ev(p, e)), "atan");
      expectNumeric(compose(a, p), (e) => evaluateSeries(a, ev(p, e), DIGITS), "compose");
    }
  });
});
