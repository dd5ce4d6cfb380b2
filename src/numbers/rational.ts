import Fraction from "fraction.js";
import { decimalContext } from "./decimalContext.js";
import { divisionByZero, type Field } from "./field.js";
import type { Decimal } from "decimal.js";

/** Exact integer square root of a non-negative BigInt, or undefined if n is not a perfect square. */
export function bigintSqrtExact(n: bigint): bigint | undefined {
  if (n < 0n) return undefined;
  if (n < 2n) return n;
  // Newton's iteration for floor(sqrt(n)) from above: x0 = 2^ceil(bits/2) >= sqrt(n), and x decreases
  // strictly until it reaches floor(sqrt(n)). (A float estimate can be too small by 2^(bits/2 - 53),
  // and then correcting it one unit at a time never ends.)
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / 2));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) break;
    x = y;
  }
  return x * x === n ? x : undefined;
}

/** The numerator/denominator pair of a Fraction, sign carried by the numerator. */
export function fractionParts(q: Fraction): [bigint, bigint] {
  return [q.s * q.n, q.d];
}

/** Plain-text form "n" or "n/d". */
export function fractionToString(q: Fraction): string {
  const [n, d] = fractionParts(q);
  return d === 1n ? `${n}` : `${n}/${d}`;
}

export function fractionToLatex(q: Fraction): string {
  const [n, d] = fractionParts(q);
  if (d === 1n) return `${n}`;
  return n < 0n ? `-\\frac{${-n}}{${d}}` : `\\frac{${n}}{${d}}`;
}

/** The rational q as a decimal at `digits` significant digits. */
export function fractionToDecimal(q: Fraction, digits: number): Decimal {
  const D = decimalContext(digits);
  const [n, d] = fractionParts(q);
  return new D(n.toString()).div(new D(d.toString()));
}

/** The field Q of rational numbers, on BigInt through fraction.js. */
export class RationalField implements Field<Fraction> {
  readonly name = "Q";
  readonly generators: readonly string[] = [];
  readonly exact = true;
  private readonly zeroValue = new Fraction(0);
  private readonly oneValue = new Fraction(1);

  zero(): Fraction {
    return this.zeroValue;
  }
  one(): Fraction {
    return this.oneValue;
  }
  fromInt(n: number | bigint): Fraction {
    return new Fraction(BigInt(n));
  }
  fromRational(num: number | bigint, den: number | bigint = 1n): Fraction {
    if (BigInt(den) === 0n) divisionByZero(this.name, "the denominator");
    return new Fraction(BigInt(num), BigInt(den));
  }
  add(a: Fraction, b: Fraction): Fraction {
    return a.add(b);
  }
  sub(a: Fraction, b: Fraction): Fraction {
    return a.sub(b);
  }
  mul(a: Fraction, b: Fraction): Fraction {
    return a.mul(b);
  }
  div(a: Fraction, b: Fraction): Fraction {
    if (b.n === 0n) divisionByZero(this.name, "the divisor");
    return a.div(b);
  }
  neg(a: Fraction): Fraction {
    return a.neg();
  }
  equals(a: Fraction, b: Fraction): boolean {
    return a.equals(b);
  }
  isZero(a: Fraction): boolean {
    return a.n === 0n;
  }
  sign(a: Fraction): -1 | 0 | 1 {
    return a.n === 0n ? 0 : a.s < 0n ? -1 : 1;
  }
  sqrt(a: Fraction): Fraction | undefined {
    if (a.s < 0n && a.n !== 0n) return undefined;
    const n = bigintSqrtExact(a.n);
    const d = bigintSqrtExact(a.d);
    return n === undefined || d === undefined ? undefined : new Fraction(n, d);
  }
  atan(a: Fraction): Fraction | undefined {
    return a.n === 0n ? this.zeroValue : undefined;
  }
  pi(): undefined {
    return undefined;
  }
  toDecimal(a: Fraction, digits: number): Decimal {
    return fractionToDecimal(a, digits);
  }
  toString(a: Fraction): string {
    return fractionToString(a);
  }
  toLatex(a: Fraction): string {
    return fractionToLatex(a);
  }
}

export const Q = new RationalField();
