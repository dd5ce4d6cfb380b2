import Fraction from "fraction.js";
import type { FamilyDefinition } from "../families/definition.js";
import { Pattern, type PatternParam } from "../patterns/pattern.js";
import { classSizes, restrictedLoss } from "../patterns/restrictedLoss.js";
import { call, frac, num, polyNode, prod, sum, sym, toLatex, toText, type AtomStyle, type Node } from "./expression.js";
import { Poly } from "./polynomial.js";
import { PI_ATOM, symbolicScalar } from "./symbolicScalar.js";

/**
 * The restricted loss of a family's pattern as an explicit closed form in its parameters and d
 * (docs/formula.md): the generic restrictedLoss (src/patterns/restrictedLoss.ts) evaluated over the exact
 * symbolic scalar, then written as named quantities (row norms, inner products, cross terms, angles,
 * kernels) and the loss in terms of them; optionally every partial derivative by the chain rule through
 * the same quantities. Nothing is typed per family: everything follows from the pattern (d-p | p).
 */

/** An expression in plain text (mathjs/nerdamer syntax) and in LaTeX. */
export interface Printed {
  readonly text: string;
  readonly latex: string;
}

export interface FormulaDefinition extends Printed {
  /** The name in plain text (a valid mathjs identifier) and in LaTeX. */
  readonly name: string;
  readonly latexName: string;
  /** What it is, in words. */
  readonly meaning: string;
  /** For the quantities of a kernel: the pair of rows (u, v) it is taken over. */
  readonly rows?: string;
}

export interface FormulaDocument {
  readonly family: string;
  /** The pattern, e.g. "(d-1 | 1)". */
  readonly pattern: string;
  /** The parameters in pattern order: short name, coordinate (docs/patterns.md §1), LaTeX. */
  readonly parameters: readonly { readonly name: string; readonly coordinate: string; readonly latex: string }[];
  /** The family's gauge: its points have these second-layer values (y = signs). */
  readonly gauge: Readonly<Record<string, number>>;
  /** The named quantities, each in terms of the parameters, d and the quantities before it. */
  readonly definitions: readonly FormulaDefinition[];
  readonly loss: Printed;
  /** dL/dq for every parameter q, in terms of the same quantities. */
  readonly gradient?: readonly ({ readonly parameter: string } & Printed)[];
}

interface Kernel {
  /** Subscript in text and LaTeX, e.g. "AB" / "AB", "AeB" / "A e_{B}". */
  label: string;
  latexLabel: string;
  meaning: string;
  root: string;
  angle: string;
  /** r^2 and the inner product, polynomials in the parameters and d. */
  square: Poly;
  dot: Poly;
  /** The kernel's coefficient in the loss. */
  coef: Poly;
}

function paramName(q: PatternParam): string {
  return q.alias ?? q.name.replace(/[^A-Za-z0-9]/g, "_");
}

function paramLatex(name: string): string {
  const m = /^([a-z]+)(\d+)$/.exec(name);
  return m === null ? `\\mathrm{${name}}` : `${m[1]}_{${m[2]}}`;
}

