import Fraction from "fraction.js";
import { Poly, type Monomial, type Term } from "./polynomial.js";

/**
 * Expression trees of the formula command (docs/formula.md) and their two printers: plain text that
 * mathjs and nerdamer parse (explicit `*`, `^`, `sqrt`, `atan2`, `pi`) and LaTeX. Polynomials are turned
 * into trees grouped by their monomials in the parameters and named quantities, each with its
 * coefficient in d and pi factored over the rational roots in d, e.g. `(d - 1)*(d - 2)/(2*pi)*y1^2*K_AA`.
 */

export type Node =
  | { readonly k: "num"; readonly v: Fraction }
  | { readonly k: "sym"; readonly text: string; readonly latex: string }
  | { readonly k: "sum"; readonly terms: readonly Node[] }
  | { readonly k: "prod"; readonly factors: readonly Node[] }
  | { readonly k: "frac"; readonly num: Node; readonly den: Node }
  | { readonly k: "pow"; readonly base: Node; readonly exp: number }
  | { readonly k: "call"; readonly fn: "sqrt" | "atan2"; readonly args: readonly Node[] }
  | { readonly k: "neg"; readonly arg: Node };

export const num = (v: Fraction | number): Node => ({ k: "num", v: new Fraction(v) });
export const sym = (text: string, latex: string): Node => ({ k: "sym", text, latex });
export const call = (fn: "sqrt" | "atan2", ...args: Node[]): Node => ({ k: "call", fn, args });
export const pow = (base: Node, exp: number): Node => (exp === 1 ? base : { k: "pow", base, exp });

/** A sum, flattened, without zeros; a single term is itself. */
export function sum(terms: readonly Node[]): Node {
  const flat: Node[] = [];
  for (const t of terms) {
    if (t.k === "sum") flat.push(...t.terms);
    else if (t.k === "num" && t.v.compare(0) < 0) flat.push({ k: "neg", arg: num(t.v.neg()) });
    else if (!(t.k === "num" && t.v.equals(0))) flat.push(t);
  }
  if (flat.length === 0) return num(0);
  return flat.length === 1 ? flat[0]! : { k: "sum", terms: flat };
}

/** A product, flattened, ones dropped, a negative sign pulled to the front. */
export function prod(factors: readonly Node[]): Node {
  let negative = false;
  const flat: Node[] = [];
  let c = new Fraction(1);
  const push = (f: Node): void => {
    if (f.k === "neg") {
      negative = !negative;
      push(f.arg);
    } else if (f.k === "prod") f.factors.forEach(push);
    else if (f.k === "num") c = c.mul(f.v);
    else flat.push(f);
  };
  factors.forEach(push);
  if (c.equals(0)) return num(0);
  if (c.compare(0) < 0) {
    negative = !negative;
    c = c.neg();
  }
  if (!c.equals(1) || flat.length === 0) flat.unshift(num(c));
  const body: Node = flat.length === 1 ? flat[0]! : { k: "prod", factors: flat };
  return negative ? { k: "neg", arg: body } : body;
}

export function frac(numerator: Node, denominator: Node): Node {
  if (denominator.k === "num" && denominator.v.equals(1)) return numerator;
  if (numerator.k === "neg") return { k: "neg", arg: frac(numerator.arg, denominator) };
  return { k: "frac", num: numerator, den: denominator };
}

// ---- printing ----

const PREC = { sum: 1, neg: 2, prod: 3, frac: 3, pow: 5, atom: 6 } as const;

function precedence(n: Node): number {
  switch (n.k) {
    case "sum":
      return PREC.sum;
    case "neg":
      return PREC.neg;
    case "prod":
      return PREC.prod;
    case "frac":
      return PREC.frac;
    case "pow":
      return PREC.pow;
    case "num":
      return n.v.d === 1n ? PREC.atom : PREC.frac;
    default:
      return PREC.atom;
  }
}

export function toText(n: Node): string {
  const wrap = (m: Node, min: number): string => (precedence(m) < min ? `(${toText(m)})` : toText(m));
  switch (n.k) {
    case "num":
      return n.v.toFraction();
    case "sym":
      return n.text;
    case "sum":
      return n.terms.map((t, i) => (t.k === "neg" ? `${i === 0 ? "-" : " - "}${wrap(t.arg, PREC.prod)}` : `${i === 0 ? "" : " + "}${toText(t)}`)).join("");
    case "neg":
      return `-${wrap(n.arg, PREC.prod)}`;
    case "prod":
      return n.factors.map((f) => wrap(f, PREC.prod)).join("*");
    case "frac":
      // a/b with b wrapped unless it is an atom: a*b/c*d reads ((a*b)/c)*d, which is what is meant.
      return `${wrap(n.num, PREC.prod)}/${wrap(n.den, PREC.pow)}`;
    case "pow":
      return `${wrap(n.base, PREC.atom)}^${n.exp}`;
    case "call":
      return `${n.fn}(${n.args.map(toText).join(", ")})`;
  }
}

