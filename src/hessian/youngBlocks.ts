import Fraction from "fraction.js";
import type { SecondLayer } from "../model/studentModel.js";
import { solveMatrix } from "../linalg/solve.js";
import { symmetricEigenvalues } from "../linalg/symmetricEigen.js";
import type { RealField } from "../numbers/field.js";
import type { Pattern } from "../patterns/pattern.js";
import { sizeIn } from "../patterns/restrictedLoss.js";
import {
  splitYoung,
  youngIrrepDimension,
  youngRepresentative,
  youngCoordinates,
  youngDecomposition,
  youngRefinement,
  youngSwap,
  type SplitYoung,
  type YoungComponent,
} from "../representations/youngDecomposition.js";
import { F64 } from "../numbers/floatField.js";
import { blockPencil, complementGenerators, float64HessianAlong } from "./blocks.js";

/**
 * The Hessian blocks of a Young subgroup S_{n_1} x ... x S_{n_c} at an integer d (docs/census.md §2), every
 * class treated by the fixed-point chain (youngDecomposition.ts). For a component the block lives in the
 * finer pattern Q with its distinguished indices split off, as the count-weighted orthogonal complement of
 * the coarser fixed-point spaces, embedded by refinement (E_{X->Q}):
 *   [n]:                 span Q = F                          (Fix(G))
 *   [n-1,1]_I:           span Q_I            minus E_{F->Q_I}
 *   [n-2,2]_I:           span (1 + sigma) Q_II  minus (1 + sigma) E_{Q_I->Q_II}
 *   [n-2,1,1]_I:         span (1 - sigma) Q_II  minus (1 - sigma) E_{Q_I->Q_II}
 *   std_I (x) std_J:     span Q_IJ           minus E_{Q_I->Q_IJ} and E_{Q_J->Q_IJ}   (inclusion-exclusion)
 * The generators are exact 0/1 (or 0/+-1) vectors; the complement basis is chosen over Q and made
 * orthogonal at d by blockPencil (blocks.ts), which also gives the Gram matrix and the Hessian of
 * t -> L_Q(x + C t) by jets: the block is the pencil (C^T H_Q C, C^T D C), as in docs/hessian.md §3.
 */

type ExactVector = Fraction[];

/** The exact generators of one component: the finer pattern, the complement columns C0, the subtracted columns S. */
export interface YoungBasis {
  readonly component: YoungComponent;
  readonly split: SplitYoung;
  readonly complement: readonly ExactVector[];
  readonly subtracted: readonly ExactVector[];
}

const ZERO = new Fraction(0);
const ONE = new Fraction(1);

/** The columns of the embedding coarseOf (fine parameter -> coarse parameter), masked to the fine coordinates. */
function embeddingColumns(coarseCount: number, coarseOf: readonly number[], keep: readonly boolean[]): ExactVector[] {
  return Array.from({ length: coarseCount }, (_, c) => coarseOf.map((image, f) => (image === c && keep[f] ? ONE : ZERO)));
}

const basesMemo = new Map<string, readonly YoungBasis[]>();

/**
 * The exact generators of every component of the Young subgroup of F at the integer d for the second
 * layer (fixed: over the W-parameters alone). Each complement has as many columns as the block size from
 * the coordinate counts (two derivations that must agree). Built once per (F, d, second layer).
 */
export function youngBases(F: Pattern, d: number, secondLayer: SecondLayer = "trained"): readonly YoungBasis[] {
  const key = `${F.classes.map((c) => `${c.size ?? "bulk"}${c.role === undefined ? "" : ` ${c.role}`}`).join(",")}:${d}:${secondLayer}`;
  let bases = basesMemo.get(key);
  if (bases === undefined) {
    bases = youngDecomposition(F, d, secondLayer).map((component) => buildBasis(F, d, secondLayer, component));
    basesMemo.set(key, bases);
  }
  return bases;
}

function buildBasis(F: Pattern, d: number, secondLayer: SecondLayer, component: YoungComponent): YoungBasis {
  const { kind, split } = component.irrep;
  const fine = splitYoung(F, split, d);
  const P = fine.pattern;
  const N = P.params.length;
  const keep = youngCoordinates(P, d, secondLayer);
  const units = P.params.map((_, f) => P.params.map((__, g) => (g === f && keep[f] ? ONE : ZERO)));
  const coarser = (coarseSplit: readonly number[], rejoin: readonly number[]): ExactVector[] => {
    const coarse = splitYoung(F, coarseSplit, d);
    return embeddingColumns(coarse.pattern.params.length, youngRefinement(coarse, fine, rejoin), keep);
  };
  let ambient: ExactVector[];
  let toSubtract: ExactVector[];
  if (kind === "trivial") {
    ambient = units;
    toSubtract = [];
  } else if (kind === "standard") {
    ambient = units;
    toSubtract = coarser([], [-1]);
  } else if (kind === "product") {
    ambient = units;
    toSubtract = [...coarser([split[0]!], [0, -1]), ...coarser([split[1]!], [-1, 0])];
  } else {
    const sign = kind === "twoRow" ? 1 : -1;
    const swap = youngSwap(fine);
    const symmetrise = (v: ExactVector): ExactVector => {
      const out = v.slice();
      v.forEach((x, f) => (out[swap[f]!] = out[swap[f]!]!.add(x.mul(sign))));
      return out;
    };
    ambient = units.map(symmetrise);
    toSubtract = coarser([split[0]!], [0, -1]).map(symmetrise);
  }
  const { complement, subtracted } = complementGenerators(component.name, ambient, toSubtract, N, component.blockSize, "the coordinate count");
  return { component, split: fine, complement, subtracted };
}