/** The restricted loss of the family's pattern, and with `gradient` its partial derivatives, as a closed form. */
export function restrictedLossFormula(f: FamilyDefinition, options: { readonly gradient?: boolean } = {}): FormulaDocument {
  if (f.split !== undefined) throw new RangeError(`formula: family ${f.name}'s pattern splits its special indices (docs/patterns.md §2.4); the closed form covers the patterns (d-p | p) only`);
  const P = Pattern.isotropy(f.p);
  const S = symbolicScalar();
  const names = P.params.map(paramName);
  const x = names.map((n) => S.variable(n));
  const d = S.variable("d");
  let loss = restrictedLoss(S, P, x, d);
  const pi = S.pi();

  // Kernels: one per angle t = atan2(r, u.v), r = sqrt(r^2). A root created again for an equal kernel
  // (e.g. the pairs (A, B) and (B, A)) is renamed to the first one's.
  const kernelOfRoot = new Map<string, number>();
  const kernels: Kernel[] = [];
  for (const t of S.angles) {
    const rootAtom = t.y.singleTerm();
    const root = rootAtom?.monomial.length === 1 ? S.roots.find((r) => r.atom === rootAtom.monomial[0]![0]) : undefined;
    if (root === undefined || !rootAtom!.coef.equals(1)) throw new Error(`formula: an angle atan2(${t.y.toString()}, ...) that is not a kernel's`);
    kernelOfRoot.set(root.atom, kernels.length);
    kernels.push({ label: "", latexLabel: "", meaning: "", root: root.atom, angle: t.atom, square: root.square, dot: t.x, coef: Poly.constant(0) });
  }
  for (const r of S.roots) {
    if (kernelOfRoot.has(r.atom)) continue;
    const twin = kernels.find((k) => k.square.equals(r.square));
    if (twin === undefined) throw new Error(`formula: a square root of ${r.square.toString()} outside the kernels`);
    loss = renameAtom(loss, r.atom, twin.root);
  }
  // L = sum_k c_k K_k + R with K_k = (r_k + (pi - t_k) u.v) / (2 pi): c_k = 2 pi [r_k] L, and R must then
  // be free of every root and angle (an exact identity, checked here).
  let rest = loss;
  for (const k of kernels) {
    k.coef = loss.linearCoefficient(k.root).mul(pi).scale(new Fraction(2));
    const kernelValue = S.div(S.add(Poly.atom(k.root), S.mul(S.sub(pi, Poly.atom(k.angle)), k.dot)), S.mul(S.fromInt(2), pi));
    rest = rest.sub(k.coef.mul(kernelValue));
  }
  for (const k of kernels) {
    if (rest.has(k.root) || rest.has(k.angle)) throw new Error("formula: the loss is not linear in its kernels");
  }
  const used = kernels.filter((k) => !k.coef.isZero());

  // Row norms |w_I|^2 = diag(I)^2 + sum_K (n_K - [K = I]) off(I, K)^2 (docs/patterns.md §2), with the
  // same-row weight n_I a_I^2 / 4; used only if they account for the rest exactly.
  const size = classSizes(S, P, d);
  const classNames = P.classes.map((c) => c.name);
  const norms = P.classes.map((_, I) => {
    const diag = x[P.paramIndex("diag", I)!]!;
    let n2 = diag.mul(diag);
    P.classes.forEach((__, K) => {
      const k = P.paramIndex("off", I, K);
      if (k !== undefined) n2 = n2.add(x[k]!.mul(x[k]!).mul(K === I ? size[K]!.sub(Poly.constant(1)) : size[K]!));
    });
    const a = x[P.paramIndex("a", I)!]!;
    return { atom: `N_${classNames[I]}`, square: n2, weight: size[I]!.mul(a).mul(a).scale(new Fraction(1, 4)) };
  });
  let teacher = rest;
  for (const n of norms) teacher = teacher.sub(n.weight.mul(n.square));
  const withNorms = [...teacher.atoms()].every((a) => a === "d" || a === PI_ATOM);
  if (!withNorms) teacher = rest;

  labelKernels(used, P, names, classNames);

  // Printing: parameters first, then norms, then the kernels' quantities.
  const style = atomStyle(P, names, norms.map((n) => n.atom), used);
  const defs: FormulaDefinition[] = [];
  const define = (name: string, latexName: string, meaning: string, node: Node, rows?: string): void => {
    defs.push({ name, latexName, meaning, ...(rows === undefined ? {} : { rows }), text: toText(node), latex: toLatex(node) });
  };
  if (withNorms) {
    norms.forEach((n, I) => define(n.atom, `\\lVert w_{${classNames[I]}}\\rVert^{2}`, `|w_${classNames[I]}|^2, the squared norm of a row of class ${classNames[I]}`, polyNode(n.square, style)));
  }
  for (const k of used) {
    define(`p_${k.label}`, `p_{${k.latexLabel}}`, "u.v, the inner product", polyNode(k.dot, style), k.meaning);
    define(`r_${k.label}`, `r_{${k.latexLabel}}`, "sqrt(|u|^2 |v|^2 - (u.v)^2), the structural cross term, its square summed from 2x2 minors (docs/patterns.md §3)", call("sqrt", polyNode(k.square, style)), k.meaning);
    define(`t_${k.label}`, `\\theta_{${k.latexLabel}}`, "the angle between u and v", call("atan2", style.node(k.root), style.node(`p_${k.label}`)), k.meaning);
    define(
      `K_${k.label}`,
      `K_{${k.latexLabel}}`,
      "the kernel E[relu(u.x) relu(v.x)] (docs/patterns.md, eq. (P2))",
      frac(sum([style.node(k.root), prod([sum([sym("pi", "\\pi"), { k: "neg", arg: style.node(k.angle) }]), style.node(`p_${k.label}`)])]), prod([num(2), sym("pi", "\\pi")])),
      k.meaning,
    );
  }
  let named = teacher;
  if (withNorms) for (const n of norms) named = named.add(n.weight.mul(Poly.atom(n.atom)));
  for (const k of used) named = named.add(k.coef.mul(Poly.atom(`K_${k.label}`)));
  const lossNode = polyNode(named, style);

  const doc: FormulaDocument = {
    family: f.name,
    pattern: P.toString(),
    parameters: P.params.map((q, i) => ({ name: names[i]!, coordinate: q.name, latex: paramLatex(names[i]!) })),
    gauge: Object.fromEntries(P.params.flatMap((q, i) => (q.kind === "a" ? [[names[i]!, f.signs[q.row]!]] : []))),
    definitions: defs,
    loss: { text: toText(lossNode), latex: toLatex(lossNode) },
  };
  if (options.gradient !== true) return doc;

  // dL/dq = sum_I (d weight_I N_I + weight_I dN_I) + sum_k (dc_k K_k + c_k dK_k), with
  // dK = ((pi - t) dp + r (d(r^2)/2 + p dp) / (r^2 + p^2)) / (2 pi) (r = rho sin t, p = rho cos t).
  const gradient = names.map((q) => {
    let explicit = teacher.derivative(q);
    if (withNorms) for (const n of norms) explicit = explicit.add(n.weight.derivative(q).mul(Poly.atom(n.atom))).add(n.weight.mul(n.square.derivative(q)));
    for (const k of used) explicit = explicit.add(k.coef.derivative(q).mul(Poly.atom(`K_${k.label}`)));
    const terms: Node[] = [polyNode(explicit, style)];
    for (const k of used) {
      const dp = k.dot.derivative(q);
      const dr2 = k.square.derivative(q);
      if (dp.isZero() && dr2.isZero()) continue;
      const p = style.node(`p_${k.label}`);
      const r = style.node(k.root);
      const inner: Node[] = [];
      if (!dp.isZero()) inner.push(prod([sum([sym("pi", "\\pi"), { k: "neg", arg: style.node(k.angle) }]), polyNode(dp, style)]));
      const numerator = polyNode(dr2.scale(new Fraction(1, 2)).add(Poly.atom(`p_${k.label}`).mul(dp)), style);
      inner.push(frac(prod([r, numerator]), sum([{ k: "pow", base: r, exp: 2 }, { k: "pow", base: p, exp: 2 }])));
      terms.push(prod([polyNode(k.coef.divByTerm(pi).scale(new Fraction(1, 2)), style), sum(inner)]));
    }
    const node = sum(terms);
    return { parameter: q, text: toText(node), latex: toLatex(node) };
  });
  return { ...doc, gradient };
}

