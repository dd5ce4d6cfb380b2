import Fraction from "fraction.js";
import type { Scalar } from "../numbers/scalar.js";
import { Poly } from "./polynomial.js";

/**
 * An exact symbolic Scalar (src/numbers/scalar.ts) for the generic restricted loss (docs/formula.md): its
 * elements are Laurent polynomials over Q (src/formula/polynomial.ts) in the parameters, d and pi, and in
 * one atom per square root and per angle the loss takes. `sqrt(a)` returns the atom of a root whose square
 * is `a`, `atan2(y, x)` the atom of an angle; equal arguments give the same atom. Zero tests are exact
 * polynomial identities; it is exact, so it leaves `negligible` out (only an exact zero is negligible) and
 * the r = 0 rule of docs/patterns.md §3 applies only where r^2 vanishes identically.
 */

export interface RootAtom {
  readonly kind: "root";
  readonly atom: string;
  /** The polynomial whose square root the atom is. */
  readonly square: Poly;
}

export interface AngleAtom {
  readonly kind: "angle";
  readonly atom: string;
  readonly y: Poly;
  readonly x: Poly;
}

export interface SymbolicScalar extends Scalar<Poly> {
  /** The roots and angles created so far, in order of creation. */
  readonly roots: readonly RootAtom[];
  readonly angles: readonly AngleAtom[];
  /** A variable (a parameter or d) as an element. */
  variable(name: string): Poly;
}

/** The atom standing for pi. */
export const PI_ATOM = "pi";

export function symbolicScalar(): SymbolicScalar {
  const roots: RootAtom[] = [];
  const angles: AngleAtom[] = [];
  return {
    name: "symbolic",
    roots,
    angles,
    variable: (name) => Poly.atom(name),
    fromInt: (n) => Poly.constant(new Fraction(n)),
    fromRational: (num, den) => Poly.constant(new Fraction(num).div(new Fraction(den))),
    add: (a, b) => a.add(b),
    sub: (a, b) => a.sub(b),
    mul: (a, b) => a.mul(b),
    div: (a, b) => a.divByTerm(b),
    neg: (a) => a.neg(),
    sqrt(a) {
      const c = a.constantValue();
      if (c !== undefined && c.equals(0)) return a;
      const known = roots.find((r) => r.square.equals(a));
      if (known !== undefined) return Poly.atom(known.atom);
      const atom = `$r${roots.length}`;
      roots.push({ kind: "root", atom, square: a });
      return Poly.atom(atom);
    },
    atan2(y, x) {
      const known = angles.find((t) => t.y.equals(y) && t.x.equals(x));
      if (known !== undefined) return Poly.atom(known.atom);
      const atom = `$t${angles.length}`;
      angles.push({ kind: "angle", atom, y, x });
      return Poly.atom(atom);
    },
    pi: () => Poly.atom(PI_ATOM),
    isZero: (a) => a.isZero(),
    sign(a) {
      const c = a.constantValue();
      if (c === undefined) throw new RangeError(`formula: the sign of ${a.toString()} is not decided symbolically`);
      const s = c.compare(0);
      return s < 0 ? -1 : s > 0 ? 1 : 0;
    },
  };
}
