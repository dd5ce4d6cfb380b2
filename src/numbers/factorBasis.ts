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

/**
 * The factor basis of Q(pi) denominators (docs/numbers.md §4): a registry, shared by all elements, of
 * pairwise coprime, squarefree, primitive integer polynomials with positive leading coefficient, each
 * with an id. pi itself is the factor x, id PI_FACTOR. A Q(pi) denominator is a product of powers of
 * basis factors, stored as exponents by id.
 *
 * The basis only grows by refinement. Registering a polynomial r that shares a factor g with a basis
 * factor f retires f and registers g and f/g in its place ("splitting"); the retired f keeps the ids of
 * its parts, so denominators that still name f are rewritten on their next use (`factorLeaves`).
 * Degree-1 factors are irreducible; quadratics are irreducible when their discriminant is not a square,
 * and a quadratic with a square discriminant is registered as its two linear factors, so every factor of
 * degree <= 2 is irreducible. Higher-degree factors are not known to be irreducible.
 */

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
}

const factors: Factor[] = [];
/** Ids of the current (non-retired) factors, increasing. */
let active: number[] = [];
let retirements = 0;

function register(poly: IntPoly): number {
  const id = factors.length;
  factors.push({ poly, residues: intPolyResidues(poly), irreducible: poly.length <= 3, parts: undefined, powers: [[1n], poly], signAtPi: undefined });
  active.push(id);
  return id;
}

/**
 * Register a squarefree primitive polynomial of positive degree that is coprime to every basis factor;
 * a quadratic with a rational root is registered as its two linear factors. Returns the new ids.
 */
function registerCoprime(poly: IntPoly): number[] {
  if (poly.length === 3) {
    const [c, b, a] = poly as [bigint, bigint, bigint];
    const root = bigintSqrtExact(b * b - 4n * a * c);
    if (root !== undefined) {
      // a x^2 + b x + c = a (x - r1)(x - r2), r = (-b -+ root) / (2a): the primitive parts of 2a x + b +- root.
      return [register(intPolyPrimitive([b + root, 2n * a])[1]), register(intPolyPrimitive([b - root, 2n * a])[1])];
    }
  }
  return [register(poly)];
}

/** pi, the polynomial x. */
export const PI_FACTOR = register([0n, 1n]);

/** Increases whenever a factor is retired; elements compare it with the version they were written at. */
export function basisVersion(): number {
  return retirements;
}

export function factorPoly(id: number): IntPoly {
  return factors[id]!.poly;
}

export function factorIsIrreducible(id: number): boolean {
  return factors[id]!.irreducible;
}

export function factorIsRetired(id: number): boolean {
  return factors[id]!.parts !== undefined;
}

/** The current (non-retired) factors whose product is factor `id`: [id] itself unless it was split. */
export function factorLeaves(id: number): number[] {
  const parts = factors[id]!.parts;
  return parts === undefined ? [id] : parts.flatMap(factorLeaves);
}

/** factor^k, cached. */
export function factorPower(id: number, k: number): IntPoly {
  const f = factors[id]!;
  for (let j = f.powers.length; j <= k; j++) f.powers.push(intPolyMul(f.powers[j - 1]!, f.poly));
  return f.powers[k]!;
}

export function factorSignAtPi(id: number, compute: (p: IntPoly) => -1 | 1): -1 | 1 {
  const f = factors[id]!;
  f.signAtPi ??= compute(f.poly);
  return f.signAtPi;
}

/** Number of current factors (for tests and benchmarks). */
export function activeFactorCount(): number {
  return active.length;
}

/** Retire factor `id`, replacing it by g and f/g (g a divisor of f of smaller positive degree). */
export function splitFactor(id: number, g: IntPoly): void {
  const f = factors[id]!;
  const h = intPolyTryDiv(f.poly, g);
  if (h === undefined || g.length < 2 || h.length < 2) throw new Error("internal: not a proper divisor of a basis factor");
  active = active.filter((x) => x !== id);
  f.parts = [...registerCoprime(g), ...registerCoprime(h)];
  retirements++;
}

/**
 * p = rest * prod f_id^e over the current basis, each f_id dividing out as often as it does: returns
 * rest and the exponents as [id, e, id, e, ...] with ids increasing. p primitive, positive lead.
 */
export function splitOverBasis(p: IntPoly): [IntPoly, number[]] {
  const den: number[] = [];
  let rest = p;
  const residues = intPolyResidues(p);
  for (const id of active) {
    if (rest.length <= 1) break;
    const f = factors[id]!;
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
 * factors: its squarefree part s is split against every factor f with gcd(s, f) = g nontrivial (f is
 * replaced by g and f/g, s by s/g), and what is left of s is registered. The gcds are over Q (Euclid), but
 * a modular test first skips factors that are certainly coprime to s; this runs only when a computation
 * divides by a new kind of quantity.
 */
export function coverByBasis(r: IntPoly): void {
  let s = intPolySquarefreePart(r);
  for (const id of active.slice()) {
    if (s.length <= 1) break;
    const f = factors[id]!.poly;
    if (intPolyCertainlyCoprime(s, f)) continue;
    const g = intPolyGcd(s, f);
    if (g.length <= 1) continue;
    if (g.length < f.length) splitFactor(id, g);
    const q = intPolyTryDiv(s, g);
    if (q === undefined) throw new Error("internal: gcd does not divide");
    s = q;
  }
  if (s.length > 1) registerCoprime(s);
}
