import Fraction from "fraction.js";
import type { Decimal } from "decimal.js";
import { MAX_DIGITS, decimalContext, decimalPi } from "./decimalContext.js";
import { divisionByZero, type Field } from "./field.js";
import { Q, fractionToDecimal } from "./rational.js";
import {
  type Poly,
  polyAdd,
  polyConst,
  polyDivExact,
  polyEquals,
  polyGcd,
  polyIsOne,
  polyMonic,
  polyMonomial,
  polyMul,
  polyNeg,
  polyPairToIntegers,
  polyScale,
  polySqrtMonic,
} from "./polynomial.js";

/**
 * An element num(pi)/den(pi) of Q(pi): den monic and gcd(num, den) = 1, so that equal elements have one
 * representation. pi is transcendental, so Q(pi) is isomorphic to the field of rational functions Q(x)
 * and equality is decided by comparing the normalised pairs (docs/numbers.md).
 */
export interface QPi {
  readonly num: Poly;
  readonly den: Poly;
}

const ONE_POLY: Poly = [new Fraction(1)];

function normalise(num: Poly, den: Poly): QPi {
  if (den.length === 0) divisionByZero("Q(pi)", "the denominator");
  if (num.length === 0) return { num: [], den: ONE_POLY };
  if (polyIsOne(den)) return { num, den: ONE_POLY };
  const g = polyGcd(num, den);
  let n = polyIsOne(g) ? num : polyDivExact(num, g);
  let d = polyIsOne(g) ? den : polyDivExact(den, g);
  const lead = d[d.length - 1]!;
  if (!lead.equals(1)) {
    const inv = lead.inverse();
    n = polyScale(n, inv);
    d = polyScale(d, inv);
  }
  return { num: n, den: d };
}

/** Format an integer-coefficient polynomial in pi as plain text ("3*pi^2 - 2") or LaTeX. */
function formatIntPoly(c: bigint[], latex: boolean): string {
  const terms: string[] = [];
  for (let k = c.length - 1; k >= 0; k--) {
    const a = c[k]!;
    if (a === 0n) continue;
    const abs = a < 0n ? -a : a;
    const pi = latex ? "\\pi" : "pi";
    const power = k === 0 ? "" : k === 1 ? pi : latex ? `${pi}^{${k}}` : `${pi}^${k}`;
    const coef = k === 0 ? `${abs}` : abs === 1n ? "" : latex ? `${abs}` : `${abs}*`;
    const sign = a < 0n ? "-" : "+";
    terms.push(`${terms.length === 0 ? (sign === "-" ? "-" : "") : ` ${sign} `}${coef}${power}`);
  }
  return terms.length === 0 ? "0" : terms.join("");
}

function countTerms(c: bigint[]): number {
  return c.filter((x) => x !== 0n).length;
}

/**
 * p(pi) by Horner's rule at `work` significant digits, with a bound on its rounding error. Each of pi,
 * the coefficients and the 2 deg(p) operations is rounded once with relative error at most
 * u = 5 * 10^-work, so |computed - p(pi)| <= (3 deg + 2) u (1 + o(1)) sum |p_k| pi^k; the bound returned
 * is twice that, with the sum itself evaluated alongside.
 */
function evalWithBound(p: Poly, work: number): [Decimal, Decimal] {
  const W = decimalContext(work);
  const pi = decimalPi(work);
  let value = new W(0);
  let magnitude = new W(0);
  for (let k = p.length - 1; k >= 0; k--) {
    const c = fractionToDecimal(p[k]!, work);
    value = value.mul(pi).add(c);
    magnitude = magnitude.mul(pi).add(c.abs());
  }
  const deg = p.length - 1;
  return [value, magnitude.mul(`${3 * deg + 3}e${1 - work}`)];
}

/** The field Q(pi) of rational functions in pi with rational coefficients. */
export class QPiField implements Field<QPi> {
  readonly name = "Q(pi)";
  readonly exact = true;
  private readonly zeroValue: QPi = { num: [], den: ONE_POLY };
  private readonly oneValue: QPi = { num: ONE_POLY, den: ONE_POLY };
  private readonly piValue: QPi = { num: polyMonomial(1), den: ONE_POLY };

  zero(): QPi {
    return this.zeroValue;
  }
  one(): QPi {
    return this.oneValue;
  }
  pi(): QPi {
    return this.piValue;
  }
  fromInt(n: number | bigint): QPi {
    return { num: polyConst(new Fraction(BigInt(n))), den: ONE_POLY };
  }
  fromRational(num: number | bigint, den: number | bigint = 1n): QPi {
    if (BigInt(den) === 0n) divisionByZero(this.name, "the denominator");
    return { num: polyConst(new Fraction(BigInt(num), BigInt(den))), den: ONE_POLY };
  }
  /** The element c * pi^k (k may be negative). */
  piPower(k: number, c: Fraction = new Fraction(1)): QPi {
    return k >= 0 ? normalise(polyMonomial(k, c), ONE_POLY) : normalise(polyConst(c), polyMonomial(-k));
  }
  /** num(pi)/den(pi) from polynomials over Q (normalised). */
  fromPolys(num: Poly, den: Poly): QPi {
    return normalise(num, den);
  }

