import type { Decimal } from "decimal.js";
import { familyCrossings, type Crossing } from "../crossing/crossing.js";
import { BranchEnd } from "../families/continuation.js";
import { familyCriticalPoint, familyPattern } from "../families/critical.js";
import type { FamilyDefinition } from "../families/definition.js";
import { checkFamilyModel, defaultModel } from "../families/models.js";
import { fromDecimal, type PatternCriticalPoint } from "../families/newton.js";
import { precisionContext, type PrecisionContext } from "../families/precision.js";
import { blockEigenvalues, embedIsotropyPoint, nonGaugeEigenpairs, realDimensionBlocks } from "../hessian/blocks.js";
import { youngBlockEigenvalues, youngBlocks } from "../hessian/youngBlocks.js";
import { NewtonError } from "../linalg/newton.js";
import type { StudentModel } from "../model/studentModel.js";
import type { DecimalField } from "../numbers/decimalField.js";
import { BigFloatField } from "../numbers/bigFloatField.js";
import { F64 } from "../numbers/floatField.js";
import type { RealField } from "../numbers/field.js";
import { weightParams } from "../patterns/derivatives.js";
import type { Pattern } from "../patterns/pattern.js";
import { dimensionAtNumber } from "../representations/dimension.js";
import { youngIrrepDimension } from "../representations/youngDecomposition.js";
import { axialSpace, projectKernel, youngAxialSpace, youngIsotropy, type AxialSpace } from "./axial.js";
import { axialSubgroups, unlistedSubgroups, type SubgroupCandidate } from "./axialSubgroups.js";
import { knownFamilyAt, KNOWN_TOLERANCE } from "./knownPoint.js";
import { localSeries, type LocalSeries } from "./localSeries.js";
import { reducedEquation, type ReducedEquation } from "./reduced.js";
import { fixedCoordinates } from "./fixedCoordinates.js";
import { refinedCriticalPoint } from "./refine.js";
import { walkBranch } from "./walk.js";

/**
 * What bifurcates from a family at its crossings (docs/bifurcation.md): the kernel of the carrying block
 * at d*, the axial pattern of the kernel vector (computed), the Lyapunov–Schmidt coefficients on the
 * axial line, and the branch solved and continued in the axial pattern on both sides of d*.
 */

/** One critical point of a branch. */
export interface BranchPoint {
  readonly d: Decimal;
  /** All parameters of the axial pattern (a = the family's signs: the gauge |a| = 1). */
  readonly x: Decimal[];
  readonly loss: Decimal;
  readonly lossMinusFamily: Decimal;
  /** max |x - family| over the W-parameters. */
  readonly distance: Decimal;
  /** The Morse index: negative block eigenvalues of the axial pattern times their dimensions at d. */
  readonly index: number;
  readonly gradientNorm: Decimal;
}

export interface BranchEndInfo {
  readonly side: "below" | "above";
  readonly d: string;
  readonly kind: "not started" | "fold" | "walk limit" | "pattern limit" | "meets the family";
  readonly text: string;
  /** The declared family whose point (up to permutation) the last branch point on this side is, at an integer d. */
  readonly meets?: { readonly family: string; readonly d: number };
}

export interface Branch {
  /** The axial subgroup of the S_n part whose branch this is (e.g. S_{n-2} x S_2), or the kernel vector's isotropy when there is none (k = 0). */
  readonly subgroup: string;
  readonly isotropy: string;
  /** How the branch's kernel vector and isotropy were found. */
  readonly how: string;
  /** The pattern the branch is solved in: Fix(H) itself (Young), or Q_k containing it (a 3-cycle). */
  readonly pattern: Pattern;
  readonly young: boolean;
  readonly reduced: ReducedEquation;
  /** Not Young: the largest |x o g - x| over the points and the stabiliser's permutations g (rounding: the branch stays in Fix(H)). */
  readonly fixedSpaceDefect?: Decimal;
  readonly type: "transcritical" | "pitchfork";
  /** The sides of d* on which the branch exists. */
  readonly side: "both" | "below" | "above";
  readonly ends: BranchEndInfo[];
  readonly points: BranchPoint[];
  /** Exponent of distance ~ |d - d*|^e fitted on each side (1 transcritical, 1/2 pitchfork). */
  readonly exponents: { readonly side: "below" | "above"; readonly value: number }[];
  /** The branch point at the requested d, if any. */
  readonly at?: BranchPoint | undefined;
  /** The local series at d* of the W-parameters (indices into the pattern's parameters). */
  readonly series: LocalSeries;
}

