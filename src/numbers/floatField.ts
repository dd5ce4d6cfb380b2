import type { Decimal } from "decimal.js";
import { decimalContext } from "./decimalContext.js";
import { divisionByZero, largestMagnitudePivot, type RealField } from "./field.js";

/** IEEE float64 as a (rounding) field: the fast numeric twin, used for quick checks and training. */
export class FloatField implements RealField<number> {
  readonly name = "float64";
  readonly exact = false;
  readonly float64 = true;
  zero(): number {
    return 0;
  }
  one(): number {
    return 1;
  }
  fromInt(n: number | bigint): number {
    return Number(n);
  }
  fromRational(num: number | bigint, den: number | bigint = 1): number {
    if (Number(den) === 0) divisionByZero(this.name, "the denominator");
    return Number(num) / Number(den);
  }
  fromDecimalString(s: string): number {
    const v = Number(s);
    if (!Number.isFinite(v)) throw new RangeError(`not a finite number: ${s}`);
    return v;
  }
  add(a: number, b: number): number {
    return a + b;
  }
  sub(a: number, b: number): number {
    return a - b;
  }
  mul(a: number, b: number): number {
    return a * b;
  }
  div(a: number, b: number): number {
    if (b === 0) divisionByZero(this.name, "the divisor");
    return a / b;
  }
  neg(a: number): number {
    return -a;
  }
  abs(a: number): number {
    return Math.abs(a);
  }
  equals(a: number, b: number): boolean {
    return a === b;
  }
  isZero(a: number): boolean {
    return a === 0;
  }
  choosePivot(candidates: readonly number[], tolerance?: number): number {
    return largestMagnitudePivot(this, candidates, tolerance);
  }
  lt(a: number, b: number): boolean {
    return a < b;
  }
  sign(a: number): -1 | 0 | 1 {
    return a === 0 ? 0 : a < 0 ? -1 : 1;
  }
  /** |a| <= |scale| * 2^-52: below the rounding error of scale. */
  negligible(a: number, scale: number): boolean {
    return Math.abs(a) <= Math.abs(scale) * Number.EPSILON;
  }
  sqrt(a: number): number {
    if (a < 0) throw new RangeError(`sqrt of a negative number: ${a}`);
    return Math.sqrt(a);
  }
  atan(a: number): number {
    return Math.atan(a);
  }
  atan2(y: number, x: number): number {
    return Math.atan2(y, x);
  }
  pi(): number {
    return Math.PI;
  }
  toNumber(a: number): number {
    return a;
  }
  toDecimal(a: number, digits: number): Decimal {
    return new (decimalContext(digits))(a);
  }
  toString(a: number): string {
    return a.toString();
  }
  toLatex(a: number): string {
    return a.toString();
  }
}

export const F64 = new FloatField();
