import Fraction from "fraction.js";
import { determinant, rank } from "../linalg/solve.js";
import { polyAdd, polyDivExact, polyEvaluate, polyMul, polyScale, type Poly } from "../numbers/polynomial.js";
import { Q } from "../numbers/rational.js";
import type { Permutation } from "./characters.js";

/**
 * A finite permutation group given by generators, and its real isotypic projectors (docs/hessian.md §1.2):
 * the primitive idempotents of the algebra spanned by the symmetrised class sums K + K^{-1}, which is the
 * real part of the centre of R[G] and is isomorphic to R^(number of real irreducibles). They are found
 * exactly over Q when every real irreducible character is rational-valued (true for every symmetric group
 * and for the cyclic groups of order 2, 3, 4 and 6, not for order 5); other groups are refused.
 */

/** An element of the group algebra Q[G]: a coefficient per group element (indexed as `elements`). */
export type GroupAlgebraElement = Fraction[];

/** One real irreducible representation psi of G, as its central idempotent. */
export interface RealIrrep {
  /** e_psi in Q[G]: the projector onto the psi-isotypic part of any representation. */
  readonly idempotent: GroupAlgebraElement;
  /** dim_R psi: each eigenvalue of a G-equivariant symmetric operator on the psi-isotypic part has this multiplicity. */
  readonly dimension: number;
  /** Whether psi is of complex type (End_G psi = C; its complex constituents are a conjugate pair). */
  readonly complexType: boolean;
  /** The real character at each element (dim_R psi at the identity). */
  readonly character: number[];
}

export class PermutationGroup {
  /** Every element, the identity first. */
  readonly elements: readonly Permutation[];
  private readonly index = new Map<string, number>();

  constructor(readonly degree: number, generators: readonly Permutation[]) {
    generators.forEach((g) => {
      if (g.length !== degree || new Set(g).size !== degree || g.some((x) => !Number.isInteger(x) || x < 0 || x >= degree)) {
        throw new RangeError(`generator [${g.join(",")}] is not a permutation of ${degree} points`);
      }
    });
    const identity = Array.from({ length: degree }, (_, i) => i);
    const elements: Permutation[] = [identity];
    this.index.set(identity.join(","), 0);
    for (let at = 0; at < elements.length; at++) {
      for (const s of generators) {
        const product = compose(s, elements[at]!);
        const key = product.join(",");
        if (!this.index.has(key)) {
          this.index.set(key, elements.length);
          elements.push(product);
        }
      }
    }
    this.elements = elements;
  }

  get order(): number {
    return this.elements.length;
  }

  /** The position of a group element in `elements`. */
  indexOf(g: Permutation): number {
    const i = this.index.get(g.join(","));
    if (i === undefined) throw new RangeError(`[${g.join(",")}] is not an element of the group`);
    return i;
  }

  /** The classes of G under conjugation, each merged with its inverse class, as lists of element indices. */
  realClasses(): number[][] {
    const seen = new Array<boolean>(this.order).fill(false);
    const classes: number[][] = [];
    this.elements.forEach((g, i) => {
      if (seen[i]) return;
      const members = new Set<number>();
      for (const h of this.elements) {
        const conjugate = compose(compose(h, g), inverse(h));
        members.add(this.indexOf(conjugate));
        members.add(this.indexOf(inverse(conjugate)));
      }
      for (const m of members) seen[m] = true;
      classes.push([...members].sort((a, b) => a - b));
    });
    return classes;
  }

  /** The product in Q[G]. */
  multiply(x: GroupAlgebraElement, y: GroupAlgebraElement): GroupAlgebraElement {
    const out = this.elements.map(() => new Fraction(0));
    x.forEach((cx, i) => {
      if (cx.n === 0n) return;
      y.forEach((cy, j) => {
        if (cy.n === 0n) return;
        const k = this.indexOf(compose(this.elements[i]!, this.elements[j]!));
        out[k] = out[k]!.add(cx.mul(cy));
      });
    });
    return out;
  }

  /**
   * The real irreducibles of G, each by its central idempotent: the symmetrised class sums z_j span a
   * commutative split algebra; a generic z = sum_j c_j z_j acts on it with distinct rational eigenvalues
   * lambda_i, and e_i = prod_{j != i} (z - lambda_j) / (lambda_i - lambda_j).
   */
  realIrreps(): RealIrrep[] {
    const classes = this.realClasses();
    const r = classes.length;
    const sums = classes.map((members) => this.elements.map((_, i) => new Fraction(members.includes(i) ? 1 : 0)));
    // Coordinates of a central symmetric element in the basis of class sums: its coefficient on each class.
    const coordinates = (x: GroupAlgebraElement): Fraction[] => classes.map((members) => x[members[0]!]!);
    for (let attempt = 1; attempt <= 20; attempt++) {
      const z = sums.reduce<GroupAlgebraElement>((acc, s, j) => acc.map((v, i) => v.add(s[i]!.mul((j * 7 + attempt * 3) % 11 + 1))), this.elements.map(() => new Fraction(0)));
      const M = sums.map((s) => coordinates(this.multiply(z, s)));
      const roots = rationalEigenvalues(M);
      if (roots === undefined) {
        throw new RangeError(`the group of order ${this.order} has real irreducible characters that are not rational; only groups with rational real characters are supported`);
      }
      if (new Set(roots.map((x) => x.toFraction())).size !== r) continue;
      const one = this.elements.map((_, i) => new Fraction(i === 0 ? 1 : 0));
      return roots.map((lambda, i) => {
        let e = one;
        roots.forEach((mu, j) => {
          if (j === i) return;
          const factor = z.map((v, t) => v.sub(t === 0 ? mu : 0).div(lambda.sub(mu)));
          e = this.multiply(e, factor);
        });
        return this.describe(e);
      });
    }
    throw new Error(`no generic central element found for the group of order ${this.order}`);
  }

