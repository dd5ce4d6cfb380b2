import { dot, type Field } from "../numbers/field.js";

/**
 * A truncated Laurent series in eps over a field:
 *   sum_{i} coeffs[i] eps^(val + i) + O(eps^prec).
 * Invariants (docs/series.md): coeffs[0] is nonzero unless the series is zero to its precision
 * (then coeffs = [] and val = prec); with finite prec every known coefficient is stored
 * (coeffs.length = prec - val); prec = Infinity marks an exactly known Laurent polynomial.
 */
export class Series<T> {
  private constructor(
    readonly F: Field<T>,
    readonly val: number,
    readonly coeffs: readonly T[],
    readonly prec: number,
  ) {}

  // ---- construction -------------------------------------------------------------------------

  /**
   * The series sum coeffs[i] eps^(val+i) + O(eps^prec), normalised: leading zeros are stripped
   * (raising the valuation), coefficients at or beyond prec are dropped.
   */
  static of<T>(F: Field<T>, val: number, coeffs: readonly T[], prec: number = Infinity): Series<T> {
    // val = Infinity with no coefficients is the exact zero (as Series.zero stores it).
    if (val === Infinity && coeffs.length === 0) return Series.zero(F, prec);
    if (!Number.isInteger(val)) throw new RangeError(`series valuation must be an integer, got ${val}`);
    if (prec !== Infinity && !Number.isInteger(prec)) {
      throw new RangeError(`series precision must be an integer or Infinity, got ${prec}`);
    }
    let start = 0;
    while (start < coeffs.length && F.isZero(coeffs[start]!)) start++;
    let end = coeffs.length;
    if (prec !== Infinity) end = Math.min(end, prec - val);
    if (start >= end) return Series.zero(F, prec);
    if (prec === Infinity) {
      while (end > start && F.isZero(coeffs[end - 1]!)) end--;
      return new Series(F, val + start, coeffs.slice(start, end), prec);
    }
    const known = coeffs.slice(start, end);
    while (val + start + known.length < prec) known.push(F.zero());
    return new Series(F, val + start, known, prec);
  }

  /** The series that is zero to O(eps^prec) (exactly zero when prec = Infinity). */
  static zero<T>(F: Field<T>, prec: number = Infinity): Series<T> {
    return new Series(F, prec, [], prec);
  }

  /** The constant c + O(eps^prec). */
  static constant<T>(F: Field<T>, c: T, prec: number = Infinity): Series<T> {
    return Series.of(F, 0, [c], prec);
  }

  /** c eps^k, exact. */
  static monomial<T>(F: Field<T>, c: T, k: number): Series<T> {
    return Series.of(F, k, [c]);
  }

  // ---- basic manipulation -------------------------------------------------------------------

  /** True when every known coefficient is zero (the series is O(eps^prec)). */
  isZero(): boolean {
    return this.coeffs.length === 0;
  }

  /** True when the series is an exactly known Laurent polynomial. */
  isExact(): boolean {
    return this.prec === Infinity;
  }

  /** Relative precision: the number of known coefficients from the leading one on. */
  relPrec(): number {
    return this.prec - this.val;
  }

  /** The coefficient of eps^k (zero below the valuation; an error at or beyond the precision). */
  coeff(k: number): T {
    if (k >= this.prec) {
      throw new RangeError(`coefficient of eps^${k} is unknown: the series is only known to O(eps^${this.prec})`);
    }
    const i = k - this.val;
    return i < 0 || i >= this.coeffs.length ? this.F.zero() : this.coeffs[i]!;
  }

  /** The leading coefficient; an error for a series that is zero to its precision. */
  lead(): T {
    if (this.isZero()) {
      throw new RangeError(`the series is zero to O(eps^${this.prec}): it has no known leading term`);
    }
    return this.coeffs[0]!;
  }

  /** The same series known only to O(eps^prec) (no-op if already coarser). */
  truncate(prec: number): Series<T> {
    if (prec >= this.prec) return this;
    return Series.of(this.F, this.val, this.coeffs, prec);
  }

  /** The series with every coefficient mapped into another field (e.g. Q(pi) to Decimal). */
  mapCoefficients<U>(G: Field<U>, f: (c: T) => U): Series<U> {
    return Series.of(G, this.val, this.coeffs.map(f), this.prec);
  }

  // ---- I/O ----------------------------------------------------------------------------------

  toString(): string {
    const terms: string[] = [];
    this.coeffs.forEach((c, i) => {
      if (this.F.isZero(c)) return;
      const k = this.val + i;
      const s = this.F.toString(c);
      const coef = /^-?[\w./]+$/.test(s) ? s : `(${s})`;
      terms.push(k === 0 ? coef : `${coef}*eps${k === 1 ? "" : `^${k}`}`);
    });
    if (this.prec !== Infinity) terms.push(`O(eps^${this.prec})`);
    return terms.length === 0 ? "0" : terms.join(" + ");
  }

