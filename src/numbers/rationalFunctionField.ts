import type { Decimal } from "decimal.js";
import { divisionByZero, dot, type Field } from "./field.js";
import {
  type Poly,
  polyAdd,
  polyConst,
  polyDivExact,
  polyEquals,
  polyEvaluate,
  polyGcd,
  polyIsOne,
  polyMonic,
  polyMonomial,
  polyMul,
  polyNeg,
  polyScale,
  polySqrtMonic,
  polyTrim,
} from "./polynomial.js";

/** num(p) / den(p): den monic, gcd(num, den) = 1 (the zero element is [] / [1]). */
export interface RationalFunction<T> {
  readonly num: Poly<T>;
  readonly den: Poly<T>;
}

/**
 * The field K(p) of rational functions in one indeterminate p over an exact field K (docs/numbers.md §8):
 * the coefficient field of series whose coefficients are functions of a class size p (Q(pi)(p), and
 * Q(pi)(p)(sqrt(p)) as its QuadraticExtension). Elements are kept reduced (monic denominator, numerator and
 * denominator coprime by Euclid's algorithm over K), so an element is zero exactly when its numerator is the
 * zero polynomial, and equality is equality of the reduced forms.
 *
 * K(p) has no order that every value p shares, so `sign` is the sign on a declared set of integers: the sign
 * of r(p) at every integer p in [domain.min, domain.max] (each decided exactly in K), and an error naming r
 * when it changes there or r has a pole there. A result derived with these signs holds at each of those p.
 */
export class RationalFunctionField<T> implements Field<RationalFunction<T>> {
  readonly name: string;
  readonly generators?: readonly string[];
  readonly exact = true;

  constructor(
    readonly base: Field<T>,
    readonly variable: string,
    readonly domain: { readonly min: number; readonly max: number },
  ) {
    if (!base.exact) throw new RangeError(`rational functions over ${base.name}: the base field must be exact`);
    if (!Number.isInteger(domain.min) || !Number.isInteger(domain.max) || domain.min > domain.max) {
      throw new RangeError(`the domain of ${variable} must be integers min <= max, got ${domain.min} to ${domain.max}`);
    }
    if (base.generators !== undefined) {
      this.generators = [...base.generators, variable];
      this.name = `Q(${this.generators.join(", ")})`;
    } else {
      this.name = `${base.name}(${variable})`;
    }
  }

  // ---- construction -------------------------------------------------------------------------------

  /** The constant c of K. */
  embed(c: T): RationalFunction<T> {
    return { num: polyConst(this.base, c), den: [this.base.one()] };
  }
  /** The indeterminate p itself. */
  variableElement(): RationalFunction<T> {
    return { num: polyMonomial(this.base, 1), den: [this.base.one()] };
  }
  /** num / den reduced; den must be nonzero. */
  fromPolys(num: Poly<T>, den: Poly<T>): RationalFunction<T> {
    const K = this.base;
    if (den.length === 0) divisionByZero(this.name, "the denominator");
    if (num.length === 0) return this.zero();
    const g = polyIsOne(K, den) ? den : polyGcd(K, num, den);
    const n = polyDivExact(K, num, g);
    const d = polyDivExact(K, den, g);
    const lead = d[d.length - 1]!;
    if (K.equals(lead, K.one())) return { num: n, den: d };
    const inv = K.div(K.one(), lead);
    return { num: polyScale(K, n, inv), den: polyScale(K, d, inv) };
  }
  zero(): RationalFunction<T> {
    return { num: [], den: [this.base.one()] };
  }
  one(): RationalFunction<T> {
    return this.embed(this.base.one());
  }
  fromInt(n: number | bigint): RationalFunction<T> {
    return this.embed(this.base.fromInt(n));
  }
  fromRational(num: number | bigint, den?: number | bigint): RationalFunction<T> {
    return this.embed(this.base.fromRational(num, den));
  }

  // ---- arithmetic -----------------------------------------------------------------------------------

