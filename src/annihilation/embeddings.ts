import type { Decimal } from "decimal.js";
import { symmetricEigenFloat64 } from "../linalg/symmetricEigenFloat64.js";
import { hessian, loss } from "../model/evaluator.js";
import type { SecondLayer } from "../model/studentModel.js";
import type { DecimalField } from "../numbers/decimalField.js";
import { F64 } from "../numbers/floatField.js";
import { residualCorrelation, residualCorrelationGradient, residualHessianAtNeuron } from "./fullResidual.js";
import type { NeuronClass, SplitTest } from "./splitTest.js";

/**
 * The embeddings of a family's critical point (W, a) at integer d into width d + H that leave the
 * network's function unchanged (docs/annihilation.md §5): H dead neurons, H zero-output neurons (trained
 * second layer), and the split of one neuron of a class into H + 1 copies. For each: the verdict from
 * the block form of its Hessian (the family's Hessian, plus the test block t-form ⊗ a_i G_i, plus flat
 * directions), and for every verdict other than a minimum an explicit direction along which the
 * evaluator's loss at width d + H decreases, with the decrease computed.
 */

export type EmbeddingKind = "split" | "dead" | "zero-output";
export type EmbeddingVerdict = "minimum" | "saddle" | "not critical" | "global minimum" | "degenerate";

export interface Inertia {
  readonly negative: number;
  readonly zero: number;
  readonly positive: number;
}

export interface Embedding {
  readonly kind: EmbeddingKind;
  readonly class: NeuronClass | null;
  /** The weights of the copies of a split (summing to 1), else null. */
  readonly t: number[] | null;
  readonly neurons: number;
  readonly verdict: EmbeddingVerdict;
  /**
   * How the loss decreases: linearly ("first") or quadratically ("second") in the step along the direction;
   * "fourth": along a curved path (an endpoint split, docs/annihilation.md §5), the direction being its chord.
   */
  readonly order: "first" | "second" | "fourth" | null;
  readonly point: { W: Decimal[][]; a: Decimal[] };
  /** A unit direction (W and a; a is all zero with a fixed second layer), or null for a minimum. */
  readonly direction: { W: Decimal[][]; a: Decimal[] } | null;
  readonly step: number | null;
  /** L(point) - L(point + step direction) by the independent evaluator at width d + H (Decimal). */
  readonly lossDecrease: Decimal | null;
  /** The same from the derivation: exact for dead neurons (c g(w) + c^2|w|^2/4), else the second-order term -(step^2 / 2) q. */
  readonly predictedDecrease: Decimal | null;
  /** The inertia of the width-(d+H) Hessian the derivation gives, or null where the loss has no Hessian (w = 0). */
  readonly inertia: Inertia | null;
  /** Why, in a few words (the block that decides). */
  readonly reason: string;
}

/** Everything about the family at integer d that the embeddings need. */
export interface EmbeddingContext {
  readonly F: DecimalField;
  readonly d: number;
  readonly p: number;
  readonly secondLayer: SecondLayer;
  /** The critical point at width d (gauge |a| = 1). */
  readonly W: Decimal[][];
  readonly a: Decimal[];
  /** The inertia of the family's Hessian at d (gauge zeros included with a trained second layer). */
  readonly familyInertia: Inertia;
  /** True when the residual vanishes (family 1a): every embedding has loss 0. */
  readonly zeroLoss: boolean;
  readonly splits: readonly SplitTest[];
  /** A unit minimiser of g on the sphere of R^d and g there. */
  readonly argminG: Decimal[];
  readonly minG: Decimal;
  /** A unit zero of g with nonzero gradient (trained second layer), if g takes positive values. */
  readonly zeroOfG?: Decimal[];
}

/** The step of the loss-decrease evaluation (the direction has unit length). */
export const DESCENT_STEP = 0.01;

/** The index of the neuron a split of this class copies: the first bulk index, or the first special index. */
export function splitNeuron(ctx: { d: number; p: number }, cls: NeuronClass): number {
  return cls === "bulk" ? 0 : ctx.d - ctx.p;
}

