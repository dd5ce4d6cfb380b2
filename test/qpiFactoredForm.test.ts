import { describe, expect, it } from "vitest";
import Fraction from "fraction.js";
import { Decimal } from "decimal.js";
import { QPI, type QPi } from "../src/numbers/qpi.js";
import { type IntPoly, certainlyNonzeroAt, intPolyMul, intPolyTryDiv, maxBits } from "../src/numbers/intPoly.js";
import { Q } from "../src/numbers/rational.js";
import {
  type Poly,
  polyAdd,
  polyDivExact,
  polyEquals,
  polyGcd,
  polyMul,
  polyNeg,
  polyScale,
} from "../src/numbers/polynomial.js";
import { Series } from "../src/series/series.js";
import { qpiExtension } from "../src/ift/declaredField.js";
import { sqrt } from "../src/series/elementary.js";
import { mulberry32, randInt, type Random } from "./support/random.js";
import { randomRationalPoly } from "./support/randomElements.js";

// The factored representation of Q(pi) (denominators over a factor basis, integer numerators, lazy content;
// docs/numbers.md §4) against the slow, obviously correct one it replaced: num/den over Q normalised by a
// polynomial gcd after every operation. Timings are in bench/qpi.ts, not here.

const frac = (n: number, d = 1): Fraction => new Fraction(n, d);

// ---- the reference: gcd-normalised num/den over Q --------------------------------------------------

interface Ref {
  num: Poly<Fraction>;
  den: Poly<Fraction>;
}
function refNormalise(num: Poly<Fraction>, den: Poly<Fraction>): Ref {
  if (num.length === 0) return { num: [], den: [frac(1)] };
  const g = polyGcd(Q, num, den);
  const n = polyDivExact(Q, num, g);
  const d = polyDivExact(Q, den, g);
  const lead = d[d.length - 1]!.inverse();
  return { num: polyScale(Q, n, lead), den: polyScale(Q, d, lead) };
}
const refAdd = (a: Ref, b: Ref): Ref => refNormalise(polyAdd(Q, polyMul(Q, a.num, b.den), polyMul(Q, b.num, a.den)), polyMul(Q, a.den, b.den));
const refMul = (a: Ref, b: Ref): Ref => refNormalise(polyMul(Q, a.num, b.num), polyMul(Q, a.den, b.den));
const refNeg = (a: Ref): Ref => ({ num: polyNeg(Q, a.num), den: a.den });
const refDiv = (a: Ref, b: Ref): Ref => refNormalise(polyMul(Q, a.num, b.den), polyMul(Q, a.den, b.num));

const R = Decimal.clone({ precision: 80 });
const PI = R.acos(-1);
function refPolyAt(p: Poly<Fraction>): Decimal {
  let acc = new R(0);
  for (let k = p.length - 1; k >= 0; k--) acc = acc.mul(PI).add(new R((p[k]!.s * p[k]!.n).toString()).div(p[k]!.d.toString()));
  return acc;
}
const refValue = (a: Ref): Decimal => refPolyAt(a.num).div(refPolyAt(a.den));

// ---- random elements ------------------------------------------------------------------------------

/**
 * Building blocks of denominators: linear and quadratic factors (some reducible), a cubic, and products
 * that share factors, so that dividing by them exercises the refinement of the factor basis (a new
 * polynomial sharing a factor with an old one splits it).
 */
const ATOMS: Poly<Fraction>[] = [
  [frac(-2), frac(1)], // pi - 2
  [frac(1), frac(1)], // pi + 1
  [frac(-3), frac(2)], // 2 pi - 3
  [frac(1), frac(0), frac(1)], // pi^2 + 1
  [frac(-2), frac(0), frac(1)], // pi^2 - 2
  [frac(6), frac(-5), frac(1)], // (pi - 2)(pi - 3), a reducible quadratic
  [frac(-1), frac(-1), frac(0), frac(1)], // pi^3 - pi - 1
  [frac(-5), frac(1), frac(-5), frac(1)], // (pi^2 + 1)(pi - 5), a reducible cubic
  [frac(0), frac(1)], // pi
];

