import type { Decimal } from "decimal.js";
import { decimalContext } from "./decimalContext.js";
import { divisionByZero, dot, type Field } from "./field.js";

/** a + b sqrt(c), with a, b in the base field. */
export interface Quadratic<T> {
  readonly a: T;
  readonly b: T;
}

/**
 * The quadratic extension K(sqrt(c)) of a field K by a positive c that is not a square in K
 * (docs/numbers.md, "named extensions"): families whose kernels meet a leading coefficient such as 8 under
 * a square root live in Q(pi)(sqrt(2)). Arithmetic is exact over an exact K; the sign of a + b sqrt(c)
 * is decided exactly from the signs of a, b and of a^2 - c b^2.
 */
export class QuadraticExtension<T> implements Field<Quadratic<T>> {
  readonly name: string;
  readonly generators?: readonly string[];
  readonly exact: boolean;

  constructor(
    readonly base: Field<T>,
    readonly c: T,
    readonly radicand: string,
  ) {
    if (base.sign(c) <= 0 || base.sqrt(c) !== undefined) {
      throw new RangeError(`sqrt(${base.toString(c)}) does not define a real quadratic extension of ${base.name}`);
    }
    const root = `sqrt(${radicand})`;
    if (base.generators !== undefined) {
      this.generators = [...base.generators, root];
      this.name = `Q(${this.generators.join(", ")})`;
    } else {
      this.name = `${base.name}(${root})`;
    }
    this.exact = base.exact;
  }

