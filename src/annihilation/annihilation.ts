import type { Decimal } from "decimal.js";
import { familyCriticalPoint, familyPattern } from "../families/critical.js";
import type { FamilyDefinition } from "../families/definition.js";
import { checkFamilyModel } from "../families/models.js";
import { familySpectrum } from "../hessian/spectrum.js";
import type { SecondLayer, StudentModel } from "../model/studentModel.js";
import { DecimalField } from "../numbers/decimalField.js";
import { F64 } from "../numbers/floatField.js";
import { embed } from "../patterns/embedding.js";
import { deadEmbedding, endpointSplitEmbedding, splitEmbedding, zeroOutputEmbedding, type Embedding, type EmbeddingContext, type Inertia } from "./embeddings.js";
import { residualCorrelation } from "./fullResidual.js";
import { expandDirection, fullSphereMinimum, FULL_SEARCH_MAX_D, reducedExtremum, type FullSearch, type SphereExtremum } from "./minimumOfG.js";
import { cellG, residualTypes, type FamilyParams } from "./residual.js";
import { cellLayout } from "./cells.js";
import { splitRange, splitTest, type NeuronClass, type SplitTest } from "./splitTest.js";
import { splitSeries, type SplitSeries } from "./splitSeries.js";

/**
 * What adding neurons does to a family (docs/annihilation.md): the minimum of g on the sphere, the split
 * test of each neuron class at real d, and at integer d the embeddings into width d + H with their
 * verdicts and descent directions.
 */

/** The largest integer d at which embeddings (full (d + H) x d arrays) are built. */
export const EMBEDDING_MAX_D = 24;
/** The largest number of added neurons. */
export const MAX_NEURONS = 10;

export interface AnnihilationOptions {
  readonly d: string;
  readonly secondLayer: SecondLayer;
  readonly neurons: number;
  /** Digits of the family's critical point (the computations run at 10 more). */
  readonly digits?: number;
  /** When given, the split test's eigenvalues also as series in eps to O(eps^(seriesOrder+1)) (§4). */
  readonly seriesOrder?: number;
  readonly onProgress?: (what: string) => void;
}

export interface Annihilation {
  readonly family: string;
  readonly model: StudentModel;
  readonly d: string;
  readonly neurons: number;
  readonly loss: Decimal;
  /** The family's own Hessian at d: inertia, and whether it is a minimum. */
  readonly familyInertia: { negative: Decimal; zero: Decimal; positive: Decimal; gaugeZeros: Decimal };
  readonly familyIsMinimum: boolean;
  /** The Euler checks at the point: max_i |g(w_i)| and sum_m g(e_m) + 2 L (both 0 in exact arithmetic), on the cells. */
  readonly euler: { readonly neuronResidual: Decimal; readonly teacherSum: Decimal; readonly twiceLoss: Decimal };
  readonly minG: SphereExtremum & { readonly full?: FullSearch & { readonly agrees: boolean } };
  readonly maxG?: SphereExtremum;
  readonly splits: SplitTest[];
  /** The split tests' eigenvalues as series in eps, per class (with `seriesOrder`). */
  readonly splitSeries?: SplitSeries[];
  /** Embeddings at integer d (empty otherwise, with the reason in `embeddingNote`). */
  readonly embeddings: Embedding[];
  readonly embeddingNote?: string;
  /** Whether some embedding into width d + H is a (second-order) minimum, and which. */
  readonly survives: { readonly minimum: boolean; readonly by: string };
  /** The least H at which no embedding is a minimum (0: the family is already a saddle), or null when none: with the reason. */
  readonly smallestH: { readonly value: number | null; readonly reason: string };
}

/** The family's parameters by alias, in the field F. */
export function paramsOf(f: FamilyDefinition, F: DecimalField, x: readonly Decimal[]): FamilyParams<Decimal> {
  const P = familyPattern(f);
  return { p: f.p, x: Object.fromEntries(P.params.map((q, k) => [q.alias ?? q.name, F.from(x[k]!)])) };
}

/** The neuron classes of a family: the bulk, and the special indices when p > 0. */
export function classesOf(f: FamilyDefinition): NeuronClass[] {
  return f.p === 0 ? ["bulk"] : ["bulk", "special"];
}

/**
 * The splits with which an H-fold embedding can be a minimum when the test block is negative definite
 * (trained): one copy keeps weight H + 1, the others -1 (one positive weight); when it is positive definite:
 * H + 1 equal weights.
 */