/** A random small element, as a pair (fast, reference). */
function randomPair(rnd: Random): [QPi, Ref] {
  const kind = rnd.uniform();
  let num: Poly<Fraction>;
  let den: Poly<Fraction>;
  if (kind < 0.15) {
    num = [frac(randInt(rnd, 1, 9) * (rnd.uniform() < 0.5 ? -1 : 1), randInt(rnd, 1, 5))];
    den = [frac(1)];
  } else if (kind < 0.55) {
    // a product of atoms (perhaps squared), so old and new denominators share factors
    num = randomRationalPoly(rnd, 2);
    den = ATOMS[randInt(rnd, 0, ATOMS.length - 1)]!;
    if (rnd.uniform() < 0.5) den = polyMul(Q, den, ATOMS[randInt(rnd, 0, ATOMS.length - 1)]!);
  } else if (kind < 0.75) {
    // a new random polynomial, usually coprime to everything seen so far
    num = randomRationalPoly(rnd, 1);
    den = randomRationalPoly(rnd, 3);
  } else {
    num = randomRationalPoly(rnd, 2);
    den = randomRationalPoly(rnd, 1);
  }
  if (num.length === 0) num = [frac(1)];
  return [QPI.fromPolys(num, den), refNormalise(num, den)];
}

/** The fast element's reduced form agrees coefficient by coefficient with the reference. */
function expectSame(x: QPi, r: Ref, context: string): void {
  const nf = QPI.normalForm(x);
  const ok = polyEquals(Q, nf.num, r.num) && polyEquals(Q, nf.den, r.den);
  expect(ok, `${context}: ${QPI.toString(x)} vs (${r.num.map(String)})/(${r.den.map(String)})`).toBe(true);
}

const degree = (r: Ref): number => r.num.length + r.den.length;

// ---- tests ----------------------------------------------------------------------------------------