export interface BifurcationAtCrossing {
  readonly crossing: Crossing;
  readonly component: string;
  /** The kernel vector over the parameters of Q_k (normalised to max |.| = 1), with the parameter names. */
  readonly kernel: { readonly pattern: Pattern; readonly names: string[]; readonly vector: Decimal[]; readonly eigenvalue: Decimal };
  readonly axial: AxialSpace;
  /**
   * The candidates S_{n-k} x G for the S_n part of the carrying component with their fixed dimensions, the
   * axial ones marked (axialSubgroups), and the one whose branch is computed (the kernel vector's isotropy).
   */
  readonly subgroups: readonly (SubgroupCandidate & { readonly computed: boolean; readonly note?: string })[];
  /** The reduced equation on the kernel vector's own axial line. */
  readonly reduced?: ReducedEquation;
  /** The branch of the kernel vector's own isotropy first, then those of the other axial subgroups. */
  readonly branches: Branch[];
  /** Why some axial subgroup has no branch (its pattern needs a larger d, its projection vanishes). */
  readonly note?: string;
}

/** A stretch of the family between crossings (or the ends of the scan) and whether it is a minimum there. */
export interface FamilyStretch {
  readonly from: string;
  readonly to: string;
  readonly minimum: boolean;
}

export interface FamilyBifurcations {
  readonly family: string;
  readonly model: StudentModel;
  readonly digits: number;
  /** The family's isotropy, e.g. Delta(S_{d-1} x S_1). */
  readonly isotropy: string;
  /** The family from the bottom of the crossing scan to the top of the branches, cut at its crossings. */
  readonly stability: FamilyStretch[];
  readonly crossings: BifurcationAtCrossing[];
}

export interface BifurcationOptions {
  /** Digits of the branch points (default 30). */
  readonly digits?: number;
  readonly model?: StudentModel;
  /** A d at which to give each branch's critical point. */
  readonly d?: string;
  /** The largest d the branches are followed to (default 1e3). */
  readonly top?: string;
  /** Digits of the crossings (familyCrossings; default max(digits, 30)): the reproduction passes those of its crossing files. */
  readonly crossingDigits?: number;
  /**
   * Which axial subgroups get a branch: "all" (default) or "kernel", the kernel vector's own isotropy only
   * (the others listed with that note; docs/bifurcation.md §7: the reproduction's choice for the families
   * whose other branches cost minutes).
   */
  readonly axial?: "all" | "kernel";
  readonly onProgress?: (text: string) => void;
}

/** A first branch point solved directly whose distance to the family is off the reduced equation's prediction by more than this factor is a jump (docs/bifurcation.md §4). */
const JUMP_FACTOR = 3;

/** Offsets from d* of the first branch points (the start and the exponent fit). */
const OFFSETS = ["1e-3", "1e-4"];
/** Further offsets of a pitchfork's first points, solved by Newton from the scaled nearest point (docs/bifurcation.md §4). */
const PITCHFORK_OFFSETS = ["3e-3", "1e-2", "3e-2", "1e-1", "3e-1"];

/**
 * The distance |d - d*| = b^2 / |4 a c| beyond which the reduced equation a (d - d*) + b s + c s^2 = 0 of a
 * transcritical branch has no small root on one side (a fold of the branch there), when it is below 1e-2;
 * undefined otherwise (docs/bifurcation.md §4).
 */
function foldDistance(type: "transcritical" | "pitchfork", r: ReducedEquation): number | undefined {
  if (type === "pitchfork") return undefined;
  const fold = r.b.mul(r.b).div(r.a.mul(r.c).mul(4)).abs().toNumber();
  return fold < 1e-2 ? fold : undefined;
}

/** The first offsets of a branch: 1e-3 and 1e-4, or a tenth and a hundredth of a fold distance below 1e-2. */
function firstOffsets(fold: number | undefined): string[] {
  return fold === undefined ? OFFSETS : [(fold / 10).toExponential(1), (fold / 100).toExponential(1)];
}

/** The root s -> 0 of a delta + b s + c s^2 = 0 (s = -a delta / b to first order; that when there is none). */
function transcriticalRoot(F: DecimalField, r: ReducedEquation, delta: Decimal): Decimal {
  const discriminant = r.b.mul(r.b).sub(r.a.mul(r.c).mul(delta).mul(4));
  if (discriminant.isNegative()) return r.a.mul(delta).div(r.b).neg();
  const root = F.sqrt(discriminant);
  return r.a.mul(delta).mul(-2).div(r.b.add(r.b.isNegative() ? root.neg() : root));
}

/** The point of the isotropy pattern embedded in the axial pattern. */
export function toAxial<T>(iso: Pattern, axial: AxialSpace, x: readonly T[]): T[] {
  const xQ = embedIsotropyPoint(iso, axial.k, x);
  const out: T[] = [];
  axial.coarseOf.forEach((c, f) => {
    if (out[c] === undefined) out[c] = xQ[f]!;
  });
  return out;
}

function maxAbs(F: DecimalField, v: readonly Decimal[]): Decimal {
  return v.reduce((m, x) => F.D.max(m, x.abs()), F.zero());
}

/** Below this fraction of max(1, its block's largest |eigenvalue|) the sign of a float64 eigenvalue is in doubt (as blockSigns, src/crossing/scan.ts). */
const FLOAT64_DOUBT = 1e-8;