  /** The base-field element a as a + 0 sqrt(c). */
  embed(a: T): Quadratic<T> {
    return { a, b: this.base.zero() };
  }
  /** sqrt(c) itself. */
  root(): Quadratic<T> {
    return { a: this.base.zero(), b: this.base.one() };
  }
  zero(): Quadratic<T> {
    return this.embed(this.base.zero());
  }
  one(): Quadratic<T> {
    return this.embed(this.base.one());
  }
  fromInt(n: number | bigint): Quadratic<T> {
    return this.embed(this.base.fromInt(n));
  }
  fromRational(num: number | bigint, den?: number | bigint): Quadratic<T> {
    return this.embed(this.base.fromRational(num, den));
  }
  add(x: Quadratic<T>, y: Quadratic<T>): Quadratic<T> {
    return { a: this.base.add(x.a, y.a), b: this.base.add(x.b, y.b) };
  }
  sub(x: Quadratic<T>, y: Quadratic<T>): Quadratic<T> {
    return { a: this.base.sub(x.a, y.a), b: this.base.sub(x.b, y.b) };
  }
  neg(x: Quadratic<T>): Quadratic<T> {
    return { a: this.base.neg(x.a), b: this.base.neg(x.b) };
  }
  mul(x: Quadratic<T>, y: Quadratic<T>): Quadratic<T> {
    const K = this.base;
    if (K.isZero(x.b) && K.isZero(y.b)) return this.embed(K.mul(x.a, y.a));
    return {
      a: K.add(K.mul(x.a, y.a), K.mul(this.c, K.mul(x.b, y.b))),
      b: K.add(K.mul(x.a, y.b), K.mul(x.b, y.a)),
    };
  }
  /** sum x_i y_i: both parts as sums of products in the base field (its sumOfProducts when it has one). */
  sumOfProducts(x: readonly Quadratic<T>[], y: readonly Quadratic<T>[]): Quadratic<T> {
    const K = this.base;
    const [ax, ay, bx, by]: T[][] = [[], [], [], []];
    for (let i = 0; i < x.length; i++) {
      const [u, v] = [x[i]!, y[i]!];
      ax.push(u.a);
      ay.push(v.a);
      bx.push(u.a, u.b);
      by.push(v.b, v.a);
      if (!K.isZero(u.b) && !K.isZero(v.b)) {
        ax.push(K.mul(this.c, u.b));
        ay.push(v.b);
      }
    }
    return { a: dot(K, ax, ay), b: dot(K, bx, by) };
  }
  /** The norm a^2 - c b^2 (nonzero for nonzero x, since c is not a square). */
  norm(x: Quadratic<T>): T {
    const K = this.base;
    return K.sub(K.mul(x.a, x.a), K.mul(this.c, K.mul(x.b, x.b)));
  }
  inv(x: Quadratic<T>): Quadratic<T> {
    const K = this.base;
    if (this.isZero(x)) divisionByZero(this.name, "the divisor");
    if (K.isZero(x.b)) return this.embed(K.div(K.one(), x.a));
    const n = this.norm(x);
    return { a: K.div(x.a, n), b: K.neg(K.div(x.b, n)) };
  }
  div(x: Quadratic<T>, y: Quadratic<T>): Quadratic<T> {
    if (this.isZero(y)) divisionByZero(this.name, "the divisor");
    return this.mul(x, this.inv(y));
  }
  equals(x: Quadratic<T>, y: Quadratic<T>): boolean {
    return this.base.equals(x.a, y.a) && this.base.equals(x.b, y.b);
  }
  isZero(x: Quadratic<T>): boolean {
    return this.base.isZero(x.a) && this.base.isZero(x.b);
  }
  sign(x: Quadratic<T>): -1 | 0 | 1 {
    const K = this.base;
    const sa = K.sign(x.a);
    const sb = K.sign(x.b);
    if (sb === 0) return sa;
    if (sa === 0 || sa === sb) return sb;
    // Opposite signs: the larger of |a| and |b| sqrt(c) wins, decided by the sign of a^2 - c b^2.
    return K.sign(this.norm(x)) > 0 ? sa : sb;
  }
  /**
   * The non-negative square root when it lies in the extension: s + t sqrt(c) with s^2 + c t^2 = a and
   * 2 s t = b, i.e. s^2 = (a +- N)/2 where N^2 = a^2 - c b^2.
   */
  sqrt(x: Quadratic<T>): Quadratic<T> | undefined {
    const K = this.base;
    if (this.sign(x) < 0) return undefined;
    if (this.isZero(x)) return x;
    const candidates: Quadratic<T>[] = [];
    if (K.isZero(x.b)) {
      const r = K.sqrt(x.a);
      if (r !== undefined) candidates.push(this.embed(r));
      const q = K.sqrt(K.div(x.a, this.c));
      if (q !== undefined) candidates.push({ a: K.zero(), b: q });
    } else {
      const N = K.sqrt(this.norm(x));
      if (N !== undefined) {
        for (const half of [K.div(K.add(x.a, N), K.fromInt(2)), K.div(K.sub(x.a, N), K.fromInt(2))]) {
          const s = K.sqrt(half);
          if (s === undefined || K.isZero(s)) continue;
          candidates.push({ a: s, b: K.div(x.b, K.add(s, s)) });
        }
      }
    }
    for (const r of candidates) {
      const root = this.sign(r) < 0 ? this.neg(r) : r;
      if (this.equals(this.mul(root, root), x)) return root;
    }
    return undefined;
  }
  atan(x: Quadratic<T>): Quadratic<T> | undefined {
    if (!this.base.isZero(x.b)) return undefined;
    const t = this.base.atan(x.a);
    return t === undefined ? undefined : this.embed(t);
  }
  pi(): Quadratic<T> | undefined {
    const p = this.base.pi();
    return p === undefined ? undefined : this.embed(p);
  }
  toDecimal(x: Quadratic<T>, digits: number): Decimal {
    const work = digits + 10;
    const D = decimalContext(work);
    const v = this.base.toDecimal(x.a, work).add(this.base.toDecimal(x.b, work).mul(this.base.toDecimal(this.c, work).sqrt()));
    return new (decimalContext(digits))(new D(v)).toSignificantDigits(digits);
  }
  toString(x: Quadratic<T>): string {
    return this.format(x, (t) => this.base.toString(t), `sqrt(${this.radicand})`, "*");
  }
  toLatex(x: Quadratic<T>): string {
    return this.format(x, (t) => this.base.toLatex(t), `\\sqrt{${this.radicand}}`, "");
  }
  private format(x: Quadratic<T>, show: (t: T) => string, root: string, times: string): string {
    const K = this.base;
    if (K.isZero(x.b)) return show(x.a);
    const wrap = (s: string): string => (/^-?[\w.\\{}^]+$/.test(s) ? s : `(${s})`);
    const rootTerm = K.equals(x.b, K.one()) ? root : `${wrap(show(x.b))}${times}${root}`;
    if (K.isZero(x.a)) return rootTerm;
    return `${show(x.a)} + ${rootTerm}`;
  }
}