describe("Q(pi) in factored form against gcd-normalised arithmetic", () => {
  it("long random sequences of +, -, *, / (including division by new polynomials) agree exactly", () => {
    const rnd = mulberry32(20240611);
    const basisBefore = QPI.basis.activeCount;
    for (let run = 0; run < 6; run++) {
      const pool: [QPi, Ref][] = Array.from({ length: 8 }, () => randomPair(rnd));
      for (let step = 0; step < 250; step++) {
        const i = randInt(rnd, 0, pool.length - 1);
        const [a, ra] = pool[i]!;
        const [b, rb] = rnd.uniform() < 0.5 ? pool[randInt(rnd, 0, pool.length - 1)]! : randomPair(rnd);
        const op = randInt(rnd, 0, 4);
        let c: QPi;
        let rc: Ref;
        if (op === 0) [c, rc] = [QPI.add(a, b), refAdd(ra, rb)];
        else if (op === 1) [c, rc] = [QPI.sub(a, b), refAdd(ra, refNeg(rb))];
        else if (op === 2) [c, rc] = [QPI.mul(a, b), refMul(ra, rb)];
        else {
          if (rb.num.length === 0) {
            expect(() => QPI.div(a, b)).toThrow(RangeError);
            continue;
          }
          [c, rc] = [QPI.div(a, b), refDiv(ra, rb)];
        }
        expect(QPI.isZero(c)).toBe(rc.num.length === 0);
        // Value-only queries first (they do not normalise the element), then, sometimes, the reduced form:
        // unchecked results are used again with their content and denominators still unnormalised.
        if (rc.num.length > 0 && rnd.uniform() < 0.3) {
          const v = refValue(rc);
          expect(QPI.sign(c)).toBe(v.isNegative() ? -1 : 1);
          const d = new R(QPI.toDecimal(c, 30));
          expect(d.sub(v).abs().lte(v.abs().mul("1e-29"))).toBe(true);
        }
        if (rnd.uniform() < 0.4) {
          expectSame(c, rc, `run ${run} step ${step} op ${op}`);
          expect(QPI.isRational(c)).toBe(rc.num.length <= 1 && rc.den.length === 1);
        }
        // equality against an independently built copy (either side first), and against a near miss
        const copy = QPI.fromPolys(rc.num, rc.den);
        expect(rnd.uniform() < 0.5 ? QPI.equals(c, copy) : QPI.equals(copy, c)).toBe(true);
        if (rnd.uniform() < 0.2) expect(QPI.equals(c, QPI.add(copy, QPI.piPower(-1, frac(1, 7))))).toBe(false);
        // keep sizes bounded: a result that grew too large is replaced by a fresh element
        pool[i] = degree(rc) > 14 ? randomPair(rnd) : [c, rc];
      }
      for (const [x, rx] of pool) expectSame(x, rx, `run ${run} final pool`);
    }
    // the sequences divided by many new polynomials, so the basis grew and was refined
    expect(QPI.basis.activeCount).toBeGreaterThan(basisBefore + 20);
  });

  it("sums with a nontrivial content equal the same value built directly", () => {
    const pp1 = QPI.add(QPI.pi(), QPI.one());
    const third = QPI.div(pp1, QPI.fromInt(3));
    const sixth = QPI.div(pp1, QPI.fromInt(6));
    const half = QPI.div(pp1, QPI.fromInt(2));
    expect(QPI.equals(QPI.add(third, sixth), half)).toBe(true); // 2(pi + 1)/6
    expect(QPI.equals(half, QPI.add(sixth, third))).toBe(true);
    const r = QPI.div(QPI.pi(), pp1);
    const twice = QPI.add(r, r); // 2 pi/(pi + 1)
    expect(QPI.equals(twice, QPI.mul(QPI.fromInt(2), r))).toBe(true);
    expect(QPI.equals(QPI.add(QPI.fromRational(1, 3), QPI.fromRational(5, 6)), QPI.fromRational(7, 6))).toBe(true);
    expect(QPI.equals(QPI.div(QPI.one(), QPI.add(QPI.fromRational(1, 3), QPI.fromRational(5, 6))), QPI.fromRational(6, 7))).toBe(true);
    expect(QPI.toString(QPI.add(twice, QPI.fromRational(2, 3)))).toBe("(8*pi + 2)/(3*pi + 3)");
  });

  it("(a c)/(b c) = a/b with the same output, for c sharing factors with a's and b's denominators", () => {
    const rnd = mulberry32(77);
    for (let i = 0; i < 60; i++) {
      const [a, ra] = randomPair(rnd);
      const [b, rb] = randomPair(rnd);
      const [c] = randomPair(rnd);
      const lhs = QPI.div(QPI.mul(a, c), QPI.mul(b, c));
      expectSame(lhs, refDiv(ra, rb), `case ${i}`);
      expect(QPI.equals(lhs, QPI.div(a, b))).toBe(true);
      expect(QPI.toString(lhs)).toBe(QPI.toString(QPI.div(a, b)));
      expect(QPI.isZero(QPI.sub(lhs, QPI.div(a, b)))).toBe(true);
    }
  });

  it("dividing by a polynomial with a repeated new factor, f^2 g (f, g new to the basis), covers f and g apart", () => {
    // f g is the squarefree part and f what is left after it: the basis must split f g (docs/numbers.md §4).
    const f = QPI.add(QPI.mul(QPI.mul(QPI.pi(), QPI.pi()), QPI.pi()), QPI.fromInt(5));
    const g = QPI.add(QPI.mul(QPI.mul(QPI.pi(), QPI.pi()), QPI.pi()), QPI.fromInt(13));
    const x = QPI.mul(QPI.mul(f, f), g);
    const inverse = QPI.inv(x);
    expect(QPI.equals(QPI.mul(inverse, x), QPI.one())).toBe(true);
    expect(QPI.equals(QPI.mul(QPI.mul(inverse, f), QPI.mul(f, g)), QPI.one())).toBe(true);
  });

  it("squares with reducible and repeated denominator factors have their square roots", () => {
    const rnd = mulberry32(5);
    for (let i = 0; i < 30; i++) {
      const [a] = randomPair(rnd);
      const [b] = randomPair(rnd);
      const x = QPI.div(a, QPI.mul(b, b));
      const r = QPI.sqrt(QPI.mul(x, x));
      expect(r).toBeDefined();
      expect(QPI.equals(QPI.mul(r!, r!), QPI.mul(x, x))).toBe(true);
      expect(QPI.sign(r!)).toBeGreaterThanOrEqual(0);
    }
  });
});