/**
 * The integer d whose Young generators serve the real d for R: the bulk of d - p indices (p = R's small total)
 * at min(4, ceil(d - p)). The generators depend on the class sizes only through which are 1, 2, 3 or larger
 * (docs/census.md §2), so one set serves every branch point of R with at least four bulk indices.
 */
function youngRepresentativeD(R: Pattern, d: number): number {
  return R.smallTotal + Math.min(4, Math.ceil(d - R.smallTotal - 1e-9));
}

type Counts = { dimension: number; negative: number }[];

/**
 * Negative non-gauge eigenvalues of each block of R at (x, d) with the dimension of its irreducible at the
 * real d, or undefined when one is too close to zero for F: the Young blocks (every class alike) or the
 * character blocks (realDimensionBlocks: the small classes a finite factor whose elements are listed).
 */
function negativeCounts<T>(F: RealField<T>, R: Pattern, x: readonly T[], d: number, dT: T, model: StudentModel, doubt: number, blocks: IndexBlocks): Counts | undefined {
  const counts: Counts = [];
  const add = (values: number[], dimension: number): boolean => {
    const scale = Math.max(1, ...values.map(Math.abs));
    if (values.some((v) => Math.abs(v) <= doubt * scale)) return false;
    counts.push({ dimension, negative: values.filter((v) => v < 0).length });
    return true;
  };
  if (blocks === "young") {
    for (const b of youngBlocks(F, R, x, youngRepresentativeD(R, d), model.secondLayer, dT)) {
      if (!add(youngBlockEigenvalues(F, b).values.map((v) => F.toNumber(v)), youngIrrepDimension(R, b.component.irrep, d))) return undefined;
    }
    return counts;
  }
  for (const b of realDimensionBlocks(F, R, x, dT, () => true, model.secondLayer)) {
    const { values, gauge } = blockEigenvalues(F, b);
    if (!add(values.filter((_, i) => !gauge.includes(i)).map((v) => F.toNumber(v)), dimensionAtNumber(b.component.dimension, d))) return undefined;
  }
  return counts;
}

/** Which blocks give the index: the Young blocks, or the character blocks of realDimensionBlocks. */
export type IndexBlocks = "young" | "characters";

/**
 * The blocks patternIndex uses by default: the Young blocks when a small class of R has more than 3 indices
 * (S_j on it is not listed: j! elements), else the character blocks, faster for patterns of many singletons
 * (docs/bifurcation.md §4: five times, for 4b.d-1's 3-cycle pattern of seven singletons).
 */
function indexBlocks(R: Pattern): IndexBlocks {
  return R.classes.some((c) => (c.size ?? 0) > 3) ? "young" : "characters";
}

/**
 * The Morse index at a point of the pattern R: negative non-gauge block eigenvalues times the dimensions
 * of their irreducibles at d (not an integer at a fractional d). The signs come from float64 blocks when every eigenvalue
 * is clear of zero, else from the blocks at the digits of F in binary floats (BigFloatField: the same
 * digits, several times faster than decimal.js).
 */
export function patternIndex(F: DecimalField, R: Pattern, x: readonly Decimal[], d: Decimal, model: StudentModel, blocks: IndexBlocks = indexBlocks(R)): number {
  const N = new BigFloatField(F.digits);
  const dn = d.toNumber();
  const counts =
    negativeCounts(F64, R, x.map((v) => v.toNumber()), dn, dn, model, FLOAT64_DOUBT, blocks) ??
    negativeCounts(N, R, x.map((v) => fromDecimal(N, v)), dn, fromDecimal(N, d), model, 0, blocks)!;
  const index = counts.reduce((sum, c) => sum + c.negative * Math.max(0, c.dimension), 0);
  return Math.round(index * 1e9) / 1e9;
}

/** familyBifurcations by family definition and options: a deterministic result, read only, computed once per process. */
const bifurcationsMemo = new WeakMap<FamilyDefinition, Map<string, FamilyBifurcations>>();

/**
 * The bifurcations of family f at its crossings. The result is kept for the process (a command, its
 * diagram and a library call ask for the same), so progress is reported only the first time.
 */
export function familyBifurcations(f: FamilyDefinition, options: BifurcationOptions = {}): FamilyBifurcations {
  const digits = options.digits ?? 30;
  const model = checkFamilyModel(f, options.model ?? defaultModel(f));
  const key = [digits, model.secondLayer, model.widthOffset, options.d ?? "", options.top ?? "", options.crossingDigits ?? "", options.axial ?? "all"].join("|");
  let byOptions = bifurcationsMemo.get(f);
  if (byOptions === undefined) bifurcationsMemo.set(f, (byOptions = new Map()));
  let result = byOptions.get(key);
  if (result === undefined) {
    result = computeBifurcations(f, digits, model, options);
    byOptions.set(key, result);
  }
  return result;
}