export function splitWeights(H: number, kind: "equal" | "one positive"): number[] {
  return kind === "equal" ? Array.from({ length: H + 1 }, () => 1 / (H + 1)) : [H + 1, ...Array.from({ length: H }, () => -1)];
}

/**
 * What does not depend on the model or on H: the critical point, the extrema of g, the split tests'
 * eigenvalues (the verdicts are redone per model), Euler's checks and the full search. Kept per process by
 * family, d and digits: the reproduction's table asks for both models and three H at one d.
 */
interface ModelFreeParts {
  readonly F: DecimalField;
  readonly point: ReturnType<typeof familyCriticalPoint>;
  readonly dValue: Decimal;
  readonly params: FamilyParams<Decimal>;
  readonly minG: SphereExtremum;
  maxG?: SphereExtremum;
  readonly splits: SplitTest[];
  readonly euler: Annihilation["euler"];
  full?: FullSearch;
}

const modelFree = new WeakMap<FamilyDefinition, Map<string, ModelFreeParts>>();

function modelFreeParts(f: FamilyDefinition, d: string, digits: number, progress: (what: string) => void): ModelFreeParts {
  let byKey = modelFree.get(f);
  if (byKey === undefined) modelFree.set(f, (byKey = new Map()));
  const key = `${d}|${digits}`;
  const known = byKey.get(key);
  if (known !== undefined) return known;
  const F = new DecimalField(digits + 10);
  progress("critical point");
  const point = familyCriticalPoint(f, d, digits);
  const dValue = F.fromDecimalString(d);
  const params = paramsOf(f, F, point.x);
  progress("minimum of g");
  const minG = reducedExtremum(F, params, dValue, 1);
  progress("split tests");
  const splits = classesOf(f).map((c) => splitTest(F, params, dValue, c, "trained"));
  const parts: ModelFreeParts = { F, point, dValue, params, minG, splits, euler: eulerChecks(F, f, params, dValue, point.loss) };
  byKey.set(key, parts);
  return parts;
}

export function familyAnnihilation(f: FamilyDefinition, options: AnnihilationOptions): Annihilation {
  const model = checkFamilyModel(f, { secondLayer: options.secondLayer, widthOffset: 0 });
  const digits = options.digits ?? 30;
  const progress = options.onProgress ?? ((): void => undefined);
  const parts = modelFreeParts(f, options.d, digits, progress);
  const { F, point, dValue, params, minG, euler } = parts;
  // The split tests' verdicts depend on the model (docs/annihilation.md §4).
  const splits = parts.splits.map((s) => ({ ...s, ...splitRange(F, s.least, s.greatest, options.secondLayer) }));
  progress("spectrum");
  const spectrum = familySpectrum(f, options.d, Math.min(digits, 20), undefined, model, { x: point.x, d: point.d });
  const familyIsMinimum = spectrum.inertia.negative.isZero() && spectrum.inertia.zero.eq(spectrum.gaugeZeros);
  const zeroLoss = point.loss.abs().lt(F.fromDecimalString(`1e-${digits - 5}`));
  if (options.secondLayer === "trained" && parts.maxG === undefined) parts.maxG = reducedExtremum(F, params, dValue, -1);
  const maxG = options.secondLayer === "trained" ? parts.maxG : undefined;
  const order = options.seriesOrder;
  if (order !== undefined) progress("split tests as series");
  const series = order === undefined ? undefined : classesOf(f).map((c) => splitSeries(f, c, order));
  const dInt = Number(options.d);
  const integer = Number.isInteger(dInt) && /^\d+$/.test(options.d.trim());
  let full: (FullSearch & { agrees: boolean }) | undefined;
  let embeddings: Embedding[] = [];
  let embeddingNote: string | undefined;
  if (integer && dInt <= FULL_SEARCH_MAX_D) {
    progress("full-dimensional search");
    if (parts.full === undefined) {
      const { W, a } = embed(familyPattern(f), point.x.map((v) => v.toNumber()), dInt);
      parts.full = fullSphereMinimum(W, a);
    }
    const search = parts.full;
    full = { ...search, agrees: Math.abs(search.value - minG.value.toNumber()) <= 1e-8 * Math.max(1, Math.abs(search.value)) };
  }
  if (integer && dInt <= EMBEDDING_MAX_D) {
    progress("embeddings");
    const { W, a } = embed(familyPattern(f), point.x.map((v) => F.from(v)), dInt);
    const argminG = expandDirection(F, minG.direction, dInt, f.p);
    const ctx: EmbeddingContext = {
      F,
      d: dInt,
      p: f.p,
      secondLayer: options.secondLayer,
      W,
      a,
      familyInertia: integerInertia(spectrum.inertia),
      zeroLoss,
      splits,
      argminG,
      minG: residualCorrelation(F, W, a, argminG),
      ...(maxG !== undefined && maxG.value.gt(F.fromDecimalString("1e-12")) ? { zeroOfG: zeroBetween(F, W, a, argminG, expandDirection(F, maxG.direction, dInt, f.p)) } : {}),
    };
    embeddings = embeddingsAt(ctx, options.neurons, splits);
  } else {
    embeddingNote = integer ? `embeddings are built at integer d up to ${EMBEDDING_MAX_D}` : "embeddings (full arrays and descent directions) need an integer d";
  }
  const survives = survival(familyIsMinimum, zeroLoss, splits, options.neurons);
  return {
    family: f.name,
    model,
    d: options.d,
    neurons: options.neurons,
    loss: point.loss,
    familyInertia: { ...spectrum.inertia, gaugeZeros: spectrum.gaugeZeros },
    familyIsMinimum,
    euler,
    minG: full === undefined ? minG : { ...minG, full },
    ...(maxG === undefined ? {} : { maxG }),
    splits,
    ...(series === undefined ? {} : { splitSeries: series }),
    embeddings,
    ...(embeddingNote === undefined ? {} : { embeddingNote }),
    survives,
    smallestH: smallestH(familyIsMinimum, zeroLoss, splits),
  };
}