describe("sums of products over one common denominator", () => {
  it("sumOfProducts agrees with the reference and with folded add and mul, also when terms cancel", () => {
    const rnd = mulberry32(424242);
    for (let run = 0; run < 80; run++) {
      const n = randInt(rnd, 1, 7);
      const pairs = Array.from({ length: n }, () => [randomPair(rnd), randomPair(rnd)] as const);
      // sometimes append -(x0 y0): the sum then cancels a whole term, or everything (n = 1)
      if (rnd.uniform() < 0.3) pairs.push([[QPI.neg(pairs[0]![0][0]), refNeg(pairs[0]![0][1])], pairs[0]![1]]);
      const x = pairs.map((q) => q[0][0]);
      const y = pairs.map((q) => q[1][0]);
      let ref: Ref = { num: [], den: [frac(1)] };
      let plain = QPI.zero();
      for (const [[a, ra], [b, rb]] of pairs) {
        ref = refAdd(ref, refMul(ra, rb));
        plain = QPI.add(plain, QPI.mul(a, b));
      }
      const got = QPI.sumOfProducts(x, y);
      expect(QPI.isZero(got)).toBe(ref.num.length === 0);
      expect(QPI.equals(got, plain)).toBe(true);
      expectSame(got, ref, `run ${run}`);
      // the result in its lazy state is a valid operand
      expectSame(QPI.mul(QPI.sumOfProducts(x, y), x[0]!), refMul(ref, pairs[0]![0][1]), `run ${run} reused`);
    }
  });
  it("in Q(pi, sqrt(2)) it agrees with folded add and mul", () => {
    const rnd = mulberry32(99);
    const E = qpiExtension(2);
    const el = () => ({ a: randomPair(rnd)[0], b: rnd.uniform() < 0.4 ? QPI.zero() : randomPair(rnd)[0] });
    for (let run = 0; run < 30; run++) {
      const n = randInt(rnd, 1, 5);
      const x = Array.from({ length: n }, el);
      const y = Array.from({ length: n }, el);
      let plain = E.zero();
      for (let i = 0; i < n; i++) plain = E.add(plain, E.mul(x[i]!, y[i]!));
      expect(E.equals(E.sumOfProducts(x, y), plain)).toBe(true);
    }
  });

  it("an element reused at another slot width (its cached packing) gives the same sums", () => {
    const rnd = mulberry32(7);
    const x = Array.from({ length: 4 }, () => randomPair(rnd)[0]);
    const y = Array.from({ length: 4 }, () => randomPair(rnd)[0]);
    const huge = QPI.fromRational(3n ** 400n, 7n);
    const folded = (xs: readonly QPi[], ys: readonly QPi[]): QPi => xs.reduce((s, a, i) => QPI.add(s, QPI.mul(a, ys[i]!)), QPI.zero());
    for (const [xs, ys] of [[x, y], [[...x, huge], [...y, x[0]!]], [x, y]] as const) {
      expect(QPI.equals(QPI.sumOfProducts(xs, ys), folded(xs, ys))).toBe(true);
    }
  });
});

describe("integer polynomial multiplication", () => {
  it("maxBits bounds the bit length of the largest coefficient from above, by at most 4 bits more", () => {
    const cases = [0n, 1n, 2n, 3n, 255n, 256n];
    for (const k of [52, 53, 54, 63, 64, 999, 1000, 1001, 3000]) cases.push((1n << BigInt(k)) - 1n, 1n << BigInt(k), (1n << BigInt(k)) + 1n);
    for (const c of cases) {
      for (const p of c === 0n ? [[0n, 1n]] : [[c], [-c, 1n]]) {
        const largest = c > 1n ? c : 1n;
        const exact = largest.toString(2).length;
        const b = maxBits(p);
        expect(b >= exact && b <= exact + 4, `${c}: ${b} bits for ${exact}`).toBe(true);
      }
    }
  });

  it("Kronecker substitution agrees with the schoolbook product on long random polynomials", () => {
    const rnd = mulberry32(3);
    const big = (bits: number): bigint => {
      let x = 0n;
      for (let b = 0; b < bits; b += 30) x = (x << 30n) | BigInt(Math.floor(rnd.uniform() * 2 ** 30));
      return rnd.uniform() < 0.5 ? -x : x;
    };
    for (let i = 0; i < 40; i++) {
      const [n, m] = [randInt(rnd, 16, 90), randInt(rnd, 16, 90)];
      const bitsA = randInt(rnd, 1, 900);
      const bitsB = randInt(rnd, 1, 900);
      const a = Array.from({ length: n }, () => (rnd.uniform() < 0.1 ? 0n : big(bitsA)));
      const b = Array.from({ length: m }, () => (rnd.uniform() < 0.1 ? 0n : big(bitsB)));
      a[n - 1] ||= 1n;
      b[m - 1] ||= -1n;
      const expected = new Array<bigint>(n + m - 1).fill(0n);
      for (let j = 0; j < n; j++) for (let k = 0; k < m; k++) expected[j + k] += a[j]! * b[k]!;
      const got: IntPoly = intPolyMul(a, b);
      expect(got).toEqual(expected);
    }
  });
});