  // ---- unary and binary operators -----------------------------------------------------------

  neg(): Series<T> {
    return new Series(this.F, this.val, this.coeffs.map((c) => this.F.neg(c)), this.prec);
  }

  add(b: Series<T>): Series<T> {
    const F = this.F;
    const prec = Math.min(this.prec, b.prec);
    const val = Math.min(this.val, b.val);
    if (val >= prec) return Series.zero(F, prec);
    const end = (x: Series<T>): number => (x.isZero() ? -Infinity : x.val + x.coeffs.length);
    const top = prec === Infinity ? Math.max(end(this), end(b)) : prec;
    const out: T[] = [];
    for (let k = val; k < top; k++) out.push(F.add(this.coeffAt(k), b.coeffAt(k)));
    return Series.of(F, val, out, prec);
  }

  sub(b: Series<T>): Series<T> {
    return this.add(b.neg());
  }

  /**
   * Product. Known to O(eps^min(val(a) + prec(b), val(b) + prec(a))): a product of O(eps^5) with a
   * series of valuation -2 is known to O(eps^3).
   */
  mul(b: Series<T>): Series<T> {
    const F = this.F;
    const prec = Math.min(this.val + b.prec, b.val + this.prec);
    if (this.isZero() || b.isZero()) return Series.zero(F, prec);
    const val = this.val + b.val;
    const n = prec === Infinity ? this.coeffs.length + b.coeffs.length - 1 : prec - val;
    const out: T[] = new Array<T>(n);
    const a = this.coeffs;
    const c = b.coeffs;
    if (b === this && F.exact) return Series.of(F, val, square(F, a, n), prec);
    for (let k = 0; k < n; k++) {
      const lo = Math.max(0, k - c.length + 1);
      const hi = Math.min(k, a.length - 1);
      const x: T[] = [];
      const y: T[] = [];
      for (let i = lo; i <= hi; i++) {
        x.push(a[i]!);
        y.push(c[k - i]!);
      }
      out[k] = dot(F, x, y);
    }
    return Series.of(F, val, out, prec);
  }

  /**
   * sum_p xs[p] ys[p], the same series as folding `mul` and `add` left to right (value, valuation and
   * precision). Over an exact field with `sumOfProducts`, every output coefficient is one sum of products
   * over the terms of all the pairs (docs/numbers.md, "sums of products"), instead of one per pair and
   * an addition per pair; over other fields it is the fold.
   */
  static sumOfProducts<T>(F: Field<T>, xs: readonly Series<T>[], ys: readonly Series<T>[]): Series<T> {
    if (xs.length !== ys.length) throw new RangeError(`sumOfProducts: ${xs.length} factors against ${ys.length}`);
    if (xs.length === 0) return Series.zero(F);
    if (xs.length === 1) return xs[0]!.mul(ys[0]!);
    if (!F.exact || F.sumOfProducts === undefined) {
      let acc = xs[0]!.mul(ys[0]!);
      for (let p = 1; p < xs.length; p++) acc = acc.add(xs[p]!.mul(ys[p]!));
      return acc;
    }
    let prec = Infinity;
    let val = Infinity;
    let top = -Infinity;
    const live: number[] = [];
    for (let p = 0; p < xs.length; p++) {
      const [a, b] = [xs[p]!, ys[p]!];
      prec = Math.min(prec, a.val + b.prec, b.val + a.prec);
      if (a.isZero() || b.isZero()) continue;
      live.push(p);
      val = Math.min(val, a.val + b.val);
      top = Math.max(top, a.val + b.val + a.coeffs.length + b.coeffs.length - 1);
    }
    if (live.length === 0 || val >= prec) return Series.zero(F, prec);
    const n = (prec === Infinity ? top : prec) - val;
    const out: T[] = new Array<T>(n);
    for (let k = 0; k < n; k++) {
      const x: T[] = [];
      const y: T[] = [];
      for (const p of live) {
        const a = xs[p]!.coeffs;
        const c = ys[p]!.coeffs;
        const K = k + val - xs[p]!.val - ys[p]!.val;
        const lo = Math.max(0, K - c.length + 1);
        const hi = Math.min(K, a.length - 1);
        for (let i = lo; i <= hi; i++) {
          x.push(a[i]!);
          y.push(c[K - i]!);
        }
      }
      out[k] = x.length === 0 ? F.zero() : dot(F, x, y);
    }
    return Series.of(F, val, out, prec);
  }

  // ---- ad hoc operators ---------------------------------------------------------------------

  /** c * this for a field element c. */
  scale(c: T): Series<T> {
    if (this.F.isZero(c)) return Series.zero(this.F);
    return Series.of(this.F, this.val, this.coeffs.map((x) => this.F.mul(c, x)), this.prec);
  }

  /** eps^k * this. */
  shift(k: number): Series<T> {
    return new Series(this.F, this.val + k, this.coeffs, this.prec + k);
  }