function zeros(F: DecimalField, rows: number, cols: number): Decimal[][] {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => F.zero()));
}

/** Scale the direction to unit length over all its entries; returns the factor 1/|D|. */
function unit(F: DecimalField, D: { W: Decimal[][]; a: Decimal[] }): { W: Decimal[][]; a: Decimal[]; scale: Decimal } {
  let n2 = F.zero();
  for (const row of D.W) for (const x of row) n2 = F.add(n2, F.mul(x, x));
  for (const x of D.a) n2 = F.add(n2, F.mul(x, x));
  const inv = F.div(F.one(), F.sqrt(n2));
  return { W: D.W.map((r) => r.map((x) => F.mul(x, inv))), a: D.a.map((x) => F.mul(x, inv)), scale: inv };
}

/** L(point) - L(point + s D) by the evaluator in Decimal. */
function decrease(ctx: EmbeddingContext, point: { W: Decimal[][]; a: Decimal[] }, D: { W: Decimal[][]; a: Decimal[] }, s: number): Decimal {
  const F = ctx.F;
  const step = F.fromDecimalString(String(s));
  const W = point.W.map((r, i) => r.map((x, j) => F.add(x, F.mul(step, D.W[i]![j]!))));
  const a = point.a.map((x, i) => F.add(x, F.mul(step, D.a[i]!)));
  return F.sub(loss(F, point.W, point.a), loss(F, W, a));
}

function add(x: Inertia, y: Inertia): Inertia {
  return { negative: x.negative + y.negative, zero: x.zero + y.zero, positive: x.positive + y.positive };
}

/** The inertia of a small symmetric float64 matrix (relative tolerance 1e-12) with its eigen-decomposition. */
function smallInertia(M: number[][]): { inertia: Inertia; values: number[]; vectors: number[][] } {
  if (M.length === 0) return { inertia: { negative: 0, zero: 0, positive: 0 }, values: [], vectors: [] };
  const { values, vectors } = symmetricEigenFloat64(M);
  const scale = Math.max(1, ...values.map(Math.abs));
  const inertia = {
    negative: values.filter((v) => v < -1e-12 * scale).length,
    zero: values.filter((v) => Math.abs(v) <= 1e-12 * scale).length,
    positive: values.filter((v) => v > 1e-12 * scale).length,
  };
  return { inertia, values, vectors };
}

/**
 * The t-form of a split into copies with weights t (sum 1): y -> sum_k t_k y_k^2 on the hyperplane
 * sum_k t_k y_k = 0 (docs/annihilation.md §4), in the basis b_k = e_k - (t_k / t_0) e_0, k = 1..H.
 */
function tForm(t: readonly number[]): { basis: number[][]; matrix: number[][] } {
  const basis = t.slice(1).map((tk, k) => t.map((_, m) => (m === 0 ? -tk / t[0]! : m === k + 1 ? 1 : 0)));
  const matrix = basis.map((b) => basis.map((c) => t.reduce((s, tm, m) => s + tm * b[m]! * c[m]!, 0)));
  return { basis, matrix };
}

/** The inertia of a_i G_i on the complement of w_i at integer d, from the split test's components. */
function testInertia(test: SplitTest): Inertia {
  const tiny = 1e-25;
  let negative = 0;
  let zero = 0;
  let positive = 0;
  for (const c of test.components) {
    const m = Math.round(c.dimension.toNumber());
    for (const v of c.eigenvalues) {
      if (v.abs().lt(tiny)) zero += m;
      else if (v.isNegative()) negative += m;
      else positive += m;
    }
  }
  return { negative, zero, positive };
}

function flat(n: number): Inertia {
  return { negative: 0, zero: n, positive: 0 };
}

/** The verdict from the predicted inertia and the number of flat directions of the critical set. */
function verdictOf(inertia: Inertia, flatCount: number): EmbeddingVerdict {
  if (inertia.negative > 0) return "saddle";
  return inertia.zero === flatCount ? "minimum" : "degenerate";
}