describe("trial division by x + b", () => {
  it("the float64 filter says nonzero only where p(-b) is nonzero, and exact division still finds every multiple of x + b", () => {
    const rnd = mulberry32(11);
    const big = (bits: number): bigint => {
      let x = 0n;
      for (let b = 0; b < bits; b += 30) x = (x << 30n) | BigInt(Math.floor(rnd.uniform() * 2 ** 30));
      return rnd.uniform() < 0.5 ? -x : x;
    };
    const exactAt = (p: IntPoly, x: bigint): bigint => p.reduceRight((v, c) => v * x + c, 0n);
    let decided = 0;
    for (let i = 0; i < 60; i++) {
      const b = BigInt(randInt(rnd, -6, 6) || 1);
      const q = Array.from({ length: randInt(rnd, 2, 40) }, () => big(randInt(rnd, 1, 300)));
      q[q.length - 1] ||= 1n;
      const multiple = intPolyMul(q, [b, 1n]);
      // a multiple of x + b: never "certainly nonzero", and the quotient is found
      expect(certainlyNonzeroAt(multiple, b)).toBe(false);
      expect(intPolyTryDiv(multiple, [b, 1n])).toEqual(q);
      // one coefficient changed by 1 (p(-b) = +-(-b)^k, tiny against the terms): nonzero, never divided
      const k = randInt(rnd, 0, multiple.length - 1);
      const near = multiple.map((c, j) => (j === k ? c + 1n : c));
      expect(exactAt(near, -b)).not.toBe(0n);
      expect(intPolyTryDiv(near, [b, 1n])).toBeUndefined();
      // a random polynomial: the filter's "nonzero" is right whenever it says so, and usually decides
      const p = Array.from({ length: randInt(rnd, 2, 40) }, () => big(randInt(rnd, 1, 300)));
      p[p.length - 1] ||= 1n;
      if (certainlyNonzeroAt(p, b)) {
        decided++;
        expect(exactAt(p, -b)).not.toBe(0n);
      }
    }
    expect(decided).toBeGreaterThan(50);
  });
});

describe("series over Q(pi) of high order stay exact", () => {
  const mk = (n: number, shift: number): Series<QPi> => {
    const c = Array.from({ length: n }, (_, k) =>
      QPI.add(QPI.fromRational(k + shift, k + 2), QPI.div(QPI.fromInt(k % 3), QPI.add(QPI.pi(), QPI.fromInt(1)))),
    );
    c[0] = QPI.fromInt(4);
    return Series.of(QPI, 0, c, n);
  };
  it("sqrt(a)^2 = a and (a b)/b = a at order 30", () => {
    const a = mk(30, 1);
    const b = mk(30, 2);
    const r = sqrt(a);
    expect(r.mul(r).equals(a)).toBe(true);
    expect(a.mul(b).div(b).equals(a)).toBe(true);
  });
  it("sqrt at order 12 agrees coefficient by coefficient with the recurrence in the reference arithmetic", () => {
    const n = 12;
    const a = mk(n, 1);
    const r = sqrt(a);
    // g_0 = 2, g_k = (a_k - sum_{j=1..k-1} g_j g_{k-j}) / 4
    const ra: Ref[] = a.coeffs.map((c) => QPI.normalForm(c));
    const four: Ref = { num: [frac(4)], den: [frac(1)] };
    const g: Ref[] = [{ num: [frac(2)], den: [frac(1)] }];
    for (let k = 1; k < n; k++) {
      let acc = ra[k]!;
      for (let j = 1; j < k; j++) acc = refAdd(acc, refNeg(refMul(g[j]!, g[k - j]!)));
      g.push(refDiv(acc, four));
    }
    for (let k = 0; k < n; k++) expectSame(r.coeffs[k]!, g[k]!, `coefficient ${k}`);
  });
});