  add(a: QPi, b: QPi): QPi {
    if (a.num.length === 0) return b;
    if (b.num.length === 0) return a;
    if (polyEquals(a.den, b.den)) return normalise(polyAdd(a.num, b.num), a.den);
    return normalise(polyAdd(polyMul(a.num, b.den), polyMul(b.num, a.den)), polyMul(a.den, b.den));
  }
  sub(a: QPi, b: QPi): QPi {
    return this.add(a, this.neg(b));
  }
  neg(a: QPi): QPi {
    return { num: polyNeg(a.num), den: a.den };
  }
  mul(a: QPi, b: QPi): QPi {
    if (a.num.length === 0 || b.num.length === 0) return this.zeroValue;
    // Cross-cancellation (as fmpq_mul): the result is normalised without a gcd of the products.
    const g1 = polyGcd(a.num, b.den);
    const g2 = polyGcd(b.num, a.den);
    const num = polyMul(polyDivExact(a.num, g1), polyDivExact(b.num, g2));
    const den = polyMul(polyDivExact(a.den, g2), polyDivExact(b.den, g1));
    const lead = den[den.length - 1]!;
    return lead.equals(1) ? { num, den } : { num: polyScale(num, lead.inverse()), den: polyMonic(den) };
  }
  inv(a: QPi): QPi {
    if (a.num.length === 0) divisionByZero(this.name, "the divisor");
    return normalise(a.den, a.num);
  }
  div(a: QPi, b: QPi): QPi {
    if (b.num.length === 0) divisionByZero(this.name, "the divisor");
    return this.mul(a, this.inv(b));
  }
  equals(a: QPi, b: QPi): boolean {
    return polyEquals(a.num, b.num) && polyEquals(a.den, b.den);
  }
  isZero(a: QPi): boolean {
    return a.num.length === 0;
  }
  /** True when a is rational (no pi). */
  isRational(a: QPi): boolean {
    return a.num.length <= 1 && a.den.length === 1;
  }

  /**
   * Sign of an element: the sign of toDecimal(a), whose relative error is bounded (below), so that the
   * sign is exact. A nonzero element is never zero at pi, pi being transcendental.
   */
  sign(a: QPi): -1 | 0 | 1 {
    if (a.num.length === 0) return 0;
    return this.toDecimal(a, 10).isNegative() ? -1 : 1;
  }

  /** The square root whose value at pi is non-negative, when a is a square in Q(pi). */
  sqrt(a: QPi): QPi | undefined {
    if (a.num.length === 0) return a;
    const lead = a.num[a.num.length - 1]!;
    const leadRoot = Q.sqrt(lead);
    if (leadRoot === undefined) return undefined;
    const numRoot = polySqrtMonic(polyMonic(a.num));
    const denRoot = polySqrtMonic(a.den);
    if (numRoot === undefined || denRoot === undefined) return undefined;
    const root = normalise(polyScale(numRoot, leadRoot), denRoot);
    return this.sign(root) < 0 ? this.neg(root) : root;
  }
  /** arctan in Q(pi): only atan(0) = 0 and atan(+-1) = +-pi/4 lie in the field. */
  atan(a: QPi): QPi | undefined {
    if (a.num.length === 0) return this.zeroValue;
    if (this.equals(a, this.oneValue)) return this.piPower(1, new Fraction(1, 4));
    if (this.equals(a, this.neg(this.oneValue))) return this.piPower(1, new Fraction(-1, 4));
    return undefined;
  }

  /**
   * The value at pi to `digits` significant digits. num(pi) and den(pi) are evaluated with a rounding
   * error bound (evalWithBound) at a working precision that doubles until each has relative error
   * below 10^-(digits+2), so cancellation (e.g. q pi - p for a close rational approximation p/q of pi)
   * costs working digits, never correctness (docs/numbers.md).
   */
  toDecimal(a: QPi, digits: number): Decimal {
    const D = decimalContext(digits);
    if (a.num.length === 0) return new D(0);
    for (let work = digits + 10; ; work = Math.min(2 * work, MAX_DIGITS)) {
      const [n, nErr] = evalWithBound(a.num, work);
      const [d, dErr] = evalWithBound(a.den, work);
      const tol = `1e${-(digits + 2)}`;
      if (n.abs().mul(tol).gt(nErr) && d.abs().mul(tol).gt(dErr)) {
        return new D(n.div(d)).toSignificantDigits(digits);
      }
      if (work >= MAX_DIGITS) {
        throw new Error(`cannot evaluate ${this.toString(a)} at pi: cancellation beyond ${MAX_DIGITS} digits`);
      }
    }
  }
  toString(a: QPi): string {
    return this.format(a, false);
  }
  toLatex(a: QPi): string {
    return this.format(a, true);
  }
  private format(a: QPi, latex: boolean): string {
    if (a.num.length === 0) return "0";
    const [N, Dn] = polyPairToIntegers(a.num, a.den);
    let sign = "";
    let n = N;
    // Pull a leading minus out of a numerator whose every coefficient is negative.
    if (N.every((c) => c <= 0n)) {
      sign = "-";
      n = N.map((c) => -c);
    }
    const ns = formatIntPoly(n, latex);
    if (Dn.length === 1 && Dn[0] === 1n) return sign + ns;
    const ds = formatIntPoly(Dn, latex);
    if (latex) return `${sign}\\frac{${ns}}{${ds}}`;
    const wrap = (s: string, c: bigint[]): string => (countTerms(c) > 1 || /[*^]/.test(s) ? `(${s})` : s);
    return `${sign}${wrap(ns, n)}/${wrap(ds, Dn)}`;
  }
}

export const QPI = new QPiField();