/** The number of flat directions of the critical set through the point: the gauge orbits (trained) and the split lines. */
function flatDirections(ctx: EmbeddingContext, H: number, splitLines: number): number {
  return (ctx.secondLayer === "trained" ? ctx.d + H : 0) + splitLines;
}

/**
 * The family's own most negative direction at width d (float64 eigenvector of the evaluator's Hessian),
 * as W and a parts (a zero with a fixed second layer), with its eigenvalue.
 */
function familyDescent(ctx: EmbeddingContext): { dW: number[][]; da: number[]; value: number } {
  const W = ctx.W.map((r) => r.map((x) => x.toNumber()));
  const a = ctx.a.map((x) => x.toNumber());
  const { values, vectors } = symmetricEigenFloat64(hessian(F64, W, a, ctx.secondLayer));
  const v = vectors[0]!;
  const d = ctx.d;
  return {
    dW: W.map((_, i) => W.map((__, m) => v[i * d + m]!)),
    da: a.map((_, i) => (ctx.secondLayer === "trained" ? v[d * d + i]! : 0)),
    value: values[0]!,
  };
}

/** A split of neuron `cls` into H + 1 copies with weights t (t_0 stays in the neuron's row, t_1.. are rows d, d+1, ...). */
export function splitEmbedding(ctx: EmbeddingContext, cls: NeuronClass, t: readonly number[]): Embedding {
  const F = ctx.F;
  const H = t.length - 1;
  const i = splitNeuron(ctx, cls);
  const test = ctx.splits.find((s) => s.class === cls)!;
  const rowOf = (m: number): number => (m === 0 ? i : ctx.d + m - 1);
  const tt = t.map((x) => F.fromDecimalString(String(x)));
  const fixed = ctx.secondLayer === "fixed";
  const W = [...ctx.W.map((r) => [...r]), ...t.slice(1).map(() => [...ctx.W[i]!])];
  const a = [...ctx.a, ...t.slice(1).map(() => ctx.a[i]!)];
  t.forEach((_, m) => {
    if (fixed) W[rowOf(m)] = ctx.W[i]!.map((x) => F.mul(tt[m]!, x));
    else a[rowOf(m)] = F.mul(tt[m]!, ctx.a[i]!);
  });
  const point = { W, a };
  const base = { kind: "split" as const, class: cls, t: [...t], neurons: H, point };
  const lines = H;
  if (ctx.zeroLoss) return { ...base, verdict: "global minimum", order: null, direction: null, step: null, lossDecrease: null, predictedDecrease: null, inertia: null, reason: "the loss is 0 at every embedding" };
  // Extra block: (t-form on its hyperplane) ⊗ (a_i G_i on the complement of w_i); trained adds the H gauge zeros along w_i.
  const T = tForm(t);
  const tIn = smallInertia(T.matrix).inertia;
  const gIn = testInertia(test);
  const extra: Inertia = {
    negative: tIn.positive * gIn.negative + tIn.negative * gIn.positive,
    positive: tIn.positive * gIn.positive + tIn.negative * gIn.negative,
    zero: H * (ctx.d - 1) - (tIn.positive * gIn.negative + tIn.negative * gIn.positive) - (tIn.positive * gIn.positive + tIn.negative * gIn.negative),
  };
  const inertia = add(add(ctx.familyInertia, extra), flat(lines + (fixed ? 0 : H)));
  const verdict = verdictOf(inertia, flatDirections(ctx, H, lines));
  if (verdict !== "saddle") {
    return { ...base, verdict, order: null, direction: null, step: null, lossDecrease: null, predictedDecrease: null, inertia, reason: verdict === "minimum" ? "the family is a minimum and t(1-t)-form ⊗ a_i G_i adds no negative direction" : "zero eigenvalues beyond the flat directions" };
  }
  let D: { W: Decimal[][]; a: Decimal[] };
  let q: Decimal;
  let reason: string;
  if (extra.negative > 0) {
    // y (t-form eigenvector, sign s) and v (eigenvector of a_i G_i with the opposite sign): copy m moves by y_m v.
    const G = residualHessianAtNeuron(F64, ctx.W.map((r) => r.map((x) => x.toNumber())), ctx.a.map((x) => x.toNumber()), i);
    const ai = ctx.a[i]!.toNumber();
    const g = symmetricEigenFloat64(G.map((r) => r.map((x) => ai * x)));
    const tf = smallInertia(T.matrix);
    let best: { y: number[]; v: number[]; product: number } | undefined;
    tf.values.forEach((mu, k) => {
      g.values.forEach((lambda, j) => {
        if (best === undefined || mu * lambda < best.product) best = { y: T.basis.reduce((acc, b, l) => acc.map((x, m) => x + tf.vectors[k]![l]! * b[m]!), t.map(() => 0)), v: g.vectors[j]!, product: mu * lambda };
      });
    });
    const { y, v } = best!;
    const dW = zeros(F, ctx.d + H, ctx.d);
    t.forEach((tm, m) => {
      dW[rowOf(m)] = v.map((x) => F.fromDecimalString(String((fixed ? tm : 1) * y[m]! * x)));
    });
    D = { W: dW, a: a.map(() => F.zero()) };
    const lambda = v.reduce((s, x, k) => s + x * G[k]!.reduce((r, gkl, l) => r + ai * gkl * v[l]!, 0), 0);
    q = F.fromDecimalString(String(lambda * t.reduce((s, tm, m) => s + tm * y[m]! * y[m]!, 0)));
    reason = `a_i G_i has eigenvalue ${lambda.toPrecision(6)} on a direction the t-form weights by ${t.reduce((s, tm, m) => s + tm * y[m]! * y[m]!, 0).toPrecision(6)}`;
  } else {
    // The family's own negative direction, carried to the copies: the function moves as at width d.
    const fd = familyDescent(ctx);
    const dW = zeros(F, ctx.d + H, ctx.d);
    const da = a.map(() => F.zero());
    fd.dW.forEach((row, j) => {
      if (j !== i) dW[j] = row.map((x) => F.fromDecimalString(String(x)));
    });
    fd.da.forEach((x, j) => {
      if (j !== i) da[j] = F.fromDecimalString(String(x));
    });
    t.forEach((tm, m) => {
      dW[rowOf(m)] = fd.dW[i]!.map((x) => F.fromDecimalString(String(fixed ? tm * x : x)));
      da[rowOf(m)] = F.fromDecimalString(String(fixed ? 0 : tm * fd.da[i]!));
    });
    D = { W: dW, a: da };
    q = F.fromDecimalString(String(fd.value));
    reason = `the family's Hessian at d has the negative eigenvalue ${fd.value.toPrecision(6)}`;
  }
  const u = unit(F, D);
  const step = DESCENT_STEP;
  const predicted = F.neg(F.mul(F.fromDecimalString(String((step * step) / 2)), F.mul(q, F.mul(u.scale, u.scale))));
  return { ...base, verdict, order: "second", direction: { W: u.W, a: u.a }, step, lossDecrease: decrease(ctx, point, u, step), predictedDecrease: predicted, inertia, reason };
}