function integerInertia(i: { negative: Decimal; zero: Decimal; positive: Decimal }): Inertia {
  return { negative: Math.round(i.negative.toNumber()), zero: Math.round(i.zero.toNumber()), positive: Math.round(i.positive.toNumber()) };
}

/** The embeddings of width d + H: each class split (equal weights, and one positive weight with a trained second layer), H dead, H zero-output. */
function embeddingsAt(ctx: EmbeddingContext, H: number, splits: readonly SplitTest[]): Embedding[] {
  const out: Embedding[] = [];
  for (const s of splits) {
    out.push(splitEmbedding(ctx, s.class, splitWeights(H, "equal")));
    if (ctx.secondLayer === "trained") {
      out.push(splitEmbedding(ctx, s.class, splitWeights(H, "one positive")));
      out.push(endpointSplitEmbedding(ctx, s.class, H));
    }
  }
  out.push(deadEmbedding(ctx, H));
  const z = zeroOutputEmbedding(ctx, H);
  if (z !== undefined) out.push(z);
  return out;
}

/** Euler's identities at the point, on the cells at real d: g(w_i) = 0 for each class, sum_m g(e_m) = -2L. */
function eulerChecks(F: DecimalField, f: FamilyDefinition, params: FamilyParams<Decimal>, d: Decimal, lossValue: Decimal): Annihilation["euler"] {
  return eulerOnCells(F, f.p, params, d, lossValue);
}

/** max over the neuron classes of |g(w_i)|, and sum_m g(e_m) (each teacher class times its size), at real d. */
export function eulerOnCells(F: DecimalField, p: number, params: FamilyParams<Decimal>, d: Decimal, lossValue: Decimal): Annihilation["euler"] {
  const L = cellLayout(F, d, p, 1, Math.min(p, 1));
  const types = residualTypes(F, L, params);
  let neuronResidual = F.zero();
  let teacherSum = F.zero();
  L.cells.forEach((c, k) => {
    if (!c.singleton) return;
    const neuron = types.find((t) => t.name === `neuron ${c.name}`)!;
    const value = cellG(F, L, types, neuron.vector.values).abs();
    if (value.gt(neuronResidual)) neuronResidual = value;
    const e = L.cells.map((_, j) => (j === k ? F.one() : F.zero()));
    const size = c.group === "A" ? F.sub(d, F.fromInt(p)) : F.fromInt(p);
    teacherSum = F.add(teacherSum, F.mul(size, cellG(F, L, types, e)));
  });
  return { neuronResidual, teacherSum, twiceLoss: F.mul(F.fromInt(2), lossValue) };
}