function computeBifurcations(f: FamilyDefinition, digits: number, model: StudentModel, options: BifurcationOptions): FamilyBifurcations {
  const progress = options.onProgress ?? ((): void => undefined);
  const found = familyCrossings(f, { digits: options.crossingDigits ?? Math.max(digits, 30), model, onProgress: progress });
  const iso = familyPattern(f);
  // The fixed model's branches are the trained model's, re-indexed (docs/bifurcation.md §4, "Both second layers").
  const trained = model.secondLayer === "fixed" ? familyBifurcations(f, { ...options, model: { ...model, secondLayer: "trained" } }) : undefined;
  const crossings = found.crossings.map((c) => {
    const shared = trained?.crossings.find((t) => t.crossing.d === c.d && t.component === c.irrep);
    return bifurcationAt(f, iso, c, digits, model, { ...options, digits, model, onProgress: progress }, progress, shared);
  });
  // The family is a minimum where its inertia has no negative part (docs/crossing.md).
  const cuts = [found.scan.from, ...found.crossings.map((c) => c.d), options.top ?? "1e3"];
  const sides = [found.bottom, ...found.crossings.map((c) => c.to)];
  const stability = sides.map((side, i) => ({ from: cuts[i]!, to: cuts[i + 1]!, minimum: side.negative.length === 0 }));
  return { family: f.name, model, digits, isotropy: youngIsotropy(iso), stability, crossings };
}

/** What bifurcates at one crossing of family f (familyBifurcations does this for each of its crossings). */
export function crossingBifurcation(f: FamilyDefinition, crossing: Crossing, options: BifurcationOptions = {}): BifurcationAtCrossing {
  const model = checkFamilyModel(f, options.model ?? defaultModel(f));
  return bifurcationAt(f, familyPattern(f), crossing, options.digits ?? 30, model, options, options.onProgress ?? ((): void => undefined));
}

function bifurcationAt(
  f: FamilyDefinition,
  iso: Pattern,
  crossing: Crossing,
  digits: number,
  model: StudentModel,
  options: BifurcationOptions,
  progress: (text: string) => void,
  shared?: BifurcationAtCrossing,
): BifurcationAtCrossing {
  const precision = precisionContext(digits);
  // The reduction works at twice the digits: its differences keep 3/5 of them.
  const fine = precisionContext(2 * digits);
  const F = fine.working(Number(crossing.d));
  const dStar = F.from(crossing.d);
  progress(`kernel at d* = ${crossing.d.slice(0, 10)}`);
  const star = familyCriticalPoint(f, crossing.d, 2 * digits);
  const xStar = star.x.map((v) => F.from(v));
  // The kernel vector of the carrying block, in the coordinates of Q_k.
  const [block] = realDimensionBlocks(F, iso, xStar, dStar, (c) => c.name === crossing.irrep, model.secondLayer);
  if (block === undefined) throw new Error(`component ${crossing.irrep} has no block at d = ${crossing.d}`);
  const { values, vectors } = nonGaugeEigenpairs(F, block);
  let j = 0;
  values.forEach((v, i) => {
    if (v.abs().lt(values[j]!.abs())) j = i;
  });
  const Q = block.pattern;
  const k = block.component.sn.level;
  const raw = Q.params.map((_, p) => block.basis.reduce((s, col, i) => F.add(s, F.mul(vectors[j]![i]!, col[p]!)), F.zero()));
  const scale = maxAbs(F, raw);
  // Sign convention: the largest entry positive.
  const big = raw.find((v) => v.abs().eq(scale))!;
  const u = raw.map((v) => F.div(v, big.isNegative() ? scale.neg() : scale));
  const kernel = { pattern: Q, names: Q.params.map((q) => q.name), vector: u, eigenvalue: values[j]! };
  const axial = axialSpace(iso, k, u.map((v) => v.toNumber()));
  if (shared !== undefined && shared.axial.pattern.toString() === axial.pattern.toString() && shared.axial.antiSymmetric === axial.antiSymmetric) {
    const W = precision.working(Math.max(dStar.toNumber() + 1, 10));
    return { ...shared, crossing, component: crossing.irrep, kernel, axial, branches: shared.branches.map((b) => reindexed(b, W, model)) };
  }
  // The kernel vector's isotropy in S_n is S_{n-k} x (its part in S_k); the other axial subgroups' branches
  // start along the kernel vector projected onto their fixed spaces (docs/bifurcation.md §2).
  // S_{n-j} x S_j for j > 3 up to j = n*/2 (n* the bulk at d*: beyond it S_{n-j} x S_j is S_{n-j'} x S_{j'},
  // j' = n - j; docs/bifurcation.md §2).
  const candidates = axialSubgroups(block.component.sn.mu, Math.floor((dStar.toNumber() - iso.smallTotal) / 2));
  const own = candidates.find((h) => h.axial && h.k === k && h.order === axial.bulkOrder);
  const targets: Target[] = [{ subgroup: own?.name ?? "the kernel vector's isotropy", axial, how: axial.how, vector: u }];
  const notes = new Map<SubgroupCandidate, string>();
  for (const h of candidates.filter((c) => c.axial && c !== own)) {
    if (options.axial === "kernel") {
      notes.set(h, `${h.name}: not followed (the kernel vector's own branch only)`);
      continue;
    }
    const v = projectKernel(F, iso, k, u, h.k, h.generators);
    if (v === undefined) {
      notes.set(h, `the kernel vector projects to zero on Fix(${h.name})`);
      continue;
    }
    // S_{n-j} x S_j with j > 3: its stabiliser without listing S_j (youngAxialSpace); k <= 3: the whole finite group of Q_j.
    const space = h.k > 3 ? youngAxialSpace(iso, h.k, v.map((x) => x.toNumber())) : axialSpace(iso, h.k, v.map((x) => x.toNumber()));
    if (space === undefined) {
      notes.set(h, `${h.name}: the projected kernel vector's stabiliser among the singletons' permutations is not a Young subgroup (not followed)`);
      continue;
    }
    targets.push({ subgroup: h.name, axial: space, how: `the kernel vector projected onto Fix(${h.name}) (averaged over it in ${space.split.toString()}); ${space.how}`, vector: v, candidate: h });
  }
  const familyAt = new Map<string, Decimal[]>();
  const familyNear = (d: Decimal): Decimal[] => {
    let x = familyAt.get(d.toString());
    if (x === undefined) familyAt.set(d.toString(), (x = refinedCriticalPoint(F, fine, fixedCoordinates(iso), xStar, d).x));
    return x;
  };
  // The family's points at the branch points' d, walked once for all the branches at this crossing.
  const familyWalked = new Map<string, PatternCriticalPoint>();
  const results = targets.map((t) => {
    const R = t.axial.pattern;
    // The reduction and the start of the branch sample d within 1e-3 of d*, where R must be defined.
    if (dStar.lt(R.minimumDimension() + 0.01)) return { target: t, note: `${t.subgroup}: the pattern ${R.toString()} needs d >= ${R.minimumDimension()}, above d* = ${crossing.d.slice(0, 12)}` };
    const branch = branchOf(f, iso, t, F, dStar, xStar, familyNear, familyWalked, digits, precision, model, options, progress);
    return { target: t, branch };
  });
  for (const r of results) if (r.note !== undefined && r.target.candidate !== undefined) notes.set(r.target.candidate, r.note);
  const computed = new Set(results.filter((r) => r.branch !== undefined).map((r) => r.target.candidate ?? own));
  const subgroups = candidates.map((h) => {
    const note = h === own ? results[0]!.note : notes.get(h);
    return { ...h, computed: computed.has(h), ...(note === undefined ? {} : { note }) };
  });
  const branches = results.flatMap((r) => (r.branch === undefined ? [] : [r.branch]));
  const missing = results.flatMap((r) => (r.note === undefined ? [] : [r.note]));
  const unlisted = unlistedSubgroups(block.component.sn.mu, crossing.irrep, dStar.toNumber() - iso.smallTotal);
  const parts = [...(missing.length === 0 ? [] : [`no branch computed for ${missing.join("; ")}`]), ...(unlisted === undefined ? [] : [unlisted])];
  const note = parts.length === 0 ? undefined : parts.join("; ");
  const reduced = results[0]!.branch?.reduced;
  return { crossing, component: crossing.irrep, kernel, axial, subgroups, branches, ...(reduced === undefined ? {} : { reduced }), ...(note === undefined ? {} : { note }) };
}