/** One numeric block of a Young component: the pencil (hessian, gram) and the gauge directions, in block coordinates. */
export interface YoungBlock<T> {
  readonly component: YoungComponent;
  readonly gram: T[][];
  readonly hessian: T[][];
  /** The projections of the gauge directions of the finer pattern's row classes onto the block. */
  readonly gauge: T[][];
}

/** The point x of F in the finer pattern: each parameter takes the value of the parameter of F it is a piece of. */
export function embedYoungPoint<T>(F: Pattern, fine: SplitYoung, x: readonly T[], d: number): T[] {
  const coarseOf = youngRefinement(splitYoung(F, [], d), fine, fine.classOf.slice(F.classes.length).map(() => -1));
  return coarseOf.map((c) => x[c]!);
}

type Pencil<T> = ReturnType<typeof blockPencil<T>>;

/** The pencil of a Young component at xQ by jets (blockPencil), over any real field. */
function youngPencil<T>(F: RealField<T>, { split, complement, subtracted }: YoungBasis, xQ: readonly T[], d: T): Pencil<T> {
  const toField = (q: Fraction): T => F.fromRational(q.s * q.n, q.d);
  return blockPencil(F, F.zero(), split.pattern, xQ, d, complement.map((v) => v.map(toField)), subtracted.map((v) => v.map(toField)), (A, B) => solveMatrix(F, A, B));
}

const float64Pencils = new WeakMap<YoungBasis, Map<number, Pencil<number>>>();

/** The float64 basis, Gram matrix and metric of a Young component at the real d, kept per (component, d); its hessian field is not used. */
function float64Pencil(young: YoungBasis, d: number): Pencil<number> {
  let byD = float64Pencils.get(young);
  if (byD === undefined) float64Pencils.set(young, (byD = new Map()));
  let pencil = byD.get(d);
  if (pencil === undefined) {
    const toFloat = (q: Fraction): number => F64.fromRational(q.s * q.n, q.d);
    const zeros = young.split.pattern.params.map(() => 0);
    pencil = blockPencil(F64, 0, young.split.pattern, zeros, d, young.complement.map((v) => v.map(toFloat)), young.subtracted.map((v) => v.map(toFloat)), (A, B) => solveMatrix(F64, A, B), () => []);
    byD.set(d, pencil);
  }
  return pencil;
}

/**
 * The exact generators for the isotropy pattern F at d: youngBases at the integer d; for a pattern with real
 * class sizes (docs/patterns.md §4) those of its integer representative (youngRepresentative), each with its
 * finer pattern taken back to the real sizes and the dimension of its irreducible at them.
 */
function basesAt(iso: Pattern, d: number, secondLayer: SecondLayer): readonly YoungBasis[] {
  if (!iso.realSizes) return youngBases(iso, d, secondLayer);
  const representative = youngRepresentative(iso, d);
  return youngBases(representative.pattern, representative.d, secondLayer).map((b) => {
    const split = splitYoung(iso, b.component.irrep.split, d);
    const names = (P: Pattern): string => P.params.map((q) => q.name).join();
    if (names(split.pattern) !== names(b.split.pattern)) throw new Error(`component ${b.component.name}: the representative ${representative.pattern.toString()} has other parameters than ${iso.toString()} at d = ${d}`);
    return { ...b, split, component: { ...b.component, dimension: youngIrrepDimension(iso, b.component.irrep, d) } };
  });
}

/**
 * Every block of the Hessian at the critical point x of the isotropy pattern F (a = the gauge signs) at the
 * integer d, over a real field. With `dValue`, the blocks at that real d instead: the generators depend on
 * the class sizes only through which are 1, 2, 3 or larger, so those of the integer d serve every real d
 * whose classes fall in the same cases (the template crossings, docs/census.md §7). For a pattern with real
 * class sizes (Pattern.realIsotropy, the rays of docs/census.md §8) d is the real d itself, and the generators
 * are those of an integer representative (basesAt). `include` selects components.
 */
