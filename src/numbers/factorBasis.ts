import type { Decimal } from "decimal.js";
import { bigintSqrtExact } from "./rational.js";
import {
  type IntPoly,
  intPolyCertainlyCoprime,
  intPolyGcd,
  intPolyMul,
  intPolyPrimitive,
  intPolyResidues,
  intPolySquarefreePart,
  intPolyTryDiv,
  residuesMayDivide,
} from "./intPoly.js";

/** p(pi) at a working precision with a bound on its rounding error (qpi.ts evalWithBound). */
export type BoundedValue = readonly [Decimal, Decimal];

interface Factor {
  readonly poly: IntPoly;
  /** poly mod a prime, for a quick non-divisibility test (intPoly.ts residuesMayDivide). */
  readonly residues: readonly number[];
  readonly irreducible: boolean;
  /** Set when the factor is retired: the ids of coprime factors whose product is `poly`. */
  parts: readonly number[] | undefined;
  /** powers[k] = poly^k, filled on demand. */
  readonly powers: IntPoly[];
  /** Sign of poly(pi), filled on demand by the caller (it needs evaluation at pi). */
  signAtPi: -1 | 1 | undefined;
  /** poly(pi) with its error bound, per working precision, filled on demand by the caller. */
  readonly valueAt: Map<number, BoundedValue>;
}

/** Distinct exponent lists whose expansion is kept; the cache is emptied when it reaches this size. */
const EXPANSION_CACHE_LIMIT = 1 << 14;

/** pi, the polynomial x: the first factor of every basis. */
export const PI_FACTOR = 0;

/**
 * The factor basis of the denominators of one Q(pi) field (docs/numbers.md §4): pairwise coprime,
 * squarefree, primitive integer polynomials with positive leading coefficient, each with an id. Each
 * QPiField owns one; ids name factors of that basis only. pi itself is the factor x, id PI_FACTOR. A Q(pi)
 * denominator is a product of powers of basis factors, stored as exponents by id.
 *
 * The basis only grows by refinement. Registering a polynomial r that shares a factor g with a basis
 * factor f retires f and registers g and f/g in its place ("splitting"); the retired f keeps the ids of
 * its parts, so denominators that still name f are rewritten on their next use (`leaves`).
 * Degree-1 factors are irreducible; quadratics are irreducible when their discriminant is not a square,
 * and a quadratic with a square discriminant is registered as its two linear factors, so every factor of
 * degree <= 2 is irreducible. Higher-degree factors are not known to be irreducible.
 */
export class FactorBasis {
  private readonly factors: Factor[] = [];
  /** Ids of the current (non-retired) factors, increasing. */
  private active: number[] = [];
  private retirements = 0;
  /** prod f_id^e per exponent list (ids are never reused, so a list names one polynomial). */
  private readonly expansions = new Map<string, IntPoly>();

  constructor() {
    this.register([0n, 1n]);
  }

  private register(poly: IntPoly): number {
    const id = this.factors.length;
    this.factors.push({ poly, residues: intPolyResidues(poly), irreducible: poly.length <= 3, parts: undefined, powers: [[1n], poly], signAtPi: undefined, valueAt: new Map() });
    this.active.push(id);
    return id;
  }

  /**
   * Register a squarefree primitive polynomial of positive degree that is coprime to every basis factor;
   * a quadratic with a rational root is registered as its two linear factors. Returns the new ids.
   */
  private registerCoprime(poly: IntPoly): number[] {
    if (poly.length === 3) {
      const [c, b, a] = poly as [bigint, bigint, bigint];
      const root = bigintSqrtExact(b * b - 4n * a * c);
      if (root !== undefined) {
        // a x^2 + b x + c = a (x - r1)(x - r2), r = (-b -+ root) / (2a): the primitive parts of 2a x + b +- root.
        return [this.register(intPolyPrimitive([b + root, 2n * a])[1]), this.register(intPolyPrimitive([b - root, 2n * a])[1])];
      }
    }
    return [this.register(poly)];
  }

  /** Increases whenever a factor is retired; elements compare it with the version they were written at. */
  get version(): number {
    return this.retirements;
  }

  /** Number of current factors. */
  get activeCount(): number {
    return this.active.length;
  }

  poly(id: number): IntPoly {
    return this.factors[id]!.poly;
  }

  isIrreducible(id: number): boolean {
    return this.factors[id]!.irreducible;
  }

  isRetired(id: number): boolean {
    return this.factors[id]!.parts !== undefined;
  }

  /** The current (non-retired) factors whose product is factor `id`: [id] itself unless it was split. */
  leaves(id: number): number[] {
    const parts = this.factors[id]!.parts;
    return parts === undefined ? [id] : parts.flatMap((p) => this.leaves(p));
  }

