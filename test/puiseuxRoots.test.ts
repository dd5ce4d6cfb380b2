import { describe, expect, it } from "vitest";
import Fraction from "fraction.js";
import { QPI, type QPi } from "../src/numbers/qpi.js";
import { Q } from "../src/numbers/rational.js";
import { recognizeQPi } from "../src/numbers/recognize.js";
import { polyEvaluate, polyMonic, polyMul, polySquarefree, type Poly } from "../src/numbers/polynomial.js";
import { Series } from "../src/series/series.js";
import { seriesPolynomialRoots, type Candidate } from "../src/series/puiseuxRoots.js";
import { mulberry32, randInt } from "./support/random.js";
import { randomRationalPoly } from "./support/randomElements.js";

// Roots of polynomials over truncated series (src/series/puiseuxRoots.ts, docs/hessian.md "Roots"): the
// polynomial is built as a product of known linear factors lambda - r_i(eps), so the roots are known by
// construction and every root found must be one of them to the precision claimed.

const F = QPI;
const pi = F.pi();
const q = (n: number, d = 1): QPi => F.fromRational(n, d);
const ORDER = 8;

/** sum_j c_j lambda^j = prod_i (lambda - r_i), coefficients from degree 0 up. */
function fromRoots(roots: readonly Series<QPi>[]): Series<QPi>[] {
  let c: Series<QPi>[] = [Series.constant(F, F.one(), ORDER)];
  for (const r of roots) {
    const next = Array.from({ length: c.length + 1 }, () => Series.zero(F, ORDER));
    c.forEach((cj, j) => {
      next[j + 1] = next[j + 1]!.add(cj);
      next[j] = next[j]!.sub(cj.mul(r));
    });
    c = next.map((s) => s.truncate(ORDER));
  }
  return c;
}

const qpiCandidate: Candidate<QPi> = (x, digits) => recognizeQPi(x, { digits, maxDegree: 6 })?.value;

/** Every root found equals one of `expected` to its precision, and each expected root is found once. */
function expectRoots(found: readonly Series<unknown>[], expected: readonly Series<QPi>[]): void {
  expect(found.length).toBe(expected.length);
  const unused = expected.slice();
  for (const r of found) {
    const i = unused.findIndex((e) => (r as Series<QPi>).agreesWith(e.truncate(r.prec)));
    expect(i, `root ${r.toString()} is none of the expected`).toBeGreaterThanOrEqual(0);
    unused.splice(i, 1);
  }
}

describe("roots of a polynomial over series", () => {
  it("a cubic leading factor over Q(pi) (roots 1, 2, pi): exact through the field's candidates, numeric without", () => {
    const eps = (c: QPi): Series<QPi> => Series.of(F, 1, [c], ORDER);
    const roots = [Series.constant(F, q(1), ORDER).add(eps(q(1, 3))), Series.constant(F, q(2), ORDER).add(eps(pi)), Series.constant(F, pi, ORDER).add(eps(q(-2)))];
    const c = fromRoots(roots);
    const exact = seriesPolynomialRoots(F, c, ORDER, { candidate: qpiCandidate });
    expect(exact.every((r) => r.exact)).toBe(true);
    expectRoots(
      exact.map((r) => r.series),
      roots,
    );
    const numeric = seriesPolynomialRoots(F, c, ORDER);
    expect(numeric.every((r) => !r.exact)).toBe(true);
    for (const r of numeric) {
      const value = r.field.toDecimal(r.series.coeff(0), 40);
      expect(roots.some((e) => F.toDecimal(e.coeff(0), 40).sub(value).abs().lt(1e-40))).toBe(true);
    }
  });

  it("roots of different valuations, and a double leading root separated by a Puiseux step", () => {
    const roots = [Series.of(F, -2, [q(3), q(1)], ORDER), Series.of(F, 0, [q(1), q(2)], ORDER), Series.of(F, 0, [q(1), q(-1)], ORDER), Series.of(F, 2, [pi], ORDER)];
    const found = seriesPolynomialRoots(F, fromRoots(roots), ORDER, { candidate: qpiCandidate });
    expect(found.every((r) => r.exact)).toBe(true);
    expectRoots(
      found.map((r) => r.series),
      roots,
    );
  });
});

describe("polynomials over any field", () => {
  it("squarefree factorisation: prod f_i^i is the monic input, the f_i squarefree and coprime (Q and Q(pi))", () => {
    const rng = mulberry32(7);
    for (let trial = 0; trial < 10; trial++) {
      const parts = [1, 2, 3].map(() => polyMonic(Q, randomRationalPoly(rng, randInt(rng, 1, 2))));
      const input = polyMul(Q, polyMul(Q, parts[0]!, polyMul(Q, parts[1]!, parts[1]!)), polyMul(Q, parts[2]!, polyMul(Q, parts[2]!, parts[2]!)));
      let product: Poly<Fraction> = [new Fraction(1)];
      for (const [f, i] of polySquarefree(Q, input)) for (let k = 0; k < i; k++) product = polyMul(Q, product, f);
      expect(product.map((c) => c.toFraction())).toEqual(polyMonic(Q, input).map((c) => c.toFraction()));
    }
    // Over Q(pi): (x - pi)^2 (x + 1) has the factors x + 1 (once) and x - pi (twice).
    const lin = (r: QPi): Poly<QPi> => [F.neg(r), F.one()];
    const f = polyMul(F, polyMul(F, lin(pi), lin(pi)), lin(q(-1)));
    const factors = polySquarefree(F, f);
    expect(factors.map(([g, i]) => [g.length - 1, i])).toEqual([
      [1, 1],
      [1, 2],
    ]);
    expect(F.isZero(polyEvaluate(F, factors[1]![0], pi))).toBe(true);
  });
});