  /** this + c for a field element c. */
  addConstant(c: T): Series<T> {
    return this.add(Series.constant(this.F, c));
  }

  // ---- inversion and exact division ---------------------------------------------------------

  /**
   * 1/this, keeping the relative precision; an exact input needs `prec`, the absolute precision
   * wanted. Error when the leading coefficient is unknown (series zero to its precision).
   */
  inv(prec?: number): Series<T> {
    const F = this.F;
    if (this.isZero()) {
      throw new RangeError(`cannot invert a series that is zero to O(eps^${this.prec}): its leading term is unknown`);
    }
    const target = resultPrecision(-this.val + this.relPrec(), prec, "inverse");
    const n = target + this.val;
    const a = this.coeffs;
    const inv0 = F.div(F.one(), a[0]!);
    const b: T[] = [inv0];
    // b_k = -(1/a_0) sum_{j=1..k} a_j b_{k-j}
    for (let k = 1; k < n; k++) {
      const x: T[] = [];
      const y: T[] = [];
      for (let j = 1; j <= Math.min(k, a.length - 1); j++) {
        x.push(a[j]!);
        y.push(b[k - j]!);
      }
      b.push(F.neg(F.mul(inv0, dot(F, x, y))));
    }
    return Series.of(F, -this.val, b, target);
  }

  /**
   * this / b, known to O(eps^(min(val(a) + relPrec(b), prec(a)) - val(b))), the precision of a * (1/b)
   * with 1/b at its natural precision: an exact divisor takes the dividend's precision. `prec` caps
   * the result; it is needed when both are exact. Error when b is zero to its precision.
   */
  div(b: Series<T>, prec?: number): Series<T> {
    if (b.isZero()) {
      throw new RangeError(`cannot divide by a series that is zero to O(eps^${b.prec}): its leading term is unknown`);
    }
    if (this.isZero()) {
      const p = this.prec - b.val;
      return Series.zero(this.F, prec === undefined ? p : Math.min(p, prec));
    }
    const target = resultPrecision(Math.min(this.val + b.relPrec(), this.prec) - b.val, prec, "quotient");
    return this.mul(b.inv(target - this.val));
  }

  // ---- powering -----------------------------------------------------------------------------

  /** this^n for an integer n (negative n through the inverse). */
  pow(n: number, prec?: number): Series<T> {
    if (!Number.isInteger(n)) throw new RangeError(`series power must be an integer, got ${n}`);
    if (n < 0) return this.pow(-n).inv(prec);
    let result = Series.constant(this.F, this.F.one());
    let base: Series<T> = this;
    for (let e = n; e > 0; e >>= 1) {
      if (e & 1) result = result.mul(base);
      if (e > 1) base = base.mul(base);
    }
    return result;
  }

  // ---- comparison ---------------------------------------------------------------------------

  /** Equal as truncated series: the same precision and the same known coefficients. */
  equals(b: Series<T>): boolean {
    if (this.prec !== b.prec || this.val !== b.val || this.coeffs.length !== b.coeffs.length) return false;
    return this.coeffs.every((c, i) => this.F.equals(c, b.coeffs[i]!));
  }

  /** Agree on every coefficient known in both (their common precision). */
  agreesWith(b: Series<T>): boolean {
    return this.sub(b).isZero();
  }

  private coeffAt(k: number): T {
    const i = k - this.val;
    return i < 0 || i >= this.coeffs.length ? this.F.zero() : this.coeffs[i]!;
  }
}

/**
 * The first n coefficients of the square of sum_i a_i eps^i over an exact field: coefficient k is
 * sum_{i < k - i} (2 a_i) a_{k-i} + a_{k/2}^2, half the products of the general rule (docs/series.md §2.2).
 */
function square<T>(F: Field<T>, a: readonly T[], n: number): T[] {
  const two = F.fromInt(2);
  const doubled = a.map((x) => F.mul(two, x));
  const out: T[] = new Array<T>(n);
  for (let k = 0; k < n; k++) {
    const x: T[] = [];
    const y: T[] = [];
    for (let i = Math.max(0, k - a.length + 1); 2 * i < k; i++) {
      x.push(doubled[i]!);
      y.push(a[k - i]!);
    }
    if (k % 2 === 0 && k / 2 < a.length) {
      x.push(a[k / 2]!);
      y.push(a[k / 2]!);
    }
    out[k] = x.length === 0 ? F.zero() : dot(F, x, y);
  }
  return out;
}

/**
 * The absolute precision of a non-terminating operation: `natural` when the input is inexact, else the
 * caller's `requested` one (the smaller of the two when both are given).
 */
export function resultPrecision(natural: number, requested: number | undefined, op: string): number {
  const p = requested === undefined ? natural : Math.min(natural, requested);
  if (p === Infinity) {
    throw new RangeError(`${op} of an exact series is an infinite series: give the precision wanted`);
  }
  return p;
}