function renameAtom(p: Poly, from: string, to: string): Poly {
  return Poly.fromTerms(
    [...p.terms.values()].map((t) => ({
      monomial: t.monomial.map(([a, e]) => [a === from ? to : a, e] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      coef: t.coef,
    })),
  );
}

/**
 * Names the kernels from what they are: a student pair (I, J) has the coefficient of a_I a_J; a student
 * row of class I against the teacher has the coefficient of a_I, and inner product diag(I) (its own
 * teacher row, label "Ie") or off(I, J) (a teacher row of class J, label "IeJ").
 */
function labelKernels(kernels: Kernel[], P: Pattern, names: readonly string[], classNames: readonly string[]): void {
  const aOf = new Map(P.params.flatMap((q, i) => (q.kind === "a" ? [[names[i]!, q.row] as const] : [])));
  const atomOfParam = (kind: "diag" | "off", row: number, col: number): Poly | undefined => {
    const i = P.paramIndex(kind, row, col);
    return i === undefined ? undefined : Poly.atom(names[i]!);
  };
  const seen = new Set<string>();
  kernels.forEach((k, index) => {
    const yClasses = new Set<string>();
    for (const t of k.coef.terms.values()) {
      const ys = t.monomial.flatMap(([a, e]) => (aOf.has(a) ? Array.from({ length: e }, () => aOf.get(a)!) : []));
      yClasses.add(ys.sort().join(","));
    }
    let label = `k${index + 1}`;
    let latexLabel = label;
    let meaning = `kernel ${index + 1}`;
    if (yClasses.size === 1) {
      const ys = [...yClasses][0]!.split(",").filter((s) => s !== "").map(Number);
      if (ys.length === 2) {
        const [I, J] = ys as [number, number];
        label = `${classNames[I]}${classNames[J]}`;
        latexLabel = label;
        meaning = `u = w_i, v = w_i', i in ${classNames[I]}, i' in ${classNames[J]}, i != i'`;
      } else if (ys.length === 1) {
        const I = ys[0]!;
        if (atomOfParam("diag", I, I)?.equals(k.dot) === true) {
          label = `${classNames[I]}e`;
          latexLabel = `${classNames[I]}e`;
          meaning = `u = w_i, i in ${classNames[I]}, against its own teacher row v = e_i`;
        } else {
          const J = P.classes.findIndex((_, j) => atomOfParam("off", I, j)?.equals(k.dot) === true);
          if (J >= 0) {
            label = `${classNames[I]}e${classNames[J]}`;
            latexLabel = `${classNames[I]}e_{${classNames[J]}}`;
            meaning = `u = w_i, i in ${classNames[I]}, against a teacher row v = e_j, j in ${classNames[J]}, j != i`;
          }
        }
      }
    }
    if (seen.has(label)) {
      label = `${label}${index + 1}`;
      latexLabel = `${latexLabel}${index + 1}`;
    }
    seen.add(label);
    k.label = label;
    k.latexLabel = latexLabel;
    k.meaning = meaning;
  });
}

function atomStyle(P: Pattern, names: readonly string[], normAtoms: readonly string[], kernels: readonly Kernel[]): AtomStyle {
  const table = new Map<string, { node: Node; rank: number }>();
  names.forEach((n) => table.set(n, { node: sym(n, paramLatex(n)), rank: table.size }));
  normAtoms.forEach((n) => table.set(n, { node: sym(n, `\\lVert w_{${n.slice(2)}}\\rVert^{2}`), rank: table.size }));
  for (const k of kernels) {
    table.set(`p_${k.label}`, { node: sym(`p_${k.label}`, `p_{${k.latexLabel}}`), rank: table.size });
    table.set(k.root, { node: sym(`r_${k.label}`, `r_{${k.latexLabel}}`), rank: table.size });
    table.set(k.angle, { node: sym(`t_${k.label}`, `\\theta_{${k.latexLabel}}`), rank: table.size });
    table.set(`K_${k.label}`, { node: sym(`K_${k.label}`, `K_{${k.latexLabel}}`), rank: table.size });
  }
  void P;
  return {
    node(atom) {
      const e = table.get(atom);
      if (e === undefined) throw new Error(`formula: no name for ${atom}`);
      return e.node;
    },
    rank: (atom) => table.get(atom)?.rank ?? Number.MAX_SAFE_INTEGER,
  };
}