  /** factor^k, cached. */
  power(id: number, k: number): IntPoly {
    const f = this.factors[id]!;
    for (let j = f.powers.length; j <= k; j++) f.powers.push(intPolyMul(f.powers[j - 1]!, f.poly));
    return f.powers[k]!;
  }

  /** prod f_id^e for an exponent list [id, e, id, e, ...]. */
  expand(den: readonly number[]): IntPoly {
    let out: IntPoly = [1n];
    for (let i = 0; i < den.length; i += 2) out = intPolyMul(out, this.power(den[i]!, den[i + 1]!));
    return out;
  }

  /** expand, cached per exponent list (at most EXPANSION_CACHE_LIMIT lists at a time). */
  expandCached(den: readonly number[]): IntPoly {
    const key = den.join(",");
    let p = this.expansions.get(key);
    if (p === undefined) {
      p = this.expand(den);
      if (this.expansions.size >= EXPANSION_CACHE_LIMIT) this.expansions.clear();
      this.expansions.set(key, p);
    }
    return p;
  }

  signAtPi(id: number, compute: (p: IntPoly) => -1 | 1): -1 | 1 {
    const f = this.factors[id]!;
    f.signAtPi ??= compute(f.poly);
    return f.signAtPi;
  }

  /** The factor's value at pi at working precision `work`, cached per precision. */
  valueAtPi(id: number, work: number, compute: (p: IntPoly, work: number) => BoundedValue): BoundedValue {
    const f = this.factors[id]!;
    let v = f.valueAt.get(work);
    if (v === undefined) {
      v = compute(f.poly, work);
      f.valueAt.set(work, v);
    }
    return v;
  }

  /** Retire factor `id`, replacing it by g and f/g (g a divisor of f of smaller positive degree). */
  split(id: number, g: IntPoly): void {
    const f = this.factors[id]!;
    const h = intPolyTryDiv(f.poly, g);
    if (h === undefined || g.length < 2 || h.length < 2) throw new Error("internal: not a proper divisor of a basis factor");
    this.active = this.active.filter((x) => x !== id);
    f.parts = [...this.registerCoprime(g), ...this.registerCoprime(h)];
    this.retirements++;
  }

  /**
   * p = rest * prod f_id^e over the current basis, each f_id dividing out as often as it does: returns
   * rest and the exponents as [id, e, id, e, ...] with ids increasing. p primitive, positive lead.
   */
  splitOver(p: IntPoly): [IntPoly, number[]] {
    const den: number[] = [];
    let rest = p;
    const residues = intPolyResidues(p);
    for (const id of this.active) {
      if (rest.length <= 1) break;
      const f = this.factors[id]!;
      if (f.poly.length > rest.length || !residuesMayDivide(residues, f.residues)) continue;
      let e = 0;
      for (;;) {
        const q = intPolyTryDiv(rest, f.poly);
        if (q === undefined) break;
        rest = q;
        e++;
      }
      if (e > 0) den.push(id, e);
    }
    return [rest, den];
  }

  /**
   * Refine the basis so that r (primitive, positive lead, positive degree) is a product of powers of basis
   * factors. r = s_1 s_2 ... s_m with s_1 its squarefree part and s_(k+1) that of r / (s_1 ... s_k), each
   * dividing the one before; each s_k is covered in turn (coverSquarefree), so a factor registered for s_1
   * is split again where a later s_k divides it properly (r = f^2 g covers f g, then f, splitting f g).
   */
  cover(r: IntPoly): void {
    let rest = r;
    while (rest.length > 1) {
      const s = intPolyPrimitive(intPolySquarefreePart(rest))[1];
      this.coverSquarefree(s);
      const q = intPolyTryDiv(rest, s);
      if (q === undefined) throw new Error("internal: the squarefree part does not divide");
      rest = q;
    }
  }

  /**
   * Cover a squarefree s: it is split against every factor f with gcd(s, f) = g nontrivial (f is replaced
   * by g and f/g, s by s/g), and what is left of s is registered. The gcds are over Q (Euclid), but a
   * modular test first skips factors that are certainly coprime to s; this runs only when a computation
   * divides by a new kind of quantity.
   */
  private coverSquarefree(squarefree: IntPoly): void {
    let s = squarefree;
    for (const id of this.active.slice()) {
      if (s.length <= 1) break;
      const f = this.factors[id]!.poly;
      if (intPolyCertainlyCoprime(s, f)) continue;
      const g = intPolyGcd(s, f);
      if (g.length <= 1) continue;
      if (g.length < f.length) this.split(id, g);
      const q = intPolyTryDiv(s, g);
      if (q === undefined) throw new Error("internal: gcd does not divide");
      s = q;
    }
    if (s.length > 1) this.registerCoprime(s);
  }
}