export function toLatex(n: Node): string {
  // Tall contents (fractions) get \left( \right); anything else plain parentheses.
  const paren = (s: string): string => (s.includes("\\frac") ? `\\left(${s}\\right)` : `(${s})`);
  const wrap = (m: Node, min: number): string => (precedence(m) < min ? paren(toLatex(m)) : toLatex(m));
  switch (n.k) {
    case "num":
      return n.v.d === 1n ? n.v.toFraction() : `\\frac{${n.v.n}}{${n.v.d}}`;
    case "sym":
      return n.latex;
    case "sum":
      return n.terms.map((t, i) => (t.k === "neg" ? `${i === 0 ? "-" : " - "}${wrap(t.arg, PREC.prod)}` : `${i === 0 ? "" : " + "}${toLatex(t)}`)).join("");
    case "neg":
      return `-${wrap(n.arg, PREC.prod)}`;
    case "prod": {
      const parts = n.factors.map((f) => (f.k === "frac" ? toLatex(f) : wrap(f, PREC.prod)));
      // A number followed by a number needs a visible product sign; anything else is juxtaposed.
      return parts.reduce((acc, s, i) => (i === 0 ? s : n.factors[i]!.k === "num" ? `${acc} \\cdot ${s}` : `${acc} ${s}`), "");
    }
    case "frac":
      return `\\frac{${toLatex(n.num)}}{${toLatex(n.den)}}`;
    case "pow":
      return `${wrap(n.base, PREC.atom)}^{${n.exp}}`;
    case "call":
      return n.fn === "sqrt" ? `\\sqrt{${toLatex(n.args[0]!)}}` : `\\operatorname{atan2}${paren(n.args.map(toLatex).join(", "))}`;
  }
}

// ---- polynomials as trees ----

/** How atoms print, and their order (lower rank first); d and pi go into the coefficients. */
export interface AtomStyle {
  node(atom: string): Node;
  rank(atom: string): number;
}

const D = "d";
const PI = "pi";
const isCoefficientAtom = (a: string): boolean => a === D || a === PI;

/** A univariate polynomial in d, coefficients ascending. */
type Univariate = Fraction[];

function trim(p: Univariate): Univariate {
  const q = [...p];
  while (q.length > 0 && q[q.length - 1]!.equals(0)) q.pop();
  return q;
}

function evaluate(p: Univariate, x: Fraction): Fraction {
  return p.reduceRight((acc, c) => acc.mul(x).add(c), new Fraction(0));
}

/** p / (d - r), exact (r a root). */
function deflate(p: Univariate, r: Fraction): Univariate {
  const out: Fraction[] = new Array<Fraction>(p.length - 1);
  let carry = new Fraction(0);
  for (let i = p.length - 1; i >= 1; i--) {
    carry = carry.mul(r).add(p[i]!);
    out[i - 1] = carry;
  }
  return out;
}

function divisors(n: bigint): bigint[] {
  const m = n < 0n ? -n : n;
  if (m === 0n || m > 1_000_000n) return [];
  const out: bigint[] = [];
  for (let k = 1n; k <= m; k++) if (m % k === 0n) out.push(k);
  return out;
}