/** One axial subgroup at a crossing: its fixed space and the kernel vector there (over Q_k of the space). */
interface Target {
  readonly subgroup: string;
  readonly axial: AxialSpace;
  readonly how: string;
  readonly vector: Decimal[];
  readonly candidate?: SubgroupCandidate;
}

/** The reduced equation on the target's axial line and its branch on the sides where it exists. */
function branchOf(
  f: FamilyDefinition,
  iso: Pattern,
  t: Target,
  F: DecimalField,
  dStar: Decimal,
  xStar: readonly Decimal[],
  familyNear: (d: Decimal) => Decimal[],
  familyWalked: Map<string, PatternCriticalPoint>,
  digits: number,
  precision: PrecisionContext,
  model: StudentModel,
  options: BifurcationOptions,
  progress: (text: string) => void,
): Branch {
  const { axial } = t;
  const R = axial.pattern;
  const wrt = weightParams(R);
  const xR = toAxial(iso, axial, xStar);
  const uR = xR.map(() => F.zero());
  axial.coarseOf.forEach((c, p) => (uR[c] = t.vector[p]!));
  // Gauge: v + sum_I c_I (W_I, -a_I) with c_I = v_a(I) / a_I has no a-part (a fixed at the signs).
  const phiFull = R.params.map((q, p) => {
    if (q.kind === "a") return F.zero();
    const ai = R.paramIndex("a", q.row);
    if (ai === undefined || model.secondLayer === "fixed") return uR[p]!;
    return F.add(uR[p]!, F.mul(F.div(uR[ai]!, xR[ai]!), xR[p]!));
  });
  const phiScale = maxAbs(F, wrt.map((p) => phiFull[p]!));
  const phi = wrt.map((p) => F.div(phiFull[p]!, phiScale));
  progress(`reduced equation of ${t.subgroup} at d* = ${dStar.toSignificantDigits(10).toString()}`);
  const reduced = reducedEquation(F, R, xR, dStar, wrt, phi, (d) => toAxial(iso, axial, familyNear(d)), axial.fixedBy);
  const tiny = F.fromDecimalString(`1e-${Math.floor(digits / 2)}`);
  const type = axial.antiSymmetric || reduced.b.abs().lt(tiny.mul(F.D.max(reduced.c.abs(), 1))) ? "pitchfork" : "transcritical";
  const sides: ("below" | "above")[] = [];
  if (type === "transcritical") sides.push("below", "above");
  else sides.push(reduced.a.div(reduced.c).isNegative() ? "above" : "below");
  return followBranch(f, iso, t, wrt, phi, xStar, dStar, reduced, type, sides, familyWalked, precision, model, options, progress);
}