/** The path parameter s of the endpoint split's descent. */
export const ENDPOINT_PATH = 0.05;

/**
 * The endpoint split of a class (trained second layer): the neuron keeps (w_i, a_i) and H copies (w_i, 0)
 * are added, t = (1, 0, .., 0). The extra block t-form ⊗ a_i G_i vanishes, so when the family is a minimum the
 * second-order test is silent (docs/annihilation.md §5): then one copy moves along the curved path
 * w = w_i + s v (v a unit eigenvector of a_i G_i off w_i, its largest |eigenvalue| lambda), c = -2 g(w)/|w|^2,
 * on which the loss falls by exactly g(w)^2/|w|^2 = s^4 lambda^2 / (4 |w_i|^2) + O(s^5) (§1): a descent of
 * fourth order. The direction reported is the chord to the path at s = ENDPOINT_PATH, with step its length,
 * and the predicted decrease the exact one at the chord's end.
 */
export function endpointSplitEmbedding(ctx: EmbeddingContext, cls: NeuronClass, H: number): Embedding {
  const t = [1, ...Array.from({ length: H }, () => 0)];
  const base = splitEmbedding(ctx, cls, t);
  if (base.verdict !== "degenerate") return base;
  const F = ctx.F;
  const i = splitNeuron(ctx, cls);
  const G = residualHessianAtNeuron(F64, ctx.W.map((r) => r.map((x) => x.toNumber())), ctx.a.map((x) => x.toNumber()), i);
  const ai = ctx.a[i]!.toNumber();
  const g = symmetricEigenFloat64(G.map((r) => r.map((x) => ai * x)));
  let best = 0;
  g.values.forEach((v, k) => {
    if (Math.abs(v) > Math.abs(g.values[best]!)) best = k;
  });
  const v = g.vectors[best]!;
  const s = F.fromDecimalString(String(ENDPOINT_PATH));
  const w = ctx.W[i]!.map((x, m) => F.add(x, F.mul(s, F.fromDecimalString(String(v[m]!)))));
  const w2 = w.reduce((acc, x) => F.add(acc, F.mul(x, x)), F.zero());
  const gw = residualCorrelation(F, ctx.W, ctx.a, w);
  const c = F.neg(F.div(F.mul(F.fromInt(2), gw), w2));
  const dW = zeros(F, ctx.d + H, ctx.d);
  dW[ctx.d] = w.map((x, m) => F.sub(x, ctx.W[i]![m]!));
  const da = base.point.a.map(() => F.zero());
  da[ctx.d] = c;
  const u = unit(F, { W: dW, a: da });
  const step = F.div(F.one(), u.scale).toSignificantDigits(17).toNumber();
  // The copy at the chord's end (the step rounded to a number): -(c g(w) + c^2 |w|^2/4) there, exactly (§1).
  const sd = F.fromDecimalString(String(step));
  const wEnd = ctx.W[i]!.map((x, m) => F.add(x, F.mul(sd, u.W[ctx.d]![m]!)));
  const cEnd = F.mul(sd, u.a[ctx.d]!);
  const wEnd2 = wEnd.reduce((acc, x) => F.add(acc, F.mul(x, x)), F.zero());
  const predicted = F.neg(F.add(F.mul(cEnd, residualCorrelation(F, ctx.W, ctx.a, wEnd)), F.div(F.mul(F.mul(cEnd, cEnd), wEnd2), F.fromInt(4))));
  return {
    ...base,
    verdict: "saddle",
    order: "fourth",
    direction: { W: u.W, a: u.a },
    step,
    lossDecrease: decrease(ctx, base.point, u, step),
    predictedDecrease: predicted,
    reason: `t(1-t) = 0: the second-order test is silent; a copy moved along w = w_i + s v, c = -2 g(w)/|w|^2 (s = ${ENDPOINT_PATH}, a_i G_i v = ${g.values[best]!.toPrecision(6)} v) lowers the loss by g(w)^2/|w|^2`,
  };
}