/** content * prod (d - root)^mult * rest, with the rational roots found by the rational root test. */
function factorInD(p: Univariate): { content: Fraction; roots: { root: Fraction; mult: number }[]; rest: Univariate } {
  let q = trim(p);
  const roots: { root: Fraction; mult: number }[] = [];
  const addRoot = (r: Fraction): void => {
    const known = roots.find((x) => x.root.equals(r));
    if (known === undefined) roots.push({ root: r, mult: 1 });
    else known.mult++;
  };
  while (q.length > 1 && q[0]!.equals(0)) {
    q = q.slice(1);
    addRoot(new Fraction(0));
  }
  let found = true;
  while (found && q.length > 1) {
    found = false;
    const lcm = q.reduce((acc, c) => (acc * c.d) / gcd(acc, c.d), 1n);
    const a0 = q[0]!.mul(new Fraction(lcm)).n;
    const an = q[q.length - 1]!.mul(new Fraction(lcm)).n;
    search: for (const num of divisors(a0)) {
      for (const den of divisors(an)) {
        for (const s of [1n, -1n]) {
          const r = new Fraction(s * num, den);
          if (evaluate(q, r).equals(0)) {
            addRoot(r);
            q = deflate(q, r);
            found = true;
            break search;
          }
        }
      }
    }
  }
  const content = q[q.length - 1]!;
  const rest = q.map((c) => c.div(content));
  roots.sort((a, b) => a.root.compare(b.root));
  return { content, roots, rest };
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

const dSym = sym("d", "d");
const piSym = sym("pi", "\\pi");

function univariateNode(p: Univariate): Node {
  const terms: Node[] = [];
  for (let i = p.length - 1; i >= 0; i--) if (!p[i]!.equals(0)) terms.push(prod([num(p[i]!), pow(dSym, i)]));
  return sum(terms);
}

/** c(d) / pi^k with c(d) factored: a product over a denominator. */
function dPiNode(p: Univariate, piExp: number): Node {
  const { content, roots, rest } = factorInD(p);
  let scale = content;
  const factors: Node[] = [];
  for (const { root, mult } of roots) {
    // d - p/q is written q d - p, its q moved into the content.
    const q = new Fraction(root.d);
    const linear = root.equals(0) ? dSym : sum([prod([num(q), dSym]), num(root.mul(q).neg())]);
    factors.push(pow(linear, mult));
    scale = scale.div(q.pow(mult));
  }
  const top: Node[] = [num(new Fraction(scale.s * scale.n)), ...factors];
  if (rest.length > 1) top.push(univariateNode(rest));
  const bottom: Node[] = [num(new Fraction(scale.d))];
  if (piExp < 0) bottom.push(pow(piSym, -piExp));
  if (piExp > 0) top.push(pow(piSym, piExp));
  return frac(prod(top), prod(bottom));
}

/** A polynomial in d and pi only (Laurent in pi), grouped by the power of pi. */
function coefficientNode(terms: readonly Term[]): Node {
  const byPi = new Map<number, Fraction[]>();
  for (const t of terms) {
    const piExp = t.monomial.find(([a]) => a === PI)?.[1] ?? 0;
    const dExp = t.monomial.find(([a]) => a === D)?.[1] ?? 0;
    if (dExp < 0) throw new RangeError("formula: a negative power of d");
    const u = byPi.get(piExp) ?? [];
    while (u.length <= dExp) u.push(new Fraction(0));
    u[dExp] = u[dExp]!.add(t.coef);
    byPi.set(piExp, u);
  }
  const parts = [...byPi.entries()].sort(([a], [b]) => b - a).map(([e, u]) => dPiNode(u, e));
  return sum(parts);
}

function compareMonomials(a: Monomial, b: Monomial, style: AtomStyle): number {
  const atoms = [...new Set([...a, ...b].map(([x]) => x))].sort((x, y) => style.rank(x) - style.rank(y));
  for (const x of atoms) {
    const ea = a.find(([y]) => y === x)?.[1] ?? 0;
    const eb = b.find(([y]) => y === x)?.[1] ?? 0;
    if (ea !== eb) return eb - ea;
  }
  return 0;
}

function monomialNode(m: Monomial, style: AtomStyle): Node {
  const sorted = [...m].sort(([x], [y]) => style.rank(x) - style.rank(y));
  const top = sorted.filter(([, e]) => e > 0).map(([x, e]) => pow(style.node(x), e));
  const bottom = sorted.filter(([, e]) => e < 0).map(([x, e]) => pow(style.node(x), -e));
  return frac(prod(top), prod(bottom));
}

/** A term: its coefficient in d and pi (parenthesised if it is a sum) times its monomial. */
function times(coefficient: Node, rest: Node): Node {
  if (coefficient.k === "frac" && rest.k !== "num") {
    // (c(d)/den) * m reads better as c(d) m / den.
    return frac(prod([coefficient.num, rest]), coefficient.den);
  }
  if (coefficient.k === "neg") {
    const inner = times(coefficient.arg, rest);
    return inner.k === "neg" ? inner.arg : { k: "neg", arg: inner };
  }
  return prod([coefficient, rest]);
}

/** The polynomial as a tree: a sum over its monomials in the non-coefficient atoms, coefficients in d and pi factored. */
export function polyNode(p: Poly, style: AtomStyle): Node {
  const groups = new Map<string, { monomial: Monomial; terms: Term[] }>();
  for (const t of p.terms.values()) {
    const main = t.monomial.filter(([a]) => !isCoefficientAtom(a));
    const coef = t.monomial.filter(([a]) => isCoefficientAtom(a));
    const key = main.map(([a, e]) => `${a}^${e}`).join("*");
    const g = groups.get(key) ?? { monomial: main, terms: [] };
    g.terms.push({ monomial: coef, coef: t.coef });
    groups.set(key, g);
  }
  const ordered = [...groups.values()].sort((a, b) => compareMonomials(a.monomial, b.monomial, style));
  return sum(ordered.map((g) => (g.monomial.length === 0 ? coefficientNode(g.terms) : times(coefficientNode(g.terms), monomialNode(g.monomial, style)))));
}

export { Poly };
