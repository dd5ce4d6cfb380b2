import Fraction from "fraction.js";
import { jetScalar, type Jet } from "../diff/jet.js";
import { reducedRowEchelon, solveMatrix } from "../linalg/solve.js";
import { symmetricEigen, symmetricEigenvalues } from "../linalg/symmetricEigen.js";
import type { RealField } from "../numbers/field.js";
import { Q } from "../numbers/rational.js";
import type { Scalar } from "../numbers/scalar.js";
import { paramWeights } from "../patterns/metric.js";
import { Pattern } from "../patterns/pattern.js";
import { restrictedHessianFloat64 } from "../patterns/compiledHessian.js";
import { restrictedLoss } from "../patterns/restrictedLoss.js";
import { decompositionDimension, isotropyText, isotypicDecomposition, type IsotypicComponent } from "../representations/decomposition.js";
import { dimensionAtNumber } from "../representations/dimension.js";
import { finiteCharacter, finiteDimension, finiteElements, finiteYoung } from "../representations/finiteFactor.js";
import {
  classPermutation,
  finiteSizes,
  isCoordinate,
  paramPermutation,
  presentParams,
  refinement,
  singletonOrigins,
  splitPattern,
} from "../representations/splitPatterns.js";
import type { SecondLayer } from "../model/studentModel.js";

/**
 * The Hessian blocks for real d (docs/hessian.md, "blocks"). For a component [n - |mu|, mu] (x) psi the
 * block lives in the finer pattern Q_k (k = 0, 1, 2 distinguished bulk indices, B split into
 * singletons), whose parameters are Fix(S_{n-k}). In Q_k coordinates, with sigma the swap of s_1, s_2,
 * E_{j->k} the embedding of Q_j's parameters (j < k) and Pi_psi = P_{S_psi} pi_psi the isotypic
 * projector of psi followed by averaging over the Young subgroup S_psi (which leaves one vector per copy
 * of psi, since psi has a one-dimensional S_psi-fixed space):
 *   [n]:        span Pi_psi(everything)                 (Fix(S_n))
 *   [n-1,1]:    span Pi_psi(everything)   minus  Pi_psi E_{0->1}      (Fix(S_{n-1}) - Fix(S_n))
 *   [n-2,2]:    span Pi_psi(1 + sigma)    minus  Pi_psi (1 + sigma) E_{1->2}
 *   [n-2,1,1]:  span Pi_psi(1 - sigma)    minus  Pi_psi (1 - sigma) E_{1->2}
 * where "X minus S" is the orthogonal complement of span S in span X for the count-weighted metric D.
 * The generators are exact rationals independent of d; a complement basis is chosen exactly (columns
 * of X independent of S over Q), then made orthogonal to S at the given d:
 * C = C0 - S (S^T D S)^{-1} S^T D C0. No numerical rank decision is involved. The span is invariant under
 * T = D^{-1} H_Q (it is the image of group-algebra elements, which commute with T), so the block is the
 * pencil (C^T H_Q C, C^T D C), and C^T H_Q C is the Hessian of t -> L_Q(x + C t) at t = 0.
 */

/** A vector over the parameters of a pattern, exact. */
type ExactVector = Fraction[];

/** The exact generators of one component's block space. */
export interface ComponentBasis {
  readonly component: IsotypicComponent;
  /** Q_k: the pattern whose parameters the vectors are over. */
  readonly pattern: Pattern;
  /** C0: columns completing span S to the component's ambient span; as many as the block size. */
  readonly complement: readonly ExactVector[];
  /** S: independent columns spanning what the component space must be orthogonal to. */
  readonly subtracted: readonly ExactVector[];
}

const ZERO = new Fraction(0);
const ONE = new Fraction(1);

/** The group-algebra element sum_g c_g P_g (parameter permutations P_g) applied to v. */
export function applyGroupElement(terms: readonly { perm: readonly number[]; coefficient: Fraction }[], v: readonly Fraction[]): Fraction[] {
  const out = v.map(() => ZERO);
  for (const { perm, coefficient } of terms) {
    if (coefficient.n === 0n) continue;
    v.forEach((x, f) => {
      if (x.n !== 0n) out[perm[f]!] = out[perm[f]!]!.add(x.mul(coefficient));
    });
  }
  return out;
}

/** The columns (indices) of a list of vectors that are linearly independent, chosen greedily from the left. */
export function independentColumns(vectors: readonly ExactVector[], length: number): number[] {
  if (vectors.length === 0) return [];
  const M = Array.from({ length }, (_, f) => vectors.map((v) => v[f]!));
  return reducedRowEchelon(Q, M).pivotColumns;
}