  add(a: RationalFunction<T>, b: RationalFunction<T>): RationalFunction<T> {
    const K = this.base;
    if (polyEquals(K, a.den, b.den)) return polyIsOne(K, a.den) ? { num: polyAdd(K, a.num, b.num), den: a.den } : this.fromPolys(polyAdd(K, a.num, b.num), a.den);
    return this.fromPolys(polyAdd(K, polyMul(K, a.num, b.den), polyMul(K, b.num, a.den)), polyMul(K, a.den, b.den));
  }
  sub(a: RationalFunction<T>, b: RationalFunction<T>): RationalFunction<T> {
    return this.add(a, this.neg(b));
  }
  neg(a: RationalFunction<T>): RationalFunction<T> {
    return { num: polyNeg(this.base, a.num), den: a.den };
  }
  mul(a: RationalFunction<T>, b: RationalFunction<T>): RationalFunction<T> {
    const K = this.base;
    if (a.num.length === 0 || b.num.length === 0) return this.zero();
    if (polyIsOne(K, a.den) && polyIsOne(K, b.den)) return { num: polyMul(K, a.num, b.num), den: a.den };
    // Cross-cancel first (Henrici): both products are then reduced.
    const g1 = polyGcd(K, a.num, b.den);
    const g2 = polyGcd(K, b.num, a.den);
    const num = polyMul(K, polyDivExact(K, a.num, g1), polyDivExact(K, b.num, g2));
    const den = polyMul(K, polyDivExact(K, a.den, g2), polyDivExact(K, b.den, g1));
    return this.fromPolys(num, den);
  }
  /**
   * sum_i x_i y_i. When every denominator is 1 (polynomials in p), each coefficient of the result is one sum
   * of products in K (its sumOfProducts: one common denominator per coefficient, docs/numbers.md §4).
   */
  sumOfProducts(x: readonly RationalFunction<T>[], y: readonly RationalFunction<T>[]): RationalFunction<T> {
    const K = this.base;
    if (!x.every((a) => polyIsOne(K, a.den)) || !y.every((b) => polyIsOne(K, b.den))) {
      let acc = this.zero();
      for (let i = 0; i < x.length; i++) acc = this.add(acc, this.mul(x[i]!, y[i]!));
      return acc;
    }
    const left: T[][] = [];
    const right: T[][] = [];
    x.forEach((a, i) => {
      const b = y[i]!;
      for (let j = 0; j < a.num.length; j++) {
        if (K.isZero(a.num[j]!)) continue;
        for (let k = 0; k < b.num.length; k++) {
          if (K.isZero(b.num[k]!)) continue;
          (left[j + k] ??= []).push(a.num[j]!);
          (right[j + k] ??= []).push(b.num[k]!);
        }
      }
    });
    const num: T[] = [];
    for (let k = 0; k < left.length; k++) num.push(left[k] === undefined ? K.zero() : dot(K, left[k]!, right[k]!));
    return { num: polyTrim(K, num), den: [K.one()] };
  }
  inv(a: RationalFunction<T>): RationalFunction<T> {
    if (a.num.length === 0) divisionByZero(this.name, "the divisor");
    return this.fromPolys(a.den, a.num);
  }
  div(a: RationalFunction<T>, b: RationalFunction<T>): RationalFunction<T> {
    if (b.num.length === 0) divisionByZero(this.name, "the divisor");
    return this.mul(a, this.inv(b));
  }

  // ---- comparison -----------------------------------------------------------------------------------

  equals(a: RationalFunction<T>, b: RationalFunction<T>): boolean {
    return polyEquals(this.base, a.num, b.num) && polyEquals(this.base, a.den, b.den);
  }
  isZero(a: RationalFunction<T>): boolean {
    return a.num.length === 0;
  }
  /** Whether a lies in K (no p in it). */
  isConstant(a: RationalFunction<T>): boolean {
    return a.num.length <= 1 && a.den.length === 1;
  }
  /** r(value) in K; a RangeError when value is a pole of r. */
  evaluate(a: RationalFunction<T>, value: T): T {
    const K = this.base;
    const d = polyEvaluate(K, a.den, value);
    if (K.isZero(d)) throw new RangeError(`${this.toString(a)} has a pole at ${this.variable} = ${K.toString(value)}`);
    return K.div(polyEvaluate(K, a.num, value), d);
  }
  /** The sign of a at every integer of the domain (see the class comment); an error when it is not one sign there. */
  sign(a: RationalFunction<T>): -1 | 0 | 1 {
    if (a.num.length === 0) return 0;
    const K = this.base;
    if (this.isConstant(a)) return K.sign(a.num[0]!);
    let found: -1 | 0 | 1 | undefined;
    for (let v = this.domain.min; v <= this.domain.max; v++) {
      const s = K.sign(this.evaluate(a, K.fromInt(v)));
      if (found === undefined) found = s;
      else if (s !== found) {
        throw new RangeError(`the sign of ${this.toString(a)} is not the same for every ${this.variable} = ${this.domain.min} to ${this.domain.max} (${found} at ${this.domain.min}, ${s} at ${v})`);
      }
    }
    if (found === 0) throw new RangeError(`${this.toString(a)} is zero at ${this.variable} = ${this.domain.min} to ${this.domain.max} but not as a function`);
    return found!;
  }