/** H dead neurons: w = 0 with c = 0 (trained) or c = 1 (fixed); the loss has no Hessian at w = 0. */
export function deadEmbedding(ctx: EmbeddingContext, H: number): Embedding {
  const F = ctx.F;
  const fixed = ctx.secondLayer === "fixed";
  const W = [...ctx.W.map((r) => [...r]), ...zeros(F, H, ctx.d)];
  const a = [...ctx.a, ...Array.from({ length: H }, () => (fixed ? F.one() : F.zero()))];
  const point = { W, a };
  const base = { kind: "dead" as const, class: null, t: null, neurons: H, point, inertia: null };
  if (ctx.zeroLoss || !ctx.minG.isNegative()) {
    return { ...base, verdict: ctx.zeroLoss ? "global minimum" : "degenerate", order: null, direction: null, step: null, lossDecrease: null, predictedDecrease: null, reason: ctx.zeroLoss ? "the loss is 0 at every embedding" : "g >= 0 on the sphere" };
  }
  const dW = zeros(F, ctx.d + H, ctx.d);
  dW[ctx.d] = [...ctx.argminG];
  const da = a.map(() => F.zero());
  if (!fixed) da[ctx.d] = F.one();
  const u = unit(F, { W: dW, a: da });
  const step = DESCENT_STEP;
  const s = F.fromDecimalString(String(step));
  // The added neuron alone moves: the loss changes by exactly c g(w) + c^2 |w|^2 / 4 (docs/annihilation.md §2),
  // with w = s|D|^-1 w*, c = 1 (fixed) or c = s|D|^-1 (trained), |w*| = 1.
  const sw = F.mul(s, u.scale);
  const c = fixed ? F.one() : sw;
  const predicted = F.neg(F.add(F.mul(c, F.mul(sw, ctx.minG)), F.div(F.mul(F.mul(c, c), F.mul(sw, sw)), F.fromInt(4))));
  return {
    ...base,
    verdict: fixed ? "not critical" : "saddle",
    order: fixed ? "first" : "second",
    direction: { W: u.W, a: u.a },
    step,
    lossDecrease: decrease(ctx, point, u, step),
    predictedDecrease: predicted,
    reason: fixed ? `c = 1 and g(w*) = min g < 0: the loss falls linearly along w*` : `c g(w*) with min g < 0: the loss falls quadratically along (w*, c)`,
  };
}