export function youngBlocks<T>(
  F: RealField<T>,
  iso: Pattern,
  x: readonly T[],
  d: number,
  secondLayer: SecondLayer = "trained",
  dValue?: T,
  include: (c: YoungComponent) => boolean = () => true,
): YoungBlock<T>[] {
  const dT = dValue ?? sizeIn(F, d);
  return basesAt(iso, d, secondLayer).filter((b) => include(b.component)).map((young) => {
    const { component, split } = young;
    const P = split.pattern;
    const xQ = embedYoungPoint(iso, split, x, d);
    const along = float64HessianAlong(F, P, xQ, dT);
    // Over float64 the basis and Gram matrix depend on d alone (not on x): computed once per d and kept.
    const pencil = along === undefined ? youngPencil(F, young, xQ, dT) : (float64Pencil(young, dT as number) as unknown as Pencil<T>);
    const { basis, gram, inner } = pencil;
    const hessian = along === undefined ? pencil.hessian : along(basis);
    const gauge: T[][] = [];
    if (component.gaugeCount > 0) {
      // c_R = G^{-1} C^T D gamma_R, gamma_R = (the rows of class R, -a_R): null directions of H at a critical point.
      const rhs = P.classes.map((_, R) => {
        const gamma = P.params.map((q, f) => (q.row !== R ? F.zero() : q.kind === "a" ? F.neg(xQ[f]!) : xQ[f]!));
        return basis.map((c) => inner(c, gamma));
      });
      const solved = solveMatrix(F, gram, basis.map((_, i) => rhs.map((r) => r[i]!)));
      P.classes.forEach((_, R) => gauge.push(solved.map((row) => row[R]!)));
    }
    return { component, gram, hessian, gauge };
  });
}

/**
 * The eigenvalues of a block without its gauge zeros, ascending: a gram-orthonormal basis is built from
 * the gauge projections first (they must span exactly the component's gauge count), then completed, and
 * the eigenvalues are those of the Hessian on the part orthogonal to the gauge. Returns also how far the
 * gauge part is from the kernel (relative), zero at an exact critical point.
 */
export function youngBlockEigenvalues<T>(F: RealField<T>, block: YoungBlock<T>): { values: T[]; gaugeResidual: T } {
  const G = block.gram;
  const m = G.length;
  const g = block.component.gaugeCount;
  const ip = (u: readonly T[], v: readonly T[]): T => {
    let s = F.zero();
    for (let i = 0; i < m; i++) {
      if (F.isZero(u[i]!)) continue;
      for (let j = 0; j < m; j++) s = F.add(s, F.mul(u[i]!, F.mul(G[i]![j]!, v[j]!)));
    }
    return s;
  };
  // Pivoted Gram-Schmidt: the gauge candidates until g are kept, then unit vectors until m.
  const kept: T[][] = [];
  const orthonormalise = (candidates: T[][], until: number): T[] => {
    const scale = candidates.reduce((s, c) => (F.lt(s, F.sqrt(F.abs(ip(c, c)))) ? F.sqrt(F.abs(ip(c, c))) : s), F.zero());
    let rest = candidates.map((c) => kept.reduce((v, b) => v.map((vi, i) => F.sub(vi, F.mul(ip(b, v), b[i]!))), c));
    const residual = (v: T[]): T => (F.isZero(scale) ? F.zero() : F.div(F.sqrt(F.abs(ip(v, v))), scale));
    while (kept.length < until) {
      let best = -1;
      rest.forEach((v, i) => {
        if (best < 0 || F.lt(residual(rest[best]!), residual(v))) best = i;
      });
      if (best < 0 || F.isZero(residual(rest[best]!))) throw new Error(`component ${block.component.name}: only ${kept.length} independent directions, ${until} wanted`);
      const v = rest[best]!;
      const b = v.map((vi) => F.div(vi, F.sqrt(ip(v, v))));
      kept.push(b);
      rest = rest.filter((_, i) => i !== best).map((w) => w.map((wi, i) => F.sub(wi, F.mul(ip(b, w), b[i]!))));
    }
    return rest.map(residual);
  };
  if (g > 0) {
    const leftover = orthonormalise(block.gauge.map((c) => c.slice()), g);
    for (const r of leftover) {
      if (F.lt(F.fromRational(1, 1000000), r)) throw new Error(`component ${block.component.name}: the gauge directions span more than ${g} dimensions`);
    }
  }
  orthonormalise(Array.from({ length: m }, (_, i) => Array.from({ length: m }, (__, j) => (i === j ? F.one() : F.zero()))), m);
  const HY = kept.map((y) => block.hessian.map((row) => row.reduce((s, h, j) => F.add(s, F.mul(h, y[j]!)), F.zero())));
  const A = kept.map((yi) => HY.map((hy) => yi.reduce((s, v, k) => F.add(s, F.mul(v, hy[k]!)), F.zero())));
  let scale = F.one();
  for (const row of A) for (const v of row) if (F.lt(scale, F.abs(v))) scale = F.abs(v);
  let residual = F.zero();
  for (let i = 0; i < g; i++) for (let j = 0; j < m; j++) if (F.lt(residual, F.abs(A[i]![j]!))) residual = F.abs(A[i]![j]!);
  const rest = A.slice(g).map((row) => row.slice(g));
  return { values: rest.length === 0 ? [] : symmetricEigenvalues(F, rest), gaugeResidual: F.div(residual, scale) };
}