  // ---- partial operations -------------------------------------------------------------------------

  /** The square root with the sign of the domain's values non-negative, when num * den is a square in K[p]. */
  sqrt(a: RationalFunction<T>): RationalFunction<T> | undefined {
    const K = this.base;
    if (a.num.length === 0) return a;
    if (this.sign(a) < 0) return undefined;
    // sqrt(num / den) = sqrt(num den) / den, den monic.
    const nd = polyMul(K, a.num, a.den);
    const lead = K.sqrt(nd[nd.length - 1]!);
    if (lead === undefined) return undefined;
    const monicRoot = polySqrtMonic(K, polyMonic(K, nd));
    if (monicRoot === undefined) return undefined;
    const root = this.fromPolys(polyScale(K, monicRoot, lead), a.den);
    return this.sign(root) < 0 ? this.neg(root) : root;
  }
  /** arctan of a constant, when the base field has it. */
  atan(a: RationalFunction<T>): RationalFunction<T> | undefined {
    if (!this.isConstant(a)) return undefined;
    const t = this.base.atan(a.num[0] ?? this.base.zero());
    return t === undefined ? undefined : this.embed(t);
  }
  pi(): RationalFunction<T> | undefined {
    const p = this.base.pi();
    return p === undefined ? undefined : this.embed(p);
  }

  // ---- output -----------------------------------------------------------------------------------------

  /** The value of a constant; a function of p has none (a RangeError naming it). */
  toDecimal(a: RationalFunction<T>, digits: number): Decimal {
    if (!this.isConstant(a)) throw new RangeError(`${this.toString(a)} depends on ${this.variable}: it has no decimal value`);
    return this.base.toDecimal(a.num[0] ?? this.base.zero(), digits);
  }
  /** E.g. "(8/pi)*p + (pi - 2)/pi", "((2/pi)*p^2 - 1)/(p + 1)": coefficients in K, powers of p descending. */
  toString(a: RationalFunction<T>): string {
    return this.format(a, (t) => this.base.toString(t), (k) => (k === 1 ? this.variable : `${this.variable}^${k}`), "*", (n, d) => `${n}/${d}`);
  }
  toLatex(a: RationalFunction<T>): string {
    return this.format(a, (t) => this.base.toLatex(t), (k) => (k === 1 ? this.variable : `${this.variable}^{${k}}`), " ", (n, d) => `\\frac{${n}}{${d}}`);
  }
  private format(a: RationalFunction<T>, show: (t: T) => string, power: (k: number) => string, times: string, quotient: (n: string, d: string) => string): string {
    const K = this.base;
    const poly = (c: Poly<T>): { text: string; terms: number } => {
      const terms: string[] = [];
      for (let k = c.length - 1; k >= 0; k--) {
        if (K.isZero(c[k]!)) continue;
        const s = show(c[k]!);
        const simple = /^-?[\w.\\{}^]+$/.test(s);
        if (k === 0) terms.push(s);
        else if (K.equals(c[k]!, K.one())) terms.push(power(k));
        else if (K.equals(c[k]!, K.fromInt(-1))) terms.push(`-${power(k)}`);
        else terms.push(`${simple ? s : `(${s})`}${times}${power(k)}`);
      }
      return { text: terms.length === 0 ? "0" : terms.join(" + ").replace(/\+ -/g, "- "), terms: terms.length };
    };
    const n = poly(a.num);
    if (polyIsOne(K, a.den)) return n.text;
    const d = poly(a.den);
    const wrap = (x: { text: string; terms: number }): string => (x.terms > 1 && times === "*" ? `(${x.text})` : x.text);
    return quotient(wrap(n), wrap(d));
  }
}