/**
 * A branch of the trained model as a branch of the fixed one (docs/bifurcation.md §4, "Both second layers"):
 * the same points (a = 1 in both; Euler's identity makes grad_W L_R = 0 the same equations), loss, distance,
 * exponents, local series and ends, each point's index recomputed from the fixed model's blocks.
 */
function reindexed(b: Branch, W: DecimalField, model: StudentModel): Branch {
  const point = (p: BranchPoint): BranchPoint => ({ ...p, index: patternIndex(W, b.pattern, p.x, p.d, model) });
  return { ...b, points: b.points.map(point), at: b.at === undefined ? undefined : point(b.at) };
}

/** The start of the branch at d = d* + sigma delta: the family point plus s phi, s from the reduced equation. */
function startAt(F: DecimalField, familyX: Decimal[], wrt: readonly number[], phi: readonly Decimal[], s: Decimal): Decimal[] {
  const x = familyX.slice();
  wrt.forEach((p, i) => (x[p] = F.add(x[p]!, F.mul(s, phi[i]!))));
  return x;
}

function followBranch(
  f: FamilyDefinition,
  iso: Pattern,
  t: Target,
  wrt: readonly number[],
  phi: readonly Decimal[],
  xStar: readonly Decimal[],
  dStar: Decimal,
  reduced: ReducedEquation,
  type: "transcritical" | "pitchfork",
  sides: readonly ("below" | "above")[],
  familyWalked: Map<string, PatternCriticalPoint>,
  precision: PrecisionContext,
  model: StudentModel,
  options: BifurcationOptions,
  progress: (text: string) => void,
): Branch {
  const { axial } = t;
  const R = axial.pattern;
  const coordinates = fixedCoordinates(R, axial.fixedBy);
  const isoCoordinates = fixedCoordinates(iso);
  const top = Number(options.top ?? "1e3");
  const points: BranchPoint[] = [];
  const ends: BranchEndInfo[] = [];
  const exponents: { side: "below" | "above"; value: number }[] = [];
  const bottom = Math.max(R.minimumDimension(), Number(f.range.min));
  let at: BranchPoint | undefined;
  const nearAll: BranchPoint[] = [];
  for (const side of sides) {
    const sigma = side === "above" ? 1 : -1;
    const W = precision.working(Math.max(dStar.toNumber() + 1, 10));
    let familyX = xStar.map((v) => W.from(v));
    let familyD = W.from(dStar);
    let branchX: Decimal[] | undefined;
    let branchD: Decimal | undefined;
    const pointAt = (d: Decimal, x: Decimal[], loss: Decimal, gradientNorm: Decimal, known?: PatternCriticalPoint): BranchPoint => {
      // The family at d: the point solved there already (at this offset, or for another branch), or continued
      // from the previous family point.
      let fam = known ?? familyWalked.get(d.toString());
      if (fam === undefined) familyWalked.set(d.toString(), (fam = walkBranch(isoCoordinates, familyX, familyD, d, { precision })));
      familyX = fam.x;
      familyD = d;
      const famR = toAxial(iso, axial, fam.x);
      const distance = maxAbs(W, wrt.map((p) => W.sub(x[p]!, famR[p]!)));
      return { d, x, loss, lossMinusFamily: W.sub(loss, fam.loss), distance, index: patternIndex(W, R, x, d, model), gradientNorm };
    };
    // The first points (docs/bifurcation.md §4): at d* + sigma 1e-3 Newton from the family plus s phi, s from
    // the reduced equation; at each further offset Newton from the nearest point found, its displacement
    // from the family scaled as the reduced equation predicts. At a pitchfork the branch moves away from d* this way up to
    // 0.3 (|d - d*|^(1/2): equal steps in d near d* would overshoot onto another critical point).
    const star = dStar.toNumber();
    // A fold of the reduced equation lies on the side where a c (d - d*) > 0; on the other side the branch
    // exists at every offset and starts at 1e-3, 1e-4 (docs/bifurcation.md §4, "A fold near d*").
    const fold = foldDistance(type, reduced);
    const foldHere = fold !== undefined && reduced.a.mul(reduced.c).toNumber() * sigma > 0 ? fold : undefined;
    // The displacement at delta over that at delta': the reduced equation's roots (|delta / delta'|^(1/2) at a pitchfork).
    const growth = (delta: Decimal, ref: Decimal): Decimal =>
      type === "transcritical" ? transcriticalRoot(W, reduced, delta).div(transcriticalRoot(W, reduced, ref)).abs() : delta.div(ref).abs().sqrt();
    const offsets = [...firstOffsets(foldHere), ...(type === "pitchfork" ? PITCHFORK_OFFSETS : [])].filter((o) => {
      const d = star + sigma * Number(o);
      return (sigma > 0 ? d < Math.ceil(star + 1e-3) : d > Math.floor(star - 1e-3)) && d >= bottom;
    });
    const near: { point: BranchPoint; family: Decimal[]; gap: number; delta: Decimal }[] = [];
    let failure: { offset: string; error: NewtonError } | undefined;
    // A direct solve whose distance to the family is off that prediction by more than JUMP_FACTOR fell onto
    // another critical point (the family, past a fold): the first points stop there and the walk goes on.
    let jump: string | undefined;
    for (const offset of offsets) {
      const delta = W.fromDecimalString(offset).mul(sigma);
      const d = W.add(W.from(dStar), delta);
      const family = refinedCriticalPoint(W, precision, isoCoordinates, xStar.map((v) => W.from(v)), d);
      const famAt = toAxial(iso, axial, family.x);
      let start: Decimal[];
      let expected: number | undefined;
      if (near.length === 0) {
        const s = type === "transcritical" ? transcriticalRoot(W, reduced, delta) : reduced.a.mul(delta).div(reduced.c).neg().sqrt();
        start = startAt(W, famAt, wrt, phi, W.from(s));
      } else {
        const gap = Number(offset);
        const ref = near.reduce((best, q) => (Math.abs(Math.log(q.gap / gap)) < Math.abs(Math.log(best.gap / gap)) ? q : best));
        const scale = growth(delta, ref.delta);
        expected = ref.point.distance.mul(scale).toNumber();
        start = famAt.slice();
        wrt.forEach((p) => (start[p] = W.add(famAt[p]!, W.mul(W.sub(ref.point.x[p]!, ref.family[p]!), scale))));
      }
      progress(`branch ${R.toString()} ${side} d*, d = d* ${sigma > 0 ? "+" : "-"} ${offset}`);
      try {
        const sol = refinedCriticalPoint(W, precision, coordinates, start, d);
        const point = pointAt(d, sol.x, sol.loss, sol.gradientNorm, family);
        const ratio = expected === undefined ? 1 : point.distance.toNumber() / expected;
        if (ratio < 1 / JUMP_FACTOR || ratio > JUMP_FACTOR) {
          jump = `the direct solve at d = d* ${sigma > 0 ? "+" : "-"} ${offset} landed at ${point.distance.toSignificantDigits(2).toString()} from the family, ${expected!.toPrecision(2)} expected (rejected; walked from the point before)`;
          break;
        }
        near.push({ point, family: famAt, gap: Number(offset), delta });
      } catch (e) {
        if (!(e instanceof NewtonError)) throw e;
        failure = { offset, error: e };
        break;
      }
    }
    if (near.length < 2) {
      // Newton from the reduced equation's prediction did not converge: no branch points on this side.
      const d = String(star + sigma * Number(failure?.offset ?? offsets[0] ?? 0));
      ends.push({ side, d, kind: "not started", text: `Newton from the reduced equation's prediction failed at d = ${d}: ${failure?.error.message ?? jump ?? "no offset in range"}` });
      continue;
    }
    const ratio = Math.log10(near[0]!.point.distance.div(near[1]!.point.distance).toNumber());
    exponents.push({ side, value: ratio });
    // Continue away from d*: the integers, then a few larger d up to the top.
    const targets: number[] = [];
    if (sigma > 0) {
      for (let d = Math.ceil(star + 1e-3); d <= Math.min(top, Math.floor(star) + 6); d++) targets.push(d);
      for (const d of [20, 50, 100, 1000, 1e4]) if (d <= top && d > (targets[targets.length - 1] ?? star)) targets.push(d);
    } else {
      for (let d = Math.floor(star - 1e-3); d >= bottom; d--) targets.push(d);
    }
    const farthest = near.reduce((best, q) => (q.gap > best.gap ? q : best));
    branchX = farthest.point.x;
    branchD = farthest.point.d;
    points.push(...near.map((q) => q.point));
    nearAll.push(...near.map((q) => q.point));
    let end: BranchEndInfo | undefined;
    for (const target of targets) {
      progress(`branch ${R.toString()} ${side} d*, d = ${target}`);
      try {
        // Near a fold of the reduced equation the first step is of its size, and a correction as large as a tenth
        // of the branch's distance to the family is a jump (onto the family or past the fold).
        const nearFold = foldHere !== undefined && target === targets[0] ? { initialStep: foldHere / star, jumpAllowance: farthest.point.distance.toNumber() / 10 } : {};
        const p = walkBranch(coordinates, branchX, branchD, W.from(target), { precision, ...nearFold });
        branchX = p.x;
        branchD = p.d;
        const point = pointAt(p.d, p.x, p.loss, p.gradientNorm);
        if (point.distance.lt(W.fromDecimalString("1e-12"))) {
          end = { side, d: String(target), kind: "meets the family", text: `the continuation converged onto the family at d = ${target}: not followed further (the branch returns to the family there, or the step jumped onto it)` };
          break;
        }
        points.push(point);
      } catch (e) {
        if (e instanceof BranchEnd) {
          end = { side, d: e.d.toSignificantDigits(8).toString(), kind: "fold", text: e.message };
          break;
        }
        if (e instanceof NewtonError) {
          end = { side, d: String(target), kind: "fold", text: `Newton failed at d = ${target}: ${e.message}` };
          break;
        }
        throw e;
      }
    }
    end ??=
      sigma > 0
        ? { side, d: branchD!.toSignificantDigits(8).toString(), kind: "walk limit", text: `still a branch at d = ${branchD!.toSignificantDigits(8).toString()}, the top of the walk` }
        : { side, d: String(bottom), kind: "pattern limit", text: `followed down to d = ${bottom}, the smallest d of ${R.toString()} (two bulk indices) or of the family's range` };
    if (jump !== undefined) end = { ...end, text: `${end.text}; ${jump}` };
    progress(`branch ${R.toString()} ${side} d*: comparing its end with the declared families`);
    ends.push(withKnownPoint(end, points.filter((q) => Math.sign(q.d.toNumber() - star) === sigma), star, R, model, f.name));
    if (options.d !== undefined) {
      const want = W.from(options.d);
      if ((sigma > 0 ? want.gt(dStar) : want.lt(dStar)) && want.gte(bottom)) {
        try {
          const startPoint = points.filter((q) => (sigma > 0 ? q.d.gt(dStar) : q.d.lt(dStar))).reduce((best, q) => (q.d.sub(want).abs().lt(best.d.sub(want).abs()) ? q : best));
          const p = walkBranch(coordinates, startPoint.x, startPoint.d, want, { precision });
          familyX = xStar.map((v) => W.from(v));
          familyD = W.from(dStar);
          at = pointAt(want, p.x, p.loss, p.gradientNorm);
        } catch (e) {
          if (!(e instanceof BranchEnd) && !(e instanceof NewtonError)) throw e;
        }
      }
    }
  }
  points.sort((p, q) => p.d.cmp(q.d));
  const side = sides.length === 2 ? "both" : sides[0]!;
  const F = precision.working(Math.max(dStar.toNumber() + 1, 10));
  progress(`branch ${R.toString()}: local series at d*`);
  const series = localSeries(F, type, F.from(dStar), nearAll, toAxial(iso, axial, xStar).map((v) => F.from(v)), wrt);
  const defect = axial.fixedBy.length === 0 ? undefined : fixedSpaceDefect(F, axial.fixedBy, points);
  return {
    subgroup: t.subgroup,
    isotropy: axial.isotropy,
    how: t.how,
    pattern: R,
    young: axial.young,
    reduced,
    ...(defect === undefined ? {} : { fixedSpaceDefect: defect }),
    type,
    side,
    ends,
    points,
    exponents,
    at,
    series,
  };
}