/**
 * The exact generators of a block space "span(ambient) minus span(toSubtract)" (over vectors of length N): S,
 * independent columns of toSubtract, and C0, columns of ambient completing S to the ambient span (chosen over
 * Q, no rank decision). Checks that S lies in the ambient span and that C0 has the block size derived by the
 * other method (`by`).
 */
export function complementGenerators(
  name: string,
  ambient: readonly ExactVector[],
  toSubtract: readonly ExactVector[],
  N: number,
  blockSize: number,
  by: string,
): { complement: ExactVector[]; subtracted: ExactVector[] } {
  const subtracted = independentColumns(toSubtract, N).map((i) => toSubtract[i]!);
  const pivots = independentColumns([...subtracted, ...ambient], N);
  const ambientRank = independentColumns(ambient, N).length;
  if (pivots.length !== ambientRank || pivots.slice(0, subtracted.length).some((c, i) => c !== i)) {
    throw new Error(`component ${name}: the subtracted span is not inside the ambient span`);
  }
  const complement = pivots.slice(subtracted.length).map((c) => ambient[c - subtracted.length]!);
  if (complement.length !== blockSize) throw new Error(`component ${name}: the block construction gives ${complement.length} vectors, ${by} ${blockSize}`);
  return { complement, subtracted };
}

/** componentBases by isotropy pattern, small integer d and second layer: exact data independent of the point, built once per process. */
const basesMemo = new Map<string, readonly ComponentBasis[]>();

/** The memo key of an isotropy pattern: its classes with sizes and roles. */
function patternKey(F: Pattern): string {
  return F.toString();
}

/**
 * The exact generators of every component for the isotropy pattern F and the model's second layer (fixed:
 * over the W-parameters alone): generic, or at a small integer d (d - c < 4) where parameters standing for
 * no coordinates are dropped (see isotypicDecomposition). The number of
 * complement columns is checked against the block size from orbit counting (two derivations agree).
 * Built once per (F, small d) and shared: the result is read only.
 */
export function componentBases(F: Pattern, d?: number, secondLayer: SecondLayer = "trained"): readonly ComponentBasis[] {
  // The decomposition depends on d only through its small integer (decompositionDimension, which also checks d).
  const small = d === undefined ? undefined : decompositionDimension(F, d);
  const key = `${patternKey(F)}:${small ?? "generic"}:${secondLayer}`;
  let bases = basesMemo.get(key);
  if (bases === undefined) {
    bases = buildComponentBases(F, small, secondLayer);
    basesMemo.set(key, bases);
  }
  return bases;
}

function buildComponentBases(F: Pattern, small: number | undefined, secondLayer: SecondLayer): ComponentBasis[] {
  const components = isotypicDecomposition(F, small, secondLayer);
  const sizes = finiteSizes(F);
  return components.map((component) => {
    const { sn, psi } = component;
    const k = sn.level;
    const P = splitPattern(F, k);
    const N = P.params.length;
    const present = presentParams(P, small).map((here, f) => here && isCoordinate(P.params[f]!, secondLayer));
    const unit = (f: number): ExactVector => P.params.map((_, g) => (g === f ? ONE : ZERO));
    const permOf = (g: readonly number[], swap: boolean): number[] => paramPermutation(P, classPermutation(k, g, swap));

    // Pi_psi = P_{S_psi} pi_psi, with pi_psi = (dim psi / |G|) sum_g chi_psi(g) P_g over the finite factor G.
    const group = finiteElements(sizes);
    const isotypic = group.map((g) => ({ perm: permOf(g, false), coefficient: new Fraction(finiteDimension(psi) * finiteCharacter(sizes, psi, g), group.length) }));
    const young = finiteYoung(sizes, psi);
    const averaging = young.map((h) => ({ perm: permOf(h, false), coefficient: new Fraction(1, young.length) }));
    const identity = group[0]!;
    const sigmaTerms = (sign: 1 | -1) => [
      { perm: permOf(identity, false), coefficient: ONE },
      { perm: permOf(identity, true), coefficient: new Fraction(sign) },
    ];
    const project = (v: ExactVector): ExactVector => {
      let w = applyGroupElement(isotypic, v);
      w = applyGroupElement(averaging, w);
      return w.map((x, f) => (present[f] ? x : ZERO));
    };

    // Columns of the embedding of Q_{k-1} into Q_k: s_k joins the bulk.
    const coarserColumns = (): ExactVector[] => {
      const coarse = splitPattern(F, k - 1);
      const classMap = P.classes.map((_, I) => (I === 0 || I === k ? 0 : I < k ? I : I - 1));
      const coarseOf = refinement(coarse, P, classMap);
      return coarse.params.map((_, c) => P.params.map((__, f) => (coarseOf[f] === c ? ONE : ZERO)));
    };
    let ambient: ExactVector[];
    let toSubtract: ExactVector[];
    if (k === 0) {
      ambient = P.params.map((_, f) => unit(f));
      toSubtract = [];
    } else if (k === 1) {
      ambient = P.params.map((_, f) => unit(f));
      toSubtract = coarserColumns();
    } else {
      const symmetrise = sigmaTerms(sn.swapSign!);
      ambient = P.params.map((_, f) => applyGroupElement(symmetrise, unit(f)));
      toSubtract = coarserColumns().map((v) => applyGroupElement(symmetrise, v));
    }
    ambient = ambient.map(project);
    toSubtract = toSubtract.map(project);

    const { complement, subtracted } = complementGenerators(component.name, ambient, toSubtract, N, component.blockSize, "orbit counting");
    return { component, pattern: P, complement, subtracted };
  });
}

