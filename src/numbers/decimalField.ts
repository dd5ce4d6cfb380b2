import type { Decimal } from "decimal.js";
import { decimalContext, decimalPi } from "./decimalContext.js";
import { divisionByZero, largestMagnitudePivot, type RealField } from "./field.js";

/**
 * Real numbers at a fixed number of significant digits (decimal.js): the numeric twin of the exact
 * fields. Every value is produced by this field's own decimal.js context, so the precision is explicit.
 */
export class DecimalField implements RealField<Decimal> {
  readonly float64 = false;
  readonly name: string;
  readonly exact = false;
  readonly D: typeof Decimal;
  private readonly zeroValue: Decimal;
  private readonly oneValue: Decimal;

  constructor(readonly digits: number) {
    this.D = decimalContext(digits);
    this.name = `Decimal(${digits})`;
    this.zeroValue = new this.D(0);
    this.oneValue = new this.D(1);
  }
  zero(): Decimal {
    return this.zeroValue;
  }
  one(): Decimal {
    return this.oneValue;
  }
  fromInt(n: number | bigint): Decimal {
    return new this.D(n.toString());
  }
  fromRational(num: number | bigint, den: number | bigint = 1n): Decimal {
    if (BigInt(den) === 0n) divisionByZero(this.name, "the denominator");
    return new this.D(num.toString()).div(den.toString());
  }
  fromDecimalString(s: string): Decimal {
    const v = new this.D(s);
    if (!v.isFinite()) throw new RangeError(`not a finite number: ${s}`);
    return v.toSignificantDigits(this.digits);
  }
  /** Bring a decimal from any context into this one (rounded to this field's digits). */
  from(x: Decimal | number | string): Decimal {
    return new this.D(x).toSignificantDigits(this.digits);
  }
  add(a: Decimal, b: Decimal): Decimal {
    return this.D.add(a, b);
  }
  sub(a: Decimal, b: Decimal): Decimal {
    return this.D.sub(a, b);
  }
  mul(a: Decimal, b: Decimal): Decimal {
    return this.D.mul(a, b);
  }
  div(a: Decimal, b: Decimal): Decimal {
    if (b.isZero()) divisionByZero(this.name, "the divisor");
    return this.D.div(a, b);
  }
  neg(a: Decimal): Decimal {
    return new this.D(a).neg();
  }
  abs(a: Decimal): Decimal {
    return new this.D(a).abs();
  }
  equals(a: Decimal, b: Decimal): boolean {
    return a.eq(b);
  }
  isZero(a: Decimal): boolean {
    return a.isZero();
  }
  choosePivot(candidates: readonly Decimal[], tolerance?: Decimal): number {
    return largestMagnitudePivot(this, candidates, tolerance);
  }
  lt(a: Decimal, b: Decimal): boolean {
    return a.lt(b);
  }
  sign(a: Decimal): -1 | 0 | 1 {
    return a.isZero() ? 0 : a.isNegative() ? -1 : 1;
  }
  /** |a| <= |scale| * 10^-digits: below the rounding error of scale at this precision. */
  negligible(a: Decimal, scale: Decimal): boolean {
    return a.abs().lte(scale.abs().mul(new this.D(10).pow(-this.digits)));
  }
  sqrt(a: Decimal): Decimal {
    if (a.isNegative() && !a.isZero()) throw new RangeError(`sqrt of a negative number: ${a.toString()}`);
    return this.D.sqrt(a);
  }
  atan(a: Decimal): Decimal {
    return this.D.atan(a);
  }
  atan2(y: Decimal, x: Decimal): Decimal {
    return this.D.atan2(y, x);
  }
  pi(): Decimal {
    return decimalPi(this.digits);
  }
  toNumber(a: Decimal): number {
    return a.toNumber();
  }
  toDecimal(a: Decimal, digits: number): Decimal {
    return new (decimalContext(digits))(a).toSignificantDigits(digits);
  }
  toString(a: Decimal): string {
    return a.toString();
  }
  toLatex(a: Decimal): string {
    const [m, e] = a.toExponential().split("e");
    const exp = Number(e);
    return exp === 0 ? m! : `${m} \\times 10^{${exp}}`;
  }
}