  /** dim_R, type and character of the real irreducible with central idempotent e (docs/hessian.md §1.2). */
  private describe(e: GroupAlgebraElement): RealIrrep {
    // The centre of Q[G] is spanned by the class sums (not symmetrised); e Z has dimension 2 exactly for complex type.
    const conjugacy = this.conjugacyClasses();
    const products = conjugacy.map((members) => this.multiply(e, this.elements.map((_, i) => new Fraction(members.includes(i) ? 1 : 0))));
    const complexType = rank(Q, products) === 2;
    // Trace of e on the regular representation, |G| e(1) = dim^2 (real type) or dim^2 / 2 (complex type).
    const trace = e[0]!.mul(this.order);
    const square = complexType ? trace.mul(2) : trace;
    const dimension = Math.round(Math.sqrt(Number(square.n) / Number(square.d)));
    if (!new Fraction(dimension * dimension).equals(square)) throw new Error(`the trace ${trace.toFraction()} of an idempotent is not a square (quaternionic type is not supported)`);
    // chi(g) = (dim / e(1)) e(g^{-1}) / |G| ... in the form chi(g) = |G| e(g^{-1}) dim / trace.
    const character = this.elements.map((g) => e[this.indexOf(inverse(g))]!.mul(this.order * dimension).div(trace).valueOf());
    return { idempotent: e, dimension, complexType, character };
  }

  private conjugacyClasses(): number[][] {
    const seen = new Array<boolean>(this.order).fill(false);
    const classes: number[][] = [];
    this.elements.forEach((g, i) => {
      if (seen[i]) return;
      const members = new Set(this.elements.map((h) => this.indexOf(compose(compose(h, g), inverse(h)))));
      for (const m of members) seen[m] = true;
      classes.push([...members]);
    });
    return classes;
  }
}

/** (g h)(i) = g(h(i)). */
export function compose(g: Permutation, h: Permutation): Permutation {
  return h.map((x) => g[x]!);
}

export function inverse(g: Permutation): Permutation {
  const out = new Array<number>(g.length);
  g.forEach((image, i) => (out[image] = i));
  return out;
}

/**
 * The eigenvalues of a rational matrix when all are rational (with multiplicity), else undefined: the
 * characteristic polynomial det(M - x I) by interpolation at integer points, its rational roots by the
 * rational root theorem on the integer polynomial, deflated one by one.
 */
function rationalEigenvalues(M: readonly Fraction[][]): Fraction[] | undefined {
  const n = M.length;
  // p(x) = det(M - x I) at x = 0..n, then Newton interpolation to monomial coefficients.
  const xs = Array.from({ length: n + 1 }, (_, t) => new Fraction(t));
  const values = xs.map((x) => determinant(Q, M.map((row, i) => row.map((v, j) => (i === j ? v.sub(x) : v)))));
  let coefficients = interpolate(xs, values);
  const roots: Fraction[] = [];
  while (coefficients.length > 1) {
    const root = rationalRoot(coefficients);
    if (root === undefined) return undefined;
    roots.push(root);
    coefficients = polyDivExact(Q, coefficients, [root.neg(), new Fraction(1)]);
  }
  return roots;
}

/** The polynomial (constant first) through the points (xs[i], ys[i]), by Lagrange's formula. */
function interpolate(xs: readonly Fraction[], ys: readonly Fraction[]): Poly<Fraction> {
  let result: Poly<Fraction> = [];
  xs.forEach((xi, i) => {
    let basis: Poly<Fraction> = [new Fraction(1)];
    xs.forEach((xj, j) => {
      if (j !== i) basis = polyScale(Q, polyMul(Q, basis, [xj.neg(), new Fraction(1)]), new Fraction(1).div(xi.sub(xj)));
    });
    result = polyAdd(Q, result, polyScale(Q, basis, ys[i]!));
  });
  return result;
}

/** A rational root of the polynomial (constant first), by the rational root theorem; undefined if none. */
function rationalRoot(c: Poly<Fraction>): Fraction | undefined {
  if (c[0]!.n === 0n) return new Fraction(0);
  const lcm = c.reduce((l, v) => (l * v.d) / gcd(l, v.d), 1n);
  const integers = c.map((v) => (v.s * v.n * lcm) / v.d);
  const divisors = (m: bigint): bigint[] => {
    const a = m < 0n ? -m : m;
    const out: bigint[] = [];
    for (let k = 1n; k * k <= a; k++) if (a % k === 0n) out.push(k, a / k);
    return out;
  };
  for (const p of divisors(integers[0]!)) {
    for (const q of divisors(integers[integers.length - 1]!)) {
      for (const s of [1n, -1n]) {
        const x = new Fraction(s * p, q);
        if (polyEvaluate(Q, c, x).n === 0n) return x;
      }
    }
  }
  return undefined;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}