/**
 * The pencil of one block in any Scalar X (a real field; truncated series in src/eigenseries/seriesBlocks.ts), at
 * the point xQ of Q_k and dimension d: the count-weighted metric D (`inner`), the orthogonalisation
 * C = C0 - S (S^T D S)^{-1} S^T D C0 (`solve`: A X = B in X), the Gram matrix C^T D C, and C^T H_Q C as
 * the Hessian of t -> L_Q(x + C t) at t = 0 (jets in the m block coordinates), or `hessianAlong(C)` when
 * given (float64: float64HessianAlong). `zero` is X's zero.
 */
export function blockPencil<X>(
  S: Scalar<X>,
  zero: X,
  P: Pattern,
  xQ: readonly X[],
  d: X,
  C0: X[][],
  subtracted: readonly X[][],
  solve: (A: X[][], B: X[][]) => X[][],
  hessianAlong?: (basis: X[][]) => X[][],
): { basis: X[][]; gram: X[][]; hessian: X[][]; inner: (u: readonly X[], v: readonly X[]) => X } {
  const weights = paramWeights(S, P, d);
  const inner = (u: readonly X[], v: readonly X[]): X => {
    let s = zero;
    u.forEach((uf, f) => {
      if (!S.isZero(uf) && !S.isZero(v[f]!)) s = S.add(s, S.mul(weights[f]!, S.mul(uf, v[f]!)));
    });
    return s;
  };
  // C = C0 - S (S^T D S)^{-1} S^T D C0.
  let basis = C0;
  if (subtracted.length > 0) {
    const SDS = subtracted.map((u) => subtracted.map((v) => inner(u, v)));
    const SDC = subtracted.map((u) => C0.map((v) => inner(u, v)));
    const X = solve(SDS, SDC);
    basis = C0.map((c, j) => c.map((cf, f) => subtracted.reduce((acc, s, i) => (S.isZero(s[f]!) ? acc : S.sub(acc, S.mul(s[f]!, X[i]![j]!))), cf)));
  }
  const m = basis.length;
  const gram = basis.map((u) => basis.map((v) => inner(u, v)));
  if (hessianAlong !== undefined) return { basis, gram, hessian: hessianAlong(basis), inner };
  const J = jetScalar(S, m, 2);
  const xj: Jet<X>[] = xQ.map((v, f) => {
    const g = basis.map((c) => c[f]!);
    return g.every((gi) => S.isZero(gi)) ? J.constant(v) : { v, g };
  });
  const hessian = J.hessian(restrictedLoss(J, P, xj, J.constant(d)));
  return { basis, gram, hessian, inner };
}

/**
 * Over float64, C^T H_Q C from the Hessian of L_Q by hand (src/patterns/compiledHessian.ts), about ten times
 * faster than the jets and equal to them to rounding (test/census.test.ts); undefined for other fields.
 */