/**
 * A unit zero of g on the great circle from `negative` (g < 0) to `positive` (g > 0): bisection on the
 * angle in float64, then secant steps in F.
 */
function zeroBetween(F: DecimalField, W: Decimal[][], a: Decimal[], negative: Decimal[], positive: Decimal[]): Decimal[] | undefined {
  const dot = (u: readonly Decimal[], v: readonly Decimal[]): Decimal => u.reduce((s, x, k) => F.add(s, F.mul(x, v[k]!)), F.zero());
  const along = dot(positive, negative);
  const orth = positive.map((x, k) => F.sub(x, F.mul(along, negative[k]!)));
  const orthNorm = F.sqrt(dot(orth, orth));
  if (orthNorm.lt(1e-6)) return undefined;
  const e2 = orth.map((x) => F.div(x, orthNorm));
  const end = Math.atan2(orthNorm.toNumber(), along.toNumber());
  const at = (theta: Decimal): Decimal[] => negative.map((x, k) => F.add(F.mul(theta.cos(), x), F.mul(theta.sin(), e2[k]!)));
  const W64 = W.map((r) => r.map((x) => x.toNumber()));
  const a64 = a.map((x) => x.toNumber());
  const n64 = negative.map((x) => x.toNumber());
  const e64 = e2.map((x) => x.toNumber());
  const g64 = (theta: number): number => residualCorrelation(F64, W64, a64, n64.map((x, k) => Math.cos(theta) * x + Math.sin(theta) * e64[k]!));
  let lo = 0;
  let hi = end;
  if (!(g64(lo) < 0 && g64(hi) > 0)) return undefined;
  for (let it = 0; it < 80 && hi - lo > 1e-15; it++) {
    const mid = (lo + hi) / 2;
    if (g64(mid) < 0) lo = mid;
    else hi = mid;
  }
  let t0 = F.fromDecimalString(lo.toPrecision(17));
  let t1 = F.fromDecimalString(hi.toPrecision(17));
  let g0 = residualCorrelation(F, W, a, at(t0));
  let g1 = residualCorrelation(F, W, a, at(t1));
  for (let it = 0; it < 6 && !g1.isZero() && !g1.sub(g0).isZero(); it++) {
    const t2 = F.sub(t1, F.div(F.mul(g1, F.sub(t1, t0)), F.sub(g1, g0)));
    t0 = t1;
    g0 = g1;
    t1 = t2;
    g1 = residualCorrelation(F, W, a, at(t1));
    if (g1.abs().lt(F.fromDecimalString(`1e-${F.digits - 5}`))) break;
  }
  return at(t1);
}

/**
 * Some embedding into width d + H is a minimum exactly when the family is one and some class's split
 * test has a t-range (docs/annihilation.md §5): dead neurons always add a descent (min g < 0), and a
 * zero-output neuron off the neurons' directions a hyperbolic plane.
 */
function survival(familyIsMinimum: boolean, zeroLoss: boolean, splits: readonly SplitTest[], H: number): Annihilation["survives"] {
  if (zeroLoss) return { minimum: true, by: "every embedding (the loss is 0: a global minimum)" };
  if (!familyIsMinimum) return { minimum: false, by: "the family is a saddle at this d" };
  const s = splits.find((x) => x.verdict === "minimum");
  if (s === undefined) return { minimum: false, by: "every split adds a negative direction and an added neuron at w = 0 a descent" };
  const t = s.tRange === "0 < t < 1" ? splitWeights(H, "equal") : splitWeights(H, "one positive");
  return { minimum: true, by: `the split of a ${s.class} neuron into ${H + 1} copies with weights t = (${t.map((x) => +x.toFixed(6)).join(", ")})` };
}

function smallestH(familyIsMinimum: boolean, zeroLoss: boolean, splits: readonly SplitTest[]): Annihilation["smallestH"] {
  if (zeroLoss) return { value: null, reason: "the loss is 0: every embedding is a global minimum" };
  if (!familyIsMinimum) return { value: 0, reason: "the family is already a saddle at width d" };
  const s = splits.find((x) => x.verdict === "minimum");
  if (s !== undefined) return { value: null, reason: `the split of a ${s.class} neuron with ${s.tRange} stays a minimum for every H` };
  return { value: 1, reason: "every embedding into width d + 1 is a saddle or not critical" };
}
