import type { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { BigFloatField, bigintSqrtFloor, bitLength, type BigFloat } from "../src/numbers/bigFloatField.js";
import { DecimalField } from "../src/numbers/decimalField.js";
import { mulberry32, randInt, type Random } from "./support/random.js";

// The binary big floats of src/numbers/bigFloatField.ts (docs/numbers.md §6): every operation and
// elementary function is correctly rounded. Each is checked against decimal.js (Ziv's strategy): the
// reference is computed at digits + 30, and the field's bits must round the whole interval of its rounding
// error to one float, which is then the correctly rounded value; an undecided interval (the value near a
// rounding tie) is recomputed at 300 digits (a reference within 10^-290 of a tie would be needed to fool it).

const REF = new DecimalField(300);
const LOW_REF = new Map<number, DecimalField>();

/** The correctly rounded value of f in B: f evaluated by decimal.js at digits + 30, else at 300 digits. */
function reference(B: BigFloatField, f: (D: DecimalField) => Decimal): BigFloat {
  const digits = B.digits + 30;
  const low = LOW_REF.get(digits) ?? new DecimalField(digits);
  LOW_REF.set(digits, low);
  const v = f(low);
  // decimal.js rounds each result correctly to `digits` significant digits: |v - exact| <= 10^(1-digits) |v|.
  const margin = v.abs().mul(low.D.pow(10, 2 - digits));
  const [lo, hi] = [B.fromDecimal(v.sub(margin)), B.fromDecimal(v.add(margin))];
  return B.equals(lo, hi) ? lo : B.fromDecimal(f(REF));
}

/** The exact value of a float as a decimal (m 5^-e has fewer than 500 digits for the floats drawn here). */
const exact = (B: BigFloatField, a: BigFloat): Decimal => B.toDecimal(a, 500);

/** A float m 2^k with a random mantissa of the field's bits and |k| <= spread, both signs. */
function randomFloat(B: BigFloatField, rng: Random, spread: number): BigFloat {
  let m = 0n;
  for (let i = 0; i < B.bits; i += 30) m = (m << 30n) | BigInt(rng.integer(2 ** 30));
  m = (m >> BigInt(Math.max(0, bitLength(m | 1n) - B.bits))) | (1n << BigInt(B.bits - 1));
  const k = randInt(rng, -spread, spread) - B.bits;
  const v = B.mulPow2(B.fromInt(m), k);
  return rng.uniform() < 0.5 ? B.neg(v) : v;
}

/** Arguments of every kind: moderate, tiny, large, near 1 (atan's reduction boundary) and near pi/2 and pi. */
function arguments_(B: BigFloatField, rng: Random): BigFloat[] {
  const out: BigFloat[] = [];
  for (let i = 0; i < 40; i++) out.push(randomFloat(B, rng, 3));
  for (let i = 0; i < 10; i++) out.push(randomFloat(B, rng, 200));
  for (const s of ["1", "-1", "1e-40", "3e-300", "7e250", "0.03125", "0.03125000001", "1.0000000000000000000000000001"]) out.push(B.fromDecimalString(s));
  const halfPi = B.mulPow2(B.pi(), -1);
  for (const s of ["1e-30", "-1e-30", "1e-10", "0"]) {
    out.push(B.add(halfPi, B.fromDecimalString(s)));
    out.push(B.add(B.pi(), B.fromDecimalString(s)));
  }
  return out;
}

describe.each([20, 40, 60])("BigFloatField(%i digits): correctly rounded against decimal.js at 300 digits", (digits) => {
  const B = new BigFloatField(digits);
  const ref = (v: Decimal): BigFloat => B.fromDecimal(v);
  const same = (a: BigFloat, b: BigFloat, what: string): void => {
    expect(B.toString(a), what).toBe(B.toString(b));
    expect(B.equals(a, b), what).toBe(true);
  };

  it("has the documented precision: bits = ceil(digits log2 10) + 8", () => {
    expect(B.bits).toBe(Math.ceil(digits * Math.log2(10)) + 8);
    expect(B.name).toBe(`BigFloat(${digits})`);
  });

  it("+, -, *, / are correctly rounded", () => {
    const rng = mulberry32(digits);
    for (let i = 0; i < 300; i++) {
      const spread = i < 200 ? 4 : 300;
      const [a, b] = [randomFloat(B, rng, spread), randomFloat(B, rng, i % 3 === 0 ? 2 * B.bits + 20 : spread)];
      const [x, y] = [exact(B, a), exact(B, b)];
      same(B.add(a, b), ref(x.add(y)), `${x} + ${y}`);
      same(B.sub(a, b), ref(x.sub(y)), `${x} - ${y}`);
      same(B.mul(a, b), ref(x.mul(y)), `${x} * ${y}`);
      same(B.div(a, b), ref(x.div(y)), `${x} / ${y}`);
    }
  });

  it("sqrt, atan are correctly rounded (moderate, tiny, large arguments, near 1, pi/2 and pi)", () => {
    const rng = mulberry32(100 + digits);
    for (const a of arguments_(B, rng)) {
      const x = exact(B, a);
      same(B.sqrt(B.abs(a)), reference(B, (D) => D.D.sqrt(x.abs())), `sqrt ${x}`);
      same(B.atan(a), reference(B, (D) => D.D.atan(x)), `atan ${x}`);
    }
    expect(() => B.sqrt(B.fromInt(-1))).toThrow(RangeError);
  });

  it("atan2 is correctly rounded on every quadrant and both axes, with values in (-pi, pi]", () => {
    const rng = mulberry32(200 + digits);
    const args = arguments_(B, rng);
    for (let i = 0; i < 30; i++) {
      const y = args[randInt(rng, 0, args.length - 1)]!;
      const x = args[randInt(rng, 0, args.length - 1)]!;
      for (const [sy, sx] of [[1, 1], [1, -1], [-1, 1], [-1, -1]]) {
        const yy = sy > 0 ? B.abs(y) : B.neg(B.abs(y));
        const xx = sx > 0 ? B.abs(x) : B.neg(B.abs(x));
        same(B.atan2(yy, xx), reference(B, (D) => D.atan2(exact(B, yy), exact(B, xx))), `atan2(${B.toString(yy)}, ${B.toString(xx)})`);
      }
    }
    const pi = ref(REF.pi());
    same(B.pi(), pi, "pi");
    same(B.atan2(B.zero(), B.one()), B.zero(), "atan2(0, 1)");
    same(B.atan2(B.zero(), B.fromInt(-3)), pi, "atan2(0, -3)");
    same(B.atan2(B.fromInt(2), B.zero()), B.mulPow2(pi, -1), "atan2(2, 0)");
    same(B.atan2(B.fromInt(-2), B.zero()), B.neg(B.mulPow2(pi, -1)), "atan2(-2, 0)");
    same(B.atan2(B.zero(), B.zero()), B.zero(), "atan2(0, 0)");
  });

  it("decimal conversions: fromDecimalString and fromRational are correctly rounded, toString round-trips", () => {
    const rng = mulberry32(300 + digits);
    for (let i = 0; i < 100; i++) {
      const s = `${rng.uniform() < 0.5 ? "-" : ""}${Math.floor(rng.uniform() * 1e15)}.${Math.floor(rng.uniform() * 1e15)}e${randInt(rng, -60, 60)}`;
      same(B.fromDecimalString(s), ref(REF.fromDecimalString(s)), s);
      const [p, q] = [BigInt(randInt(rng, -1e6, 1e6)), BigInt(randInt(rng, 1, 1e6))];
      same(B.fromRational(p, q), ref(REF.fromRational(p, q)), `${p}/${q}`);
      const a = randomFloat(B, rng, 100);
      same(B.fromDecimalString(B.toString(a)), a, "round trip");
      expect(B.toDecimal(a, 25).eq(exact(B, a).toSignificantDigits(25))).toBe(true);
      expect(B.toNumber(a)).toBe(exact(B, a).toNumber());
    }
    for (const bad of ["", ".", "abc", "1e", "Infinity", "NaN", "1.2.3"]) expect(() => B.fromDecimalString(bad), bad).toThrow(RangeError);
  });

  it("comparisons, sign, pivoting and negligible", () => {
    const rng = mulberry32(400 + digits);
    for (let i = 0; i < 200; i++) {
      const [a, b] = [randomFloat(B, rng, i % 2 === 0 ? 3 : 400), randomFloat(B, rng, 3)];
      const c = exact(B, a).cmp(exact(B, b));
      expect(B.lt(a, b)).toBe(c < 0);
      expect(B.equals(a, b)).toBe(c === 0);
      expect(B.sign(a)).toBe(exact(B, a).isNegative() ? -1 : 1);
    }
    // The same value in two representations is equal.
    expect(B.equals(B.mulPow2(B.fromInt(3), 5), B.fromInt(96))).toBe(true);
    expect(B.choosePivot([B.fromInt(1), B.fromInt(-5), B.fromInt(5), B.fromInt(2)])).toBe(1);
    expect(B.choosePivot([B.fromInt(1)], B.fromInt(2))).toBe(-1);
    const scale = B.fromInt(3);
    expect(B.negligible(B.mul(scale, B.fromDecimalString(`1e-${digits + 1}`)), scale)).toBe(true);
    expect(B.negligible(B.mul(scale, B.fromDecimalString(`1e-${digits - 1}`)), scale)).toBe(false);
  });
});

describe("BigInt helpers", () => {
  it("bitLength and bigintSqrtFloor are exact, at powers of two and around them too", () => {
    for (let k = 0; k < 1100; k += k < 70 ? 1 : 37) {
      const p = 1n << BigInt(k);
      expect(bitLength(p)).toBe(k + 1);
      if (k > 0) expect(bitLength(p - 1n)).toBe(k);
      expect(bitLength(p + 1n)).toBe(k === 0 ? 2 : k + 1);
      for (const n of [p, p - 1n, p + 12345n]) {
        if (n < 0n) continue;
        const r = bigintSqrtFloor(n);
        expect(r * r <= n && (r + 1n) * (r + 1n) > n).toBe(true);
      }
    }
  });
});