export function float64HessianAlong<T>(F: RealField<T>, P: Pattern, xQ: readonly T[], d: T): ((basis: T[][]) => T[][]) | undefined {
  if (!F.float64) return undefined;
  return (basis) => {
    const H = restrictedHessianFloat64(P, xQ as readonly number[], d as number);
    const HC = (basis as number[][]).map((c) => H.map((row) => row.reduce((s, h, f) => (c[f] === 0 ? s : s + h * c[f]!), 0)));
    return (basis as number[][]).map((u) => HC.map((hv) => u.reduce((s, uf, f) => (uf === 0 ? s : s + uf * hv[f]!), 0))) as T[][];
  };
}

/** One numeric block: the pencil (hessian, gram) in the coordinates t of x + basis t. */
export interface IsotypicBlock<T> {
  readonly component: IsotypicComponent;
  readonly pattern: Pattern;
  /** The block's basis vectors over the parameters of Q_k (m of them, orthogonal to S for D). */
  readonly basis: T[][];
  /** C^T D C: the count-weighted Gram matrix (m x m). */
  readonly gram: T[][];
  /** C^T H_Q C: the Hessian of L_Q along the basis (m x m). */
  readonly hessian: T[][];
  /** The projections of the gauge directions of Q_k onto the block, in block coordinates. */
  readonly gauge: T[][];
}

/**
 * The point x of the isotropy pattern F embedded in Q_k: the bulk and s_1..s_k lie in F's bulk, each
 * singleton in the small class it was split from.
 */
export function embedIsotropyPoint<T>(F: Pattern, k: number, x: readonly T[]): T[] {
  const coarse = F;
  const fine = splitPattern(F, k);
  const classMap = [...Array.from({ length: 1 + k }, () => 0), ...singletonOrigins(F)];
  const coarseOf = refinement(coarse, fine, classMap);
  if (x.length !== coarse.params.length) throw new RangeError(`the isotropy pattern ${coarse.toString()} has ${coarse.params.length} parameters, got ${x.length}`);
  return coarseOf.map((c) => x[c]!);
}

/** The gauge direction of the rows of class R in pattern coordinates: W part = the rows, a part = -a. */
function gaugeDirection<T>(F: RealField<T>, P: Pattern, x: readonly T[], R: number): T[] {
  return P.params.map((q, f) => (q.row !== R ? F.zero() : q.kind === "a" ? F.neg(x[f]!) : x[f]!));
}

/**
 * Every block of the Hessian at the critical point x (parameters of the isotropy pattern, a = signs)
 * and dimension d, over a real field (float64 for quick checks, Decimal at any precision). dInteger is
 * d as a number when d is a small integer (d - p < 4), where the decomposition depends on d. `include`
 * selects components (all by default).
 */
export function isotypicBlocks<T>(
  F: RealField<T>,
  iso: Pattern,
  x: readonly T[],
  d: T,
  dInteger?: number,
  include: (c: IsotypicComponent) => boolean = () => true,
  secondLayer: SecondLayer = "trained",
): IsotypicBlock<T>[] {
  const bases = componentBases(iso, dInteger, secondLayer).filter((b) => include(b.component));
  const toField = (q: Fraction): T => F.fromRational(q.s * q.n, q.d);
  return bases.map(({ component, pattern: P, complement, subtracted }) => {
    const k = component.sn.level;
    const xQ = embedIsotropyPoint(iso, k, x);
    const C0 = complement.map((v) => v.map(toField));
    const S = subtracted.map((v) => v.map(toField));
    const { basis, gram, hessian, inner } = blockPencil(F, F.zero(), P, xQ, d, C0, S, (A, B) => solveMatrix(F, A, B), float64HessianAlong(F, P, xQ, d));

    // Gauge directions projected onto the block: c_R = G^{-1} C^T D gamma_R.
    const gauge: T[][] = [];
    if (component.gaugeCount > 0) {
      const rowClasses = P.classes.map((_, R) => R).filter((R) => P.hasRows(R));
      const rhs = rowClasses.map((R) => {
        const gamma = gaugeDirection(F, P, xQ, R);
        return basis.map((c) => inner(c, gamma));
      });
      const solved = solveMatrix(F, gram, basis.map((_, i) => rhs.map((r) => r[i]!)));
      rowClasses.forEach((_, r) => gauge.push(solved.map((row) => row[r]!)));
    }
    return { component, pattern: P, basis, gram, hessian, gauge };
  });
}