/** H zero-output neurons at a zero w0 of g with grad g(w0) != 0 (trained second layer). */
export function zeroOutputEmbedding(ctx: EmbeddingContext, H: number): Embedding | undefined {
  if (ctx.secondLayer !== "trained" || ctx.zeroOfG === undefined || ctx.zeroLoss) return undefined;
  const F = ctx.F;
  const w0 = ctx.zeroOfG;
  const W = [...ctx.W.map((r) => [...r]), ...Array.from({ length: H }, () => [...w0])];
  const a = [...ctx.a, ...Array.from({ length: H }, () => F.zero())];
  const point = { W, a };
  const n = residualCorrelationGradient(F, ctx.W, ctx.a, w0);
  const m = F.sqrt(n.reduce((s, x) => F.add(s, F.mul(x, x)), F.zero()));
  // (delta w along n/|n|, delta c): the form [[0, |n|], [|n|, |w0|^2/2]], |w0| = 1; its negative eigenvalue and eigenvector (|n|, lambda).
  const q = F.fromRational(1, 2);
  const lambda = F.sub(F.div(q, F.fromInt(2)), F.sqrt(F.add(F.div(F.mul(q, q), F.fromInt(4)), F.mul(m, m))));
  const dW = zeros(F, ctx.d + H, ctx.d);
  dW[ctx.d] = n.map((x) => x);
  const da = a.map(() => F.zero());
  da[ctx.d] = lambda;
  const u = unit(F, { W: dW, a: da });
  const step = DESCENT_STEP;
  const inertia = add(ctx.familyInertia, { negative: H, zero: H * (ctx.d - 1), positive: H });
  return {
    kind: "zero-output",
    class: null,
    t: null,
    neurons: H,
    verdict: "saddle",
    order: "second",
    point,
    direction: { W: u.W, a: u.a },
    step,
    lossDecrease: decrease(ctx, point, u, step),
    predictedDecrease: F.neg(F.mul(F.fromDecimalString(String((step * step) / 2)), lambda)),
    inertia,
    reason: `g(w0) = 0 with |grad g(w0)| = ${m.toSignificantDigits(6).toString()}: the pair (w, c) of each added neuron is a hyperbolic plane`,
  };
}

/** g at a point of the full sphere (the evaluator's kernel), for reports. */
export function gAt(ctx: EmbeddingContext, w: readonly Decimal[]): Decimal {
  return residualCorrelation(ctx.F, ctx.W, ctx.a, w);
}