/** The largest |x[g(p)] - x[p]| over the points and the permutations: how far the points are from the fixed space of the permutations. */
function fixedSpaceDefect(F: DecimalField, fixedBy: readonly (readonly number[])[], points: readonly BranchPoint[]): Decimal {
  let defect = F.zero();
  for (const q of points) for (const g of fixedBy) q.x.forEach((v, p) => (defect = F.D.max(defect, v.sub(q.x[g[p]!]!).abs())));
  return defect;
}

/**
 * The end with the declared family whose point the last branch point on its side is, when that point is at
 * an integer d and such a family exists (knownFamilyAt, docs/bifurcation.md §4).
 */
function withKnownPoint(end: BranchEndInfo, side: readonly BranchPoint[], star: number, R: Pattern, model: StudentModel, family: string): BranchEndInfo {
  if (side.length === 0) return end;
  const last = side.reduce((best, q) => (Math.abs(q.d.toNumber() - star) > Math.abs(best.d.toNumber() - star) ? q : best));
  const d = last.d.toNumber();
  if (!Number.isInteger(d)) return end;
  const name = knownFamilyAt(R, last.x.map((v) => v.toNumber()), last.loss.toNumber(), d, model, family);
  if (name === undefined) return { ...end, text: `${end.text}; at d = ${d} the branch point is no declared family's point` };
  return { ...end, meets: { family: name, d }, text: `${end.text}; at d = ${d} the branch point is family ${name}'s point up to permutation (loss and permutation invariants equal to ${KNOWN_TOLERANCE.toExponential(0)})` };
}