/** A RangeError unless the blocks exist at d: an integer d >= c + 2 or a real d > c + 2 (c = iso.smallTotal, p for (d-p | p)). */
export function checkBlockDimension(iso: Pattern, d: number, text: string = String(d)): void {
  const c = iso.smallTotal;
  if (!Number.isFinite(d) || (Number.isInteger(d) ? d < c + 2 : d <= c + 2)) {
    throw new RangeError(`d = ${text} is not allowed for ${isotropyText(iso)}: the Hessian blocks need an integer d >= ${c + 2} or a real d > ${c + 2}`);
  }
}

/**
 * The blocks at any real d > p + 2 (docs/crossing.md §3, "real d in (p + 2, p + 3)"): at an integer d
 * those of isotypicBlocks at that d; at a non-integer d the generic components whose dimension
 * polynomial is positive at d. For d in (p + 2, p + 3) that leaves out exactly [n-2,2] (dimension
 * (n)(n-3)/2 < 0 there, and the metric of its space, which contains off(A,A) of weight (n-2)(n-3) < 0,
 * is indefinite); every other component's space has a positive definite metric for d > p + 2 (bulks of
 * Q_0, Q_1 above 1 index, and the swap-antisymmetric part of Q_2 has no off(A,A) coordinate).
 */
export function realDimensionBlocks<T>(
  F: RealField<T>,
  iso: Pattern,
  x: readonly T[],
  d: T,
  include: (c: IsotypicComponent) => boolean = () => true,
  secondLayer: SecondLayer = "trained",
): IsotypicBlock<T>[] {
  const nearest = Math.round(F.toNumber(d));
  const integer = F.equals(d, F.fromInt(nearest));
  checkBlockDimension(iso, integer ? nearest : F.toNumber(d), String(d));
  if (integer) return isotypicBlocks(F, iso, x, d, nearest - iso.smallTotal < 4 ? nearest : undefined, include, secondLayer);
  const dn = F.toNumber(d);
  return isotypicBlocks(F, iso, x, d, undefined, (c) => dimensionAtNumber(c.dimension, dn) > 0 && include(c), secondLayer);
}

/** Eigenvalues of one block with the gauge zeros named. */
export interface BlockEigenvalues<T> {
  /** Ascending, with the gauge zeros as exact zeros. */
  readonly values: T[];
  /** Positions in `values` of the gauge zeros. */
  readonly gauge: number[];
  /** max |(Y^T H Y)_{gj}| over gauge rows g, relative to max(1, max |Y^T H Y|): zero at a critical point. */
  readonly gaugeResidual: T;
}

/**
 * Orthonormalise candidates for the metric G with column pivoting (modified Gram–Schmidt, largest
 * residual first, residuals measured relative to the largest candidate), continuing an orthonormal list `start`, until `count` vectors are kept.
 * Returns the kept vectors and the largest relative residual among the candidates not kept.
 */
function pivotedOrthonormalise<T>(F: RealField<T>, G: T[][], start: T[][], candidates: T[][], count: number): { basis: T[][]; leftover: T } {
  const ip = (u: T[], v: T[]): T => {
    let s = F.zero();
    for (let i = 0; i < u.length; i++) for (let j = 0; j < v.length; j++) s = F.add(s, F.mul(u[i]!, F.mul(G[i]![j]!, v[j]!)));
    return s;
  };
  const norm0 = candidates.map((c) => F.sqrt(F.abs(ip(c, c))));
  let rest = candidates.map((c) => c.slice());
  const basis = start.map((b) => b.slice());
  const subtract = (v: T[], b: T[]): T[] => {
    const coefficient = ip(b, v);
    return v.map((vi, i) => F.sub(vi, F.mul(coefficient, b[i]!)));
  };
  rest = rest.map((v) => basis.reduce(subtract, v));
  // Residuals relative to the largest candidate: a candidate that is zero up to rounding stays small.
  let largest = F.zero();
  for (const x of norm0) if (F.lt(largest, x)) largest = x;
  const relative = (v: T[]): T => (F.isZero(largest) ? F.zero() : F.div(F.sqrt(F.abs(ip(v, v))), largest));
  const alive = rest.map(() => true);
  while (basis.length < count) {
    let best = -1;
    let bestValue = F.zero();
    rest.forEach((v, i) => {
      if (!alive[i]) return;
      const r = relative(v);
      if (best < 0 || F.lt(bestValue, r)) {
        best = i;
        bestValue = r;
      }
    });
    if (best < 0 || F.isZero(bestValue)) throw new Error(`orthonormalisation: only ${basis.length} independent vectors, ${count} wanted`);
    const v = rest[best]!;
    const len = F.sqrt(ip(v, v));
    const b = v.map((vi) => F.div(vi, len));
    basis.push(b);
    alive[best] = false;
    rest = rest.map((w, i) => (alive[i] ? subtract(w, b) : w));
  }
  let leftover = F.zero();
  rest.forEach((v, i) => {
    if (alive[i]) {
      const r = relative(v);
      if (F.lt(leftover, r)) leftover = r;
    }
  });
  return { basis, leftover };
}

