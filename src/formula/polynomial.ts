import Fraction from "fraction.js";

/**
 * Laurent polynomials with rational coefficients in named atoms (the pattern's parameters, d, pi, and the
 * named roots and angles of src/formula/symbolicScalar.ts): the exact canonical form behind the formula
 * command (docs/formula.md). Two polynomials are equal exactly when their terms are, so zero tests are
 * decided, not guessed.
 */

/** A monomial: atom name to a non-zero integer exponent, sorted by name. */
export type Monomial = readonly (readonly [string, number])[];

export interface Term {
  readonly monomial: Monomial;
  readonly coef: Fraction;
}

function monomialKey(m: Monomial): string {
  return m.map(([a, e]) => (e === 1 ? a : `${a}^${e}`)).join("*");
}

function multiplyMonomials(a: Monomial, b: Monomial): Monomial {
  const exps = new Map<string, number>(a.map(([x, e]) => [x, e]));
  for (const [x, e] of b) exps.set(x, (exps.get(x) ?? 0) + e);
  return [...exps.entries()].filter(([, e]) => e !== 0).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
}

export class Poly {
  /** Terms by monomial key; no zero coefficients. */
  readonly terms: ReadonlyMap<string, Term>;

  private constructor(terms: Map<string, Term>) {
    this.terms = terms;
  }

  static fromTerms(terms: Iterable<Term>): Poly {
    const out = new Map<string, Term>();
    for (const t of terms) {
      const key = monomialKey(t.monomial);
      const prev = out.get(key);
      const coef = prev === undefined ? t.coef : prev.coef.add(t.coef);
      if (coef.equals(0)) out.delete(key);
      else out.set(key, { monomial: t.monomial, coef });
    }
    return new Poly(out);
  }

  static constant(c: Fraction | number | bigint): Poly {
    return Poly.fromTerms([{ monomial: [], coef: new Fraction(c as number) }]);
  }

  static atom(name: string, exponent = 1): Poly {
    return Poly.fromTerms([{ monomial: [[name, exponent]], coef: new Fraction(1) }]);
  }

  isZero(): boolean {
    return this.terms.size === 0;
  }

  /** The value if the polynomial is a constant, else undefined. */
  constantValue(): Fraction | undefined {
    if (this.terms.size === 0) return new Fraction(0);
    const t = this.terms.get("");
    return this.terms.size === 1 && t !== undefined ? t.coef : undefined;
  }

  add(b: Poly): Poly {
    return Poly.fromTerms([...this.terms.values(), ...b.terms.values()]);
  }

  neg(): Poly {
    return Poly.fromTerms([...this.terms.values()].map((t) => ({ monomial: t.monomial, coef: t.coef.neg() })));
  }

  sub(b: Poly): Poly {
    return this.add(b.neg());
  }

  scale(c: Fraction): Poly {
    return Poly.fromTerms([...this.terms.values()].map((t) => ({ monomial: t.monomial, coef: t.coef.mul(c) })));
  }

  mul(b: Poly): Poly {
    const out: Term[] = [];
    for (const s of this.terms.values()) {
      for (const t of b.terms.values()) out.push({ monomial: multiplyMonomials(s.monomial, t.monomial), coef: s.coef.mul(t.coef) });
    }
    return Poly.fromTerms(out);
  }

  /** The single term if the polynomial is a monomial times a non-zero rational, else undefined. */
  singleTerm(): Term | undefined {
    return this.terms.size === 1 ? [...this.terms.values()][0] : undefined;
  }

  /** Division by a single-term polynomial (a RangeError for any other divisor: no rational functions here). */
  divByTerm(b: Poly): Poly {
    const t = b.singleTerm();
    if (t === undefined) throw new RangeError(`formula: division by the non-monomial ${b.toString()} (only monomial divisors are kept exact here)`);
    const inverse = t.monomial.map(([x, e]) => [x, -e] as const);
    return this.mul(Poly.fromTerms([{ monomial: inverse, coef: new Fraction(1).div(t.coef) }]));
  }

  /** Whether some term contains the atom. */
  has(atom: string): boolean {
    for (const t of this.terms.values()) if (t.monomial.some(([x]) => x === atom)) return true;
    return false;
  }

  /** The atoms that occur. */
  atoms(): Set<string> {
    const out = new Set<string>();
    for (const t of this.terms.values()) for (const [x] of t.monomial) out.add(x);
    return out;
  }

  /** The coefficient of atom^1 (terms with atom to the first power, atom removed); other powers must not occur. */
  linearCoefficient(atom: string): Poly {
    const out: Term[] = [];
    for (const t of this.terms.values()) {
      const e = t.monomial.find(([x]) => x === atom)?.[1];
      if (e === undefined) continue;
      if (e !== 1) throw new RangeError(`formula: ${atom} occurs to the power ${e}, expected it linearly`);
      out.push({ monomial: t.monomial.filter(([x]) => x !== atom), coef: t.coef });
    }
    return Poly.fromTerms(out);
  }

  /** The partial derivative with respect to an atom (every other atom held fixed). */
  derivative(atom: string): Poly {
    const out: Term[] = [];
    for (const t of this.terms.values()) {
      const e = t.monomial.find(([x]) => x === atom)?.[1];
      if (e === undefined) continue;
      const monomial = t.monomial.map(([x, f]) => [x, x === atom ? f - 1 : f] as const).filter(([, f]) => f !== 0);
      out.push({ monomial, coef: t.coef.mul(e) });
    }
    return Poly.fromTerms(out);
  }

  equals(b: Poly): boolean {
    return this.sub(b).isZero();
  }

  toString(): string {
    if (this.isZero()) return "0";
    return [...this.terms.values()].map((t) => `${t.coef.toFraction()}${t.monomial.length > 0 ? `*${monomialKey(t.monomial)}` : ""}`).join(" + ");
  }
}