/**
 * A G-orthonormal basis Y of the block whose first g vectors span the gauge part (g = the component's
 * gauge count), and A = Y^T H Y, with the relative size of A's gauge rows (docs/hessian.md §3).
 */
function gaugeAdapted<T>(F: RealField<T>, block: IsotypicBlock<T>): { Y: T[][]; A: T[][]; g: number; residual: T } {
  const m = block.gram.length;
  const g = block.component.gaugeCount;
  const G = block.gram;
  let gaugeBasis: T[][] = [];
  if (g > 0) {
    const { basis, leftover } = pivotedOrthonormalise(F, G, [], block.gauge, g);
    // The gauge projections span g dimensions exactly; a larger leftover means more null directions.
    if (F.lt(F.fromRational(1, 1000000), leftover)) {
      throw new Error(`component ${block.component.name}: the gauge directions span more than ${g} dimensions (leftover ${String(leftover)})`);
    }
    gaugeBasis = basis;
  }
  const units = Array.from({ length: m }, (_, i) => Array.from({ length: m }, (__, j) => (i === j ? F.one() : F.zero())));
  const Y = pivotedOrthonormalise(F, G, gaugeBasis, units, m).basis;
  const HY = Y.map((y) => block.hessian.map((row) => row.reduce((s, h, j) => F.add(s, F.mul(h, y[j]!)), F.zero())));
  const A = Y.map((yi) => HY.map((hy) => yi.reduce((s, v, k) => F.add(s, F.mul(v, hy[k]!)), F.zero())));
  let scale = F.one();
  for (const row of A) for (const v of row) if (F.lt(scale, F.abs(v))) scale = F.abs(v);
  let residual = F.zero();
  for (let i = 0; i < g; i++) for (let j = 0; j < m; j++) if (F.lt(residual, F.abs(A[i]![j]!))) residual = F.abs(A[i]![j]!);
  return { Y, A, g, residual: F.div(residual, scale) };
}

/**
 * The eigenvalues of the pencil (hessian, gram) with the gauge zeros named: a G-orthonormal basis Y
 * whose first g vectors span the gauge part of the block (g = the component's gauge count), then the
 * symmetric eigenvalues of the remaining (m - g) x (m - g) part of Y^T H Y. The gauge part is invariant
 * (T annihilates it), so its complement is too, and nothing is lost. Throws if the gauge projections do
 * not span exactly g dimensions.
 */
export function blockEigenvalues<T>(F: RealField<T>, block: IsotypicBlock<T>): BlockEigenvalues<T> {
  const { A, g, residual } = gaugeAdapted(F, block);
  const rest = A.slice(g).map((row) => row.slice(g));
  const values = rest.length === 0 ? [] : symmetricEigenvalues(F, rest);
  // Insert the g gauge zeros after every negative value (and before every positive one).
  let at = values.findIndex((v) => F.sign(v) > 0);
  if (at < 0) at = values.length;
  const gauge = Array.from({ length: g }, (_, i) => at + i);
  const all = [...values.slice(0, at), ...gauge.map(() => F.zero()), ...values.slice(at)];
  return { values: all, gauge, gaugeResidual: residual };
}

/**
 * The non-gauge eigenvalues of the block, ascending, with eigenvectors in block coordinates (G-unit,
 * G-orthogonal to the gauge part): the same as blockEigenvalues without the gauge zeros.
 */
export function nonGaugeEigenpairs<T>(F: RealField<T>, block: IsotypicBlock<T>): { values: T[]; vectors: T[][] } {
  const { Y, A, g } = gaugeAdapted(F, block);
  const rest = A.slice(g).map((row) => row.slice(g));
  if (rest.length === 0) return { values: [], vectors: [] };
  const { values, vectors } = symmetricEigen(F, rest);
  const m = block.gram.length;
  const toBlock = (w: T[]): T[] => Array.from({ length: m }, (_, i) => w.reduce((s, wj, j) => F.add(s, F.mul(wj, Y[g + j]![i]!)), F.zero()));
  return { values, vectors: vectors.map(toBlock) };
}
