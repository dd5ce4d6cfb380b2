import type { Decimal } from "decimal.js";
import { newtonCriticalPoint, type PatternCriticalPoint } from "../families/newton.js";
import { precisionContext, type PrecisionContext } from "../families/precision.js";
import { youngInertia, youngSpectrum, type ComponentSpectrum, type YoungInertia } from "../hessian/youngInertia.js";
import { newtonSolve, relativeStep, type LinearSolve } from "../linalg/newton.js";
import { solveLinear } from "../linalg/solve.js";
import type { SecondLayer } from "../model/studentModel.js";
import { DecimalField } from "../numbers/decimalField.js";
import type { RealField } from "../numbers/field.js";
import { F64 } from "../numbers/floatField.js";
import { restrictedHessianFloat64 } from "../patterns/compiledHessian.js";
import { lossGradient, lossJet, weightParams } from "../patterns/derivatives.js";
import { fullGradientNorm, paramWeights } from "../patterns/metric.js";
import type { Pattern } from "../patterns/pattern.js";
import { identifyFamily, identifyInstance } from "../families/identify.js";
import { coarsen } from "./points.js";
import { censusPattern, orbitSize } from "./types.js";

/**
 * One census point from its float64 position (docs/census.md §1, "Per point"): Newton to `digits` digits,
 * then the spectrum by isotypic component of the Young subgroup (youngBlocks.ts, in float64 at the refined
 * point), index, orbit size and the declared family or (for a minimum) the template instance it lies on.
 */

/** A refined point: everything a census point reports but the starts that reached it. */
export interface RefinedPoint extends YoungInertia {
  /** Class sizes, descending; classes A, B, C in this order. */
  readonly sizes: number[];
  /** The pattern's parameters by name (diag(A), off(A,B), ..., a(A)): W entries and the gauge signs of a. */
  readonly entries: { readonly name: string; readonly value: Decimal }[];
  readonly loss: Decimal;
  /** Norm of the full gradient at the embedded point (d^2 + d or d^2 coordinates). */
  readonly gradientNorm: Decimal;
  readonly spectrum: ComponentSpectrum[];
  /** Points in its orbit under S_d x S_d (rows and columns permuted separately). */
  readonly orbitSize: bigint;
  /** The declared family (derivations/) it lies on, else for a minimum the template instance ("a.p7"), if any. */
  readonly family?: string;
}

/**
 * Newton on grad_W L_P = 0 from a float64 critical point (the search's Newton leaves it within about
 * 1e-11) by the chord method: every step solves, in float64, with the float64 Hessian by hand at the start
 * (restrictedHessianFloat64, docs/patterns.md §6), gaining about as many digits as that Hessian has, and
 * takes only the gradient in BigFloat, in reverse mode (lossGradient: a few evaluations of L_P), where
 * newtonCriticalPoint takes a Hessian by second-order jets in BigFloat per step. Same equations, weights and
 * tolerance. It must converge in CHORD_STEPS steps without a new Hessian, as it does at every well-conditioned
 * point; otherwise (a point near a dead row or on a critical set, docs/census.md §1) newtonCriticalPoint
 * decides, as before.
 */
function chordCriticalPoint(precision: PrecisionContext, P: Pattern, x64: readonly number[], d: number): PatternCriticalPoint {
  const F = precision.working(d);
  const N = precision.numeric(F.digits) as RealField<unknown>;
  const wrt = weightParams(P);
  const dN = N.fromInt(d);
  const weights = paramWeights(N, P, dN);
  const weights64 = paramWeights(F64, P, d);
  const hessian64 = restrictedHessianFloat64(P, x64, d);
  const start = wrt.map((k) => wrt.map((l) => hessian64[k]![l]! / weights64[k]!));
  let factorised = false;
  const jacobian = (): number[][] => {
    if (factorised) throw new Error("the chord method made no progress");
    factorised = true;
    return start;
  };
  // The correction needs no more digits than the float64 Hessian has: solved in float64.
  const factor = (): LinearSolve<unknown> => (rhs) => solveLinear(F64, start, rhs.map((v) => N.toNumber(v))).map((v) => N.fromDecimalString(String(v)));
  const x = x64.map((v) => N.fromDecimalString(String(v)));
  const at = (y: readonly unknown[]): unknown[] => {
    const full = x.slice();
    wrt.forEach((k, i) => (full[k] = y[i]!));
    return full;
  };
  const tolerance = N.fromDecimalString(`1e-${Math.max(5, F.digits - precision.guardDigits(d))}`);
  const solution = newtonSolve(
    N,
    wrt.map((k) => x[k]!),
    (y) => {
      const { gradient } = lossGradient(N, P, at(y), dN, wrt);
      return { jacobian, residual: wrt.map((k, i) => N.div(gradient[i]!, weights[k]!)) };
    },
    { tolerance, maxSteps: CHORD_STEPS, chord: true, factor, what: `the chord method at d = ${d}` },
  );
  // One Newton step with the exact Hessian must confirm the point (it does not at a point near a dead row
  // or on a critical set, where float64 and BigFloat Hessians part).
  const point = at(solution.y);
  const exact = lossJet(N, P, point, dN, wrt);
  const step = solveLinear(N, exact.hessian!.map((row, i) => row.map((h) => N.div(h, weights[wrt[i]!]!))), wrt.map((k, i) => N.neg(N.div(exact.gradient[i]!, weights[k]!))));
  if (N.lt(tolerance, relativeStep(N, step, solution.y))) throw new Error("the exact Hessian does not confirm the chord method's point");
  const { value, gradient } = lossGradient(N, P, point, dN, P.params.map((_, k) => k));
  const back = (v: unknown): Decimal => F.from(N.toDecimal(v, F.digits));
  return { d: F.fromInt(d), x: point.map(back), loss: back(value), gradientNorm: back(fullGradientNorm(N, gradient, weights)), iterations: solution.steps };
}

const CHORD_STEPS = 4;

/** Newton to `digits` digits: the chord method, else newtonCriticalPoint; undefined when both fail. */
function criticalPoint(precision: PrecisionContext, P: Pattern, x: readonly number[], d: number): PatternCriticalPoint | undefined {
  try {
    return chordCriticalPoint(precision, P, x, d);
  } catch {
    const F = precision.working(d);
    try {
      return newtonCriticalPoint(F, precision, P, x.map((v) => F.fromDecimalString(String(v))), F.fromInt(d));
    } catch {
      return undefined;
    }
  }
}

/**
 * The Newton solves of one d already made, by type, float64 start and digits: Newton solves in W alone with
 * a at its signs, so a census of the other second layer at the same d takes them over (docs/census.md §1).
 */
export type RefineShare = Map<string, PatternCriticalPoint | undefined>;

/** Newton to `digits` digits, then everything a census point reports; undefined when Newton fails. */
export function refinePoint(sizes: number[], x: readonly number[], d: number, secondLayer: SecondLayer, digits: number, share?: RefineShare): RefinedPoint | undefined {
  const P = censusPattern(sizes);
  const key = JSON.stringify([sizes, x, d, digits]);
  const point = share?.has(key) ? share.get(key) : criticalPoint(precisionContext(digits), P, x, d);
  share?.set(key, point);
  if (point === undefined) return undefined;
  const x64 = point.x.map((v) => v.toNumber());
  const own = coarsen({ sizes, x: x64 }, 1e-12);
  // Newton ended at a point of larger isotropy: report it in the pattern of its own type.
  if (own.sizes.length < sizes.length) return refinePoint(own.sizes, own.x, d, secondLayer, digits, share);
  const spectrum = youngSpectrum(P, x64, d, secondLayer);
  const { index, zero, smallestEigenvalue, smallestComponent, minimum } = youngInertia(spectrum);
  const out = new DecimalField(digits);
  const entries = P.params.map((q, k) => ({ name: q.name, value: out.from(point.x[k]!) }));
  const family = familyOf(P, x64, sizes, d, secondLayer, minimum);
  const base = {
    sizes,
    entries,
    loss: out.from(point.loss),
    gradientNorm: out.from(point.gradientNorm),
    spectrum,
    index,
    zero,
    smallestEigenvalue,
    smallestComponent,
    minimum,
    orbitSize: orbitSize(sizes),
  };
  return family === undefined ? base : { ...base, family };
}

/**
 * The family of a point (docs/census.md §1, "Per point"): the declared family of a point of (d-p | p),
 * p <= 3 (identifyFamily, as for discover), else, for a two-class minimum, the template instance it lies on
 * (identifyInstance: "a.p7"), if any. Only the minima are matched with the instances: each instance is walked
 * from its seed (branchWalk.ts), and the saddles, many more, would multiply the walks.
 */
function familyOf(P: Pattern, x: readonly number[], sizes: readonly number[], d: number, secondLayer: SecondLayer, minimum: boolean): string | undefined {
  if (sizes.length > 2) return undefined;
  const params: Record<string, number> = {};
  P.params.forEach((q, k) => (params[q.alias ?? q.name] = x[k]!));
  const declared = (sizes[1] ?? 0) <= 3 ? declaredFamilyOf(params, sizes, d, secondLayer) : undefined;
  return declared ?? (minimum && sizes.length === 2 ? identifyInstance([sizes[0]!, sizes[1]!], params, d) : undefined);
}

/** The declared family of a point of (d-p | p), p <= 3 (identifyFamily, as for discover), if any. */
function declaredFamilyOf(params: Record<string, number>, sizes: readonly number[], d: number, secondLayer: SecondLayer): string | undefined {
  const signs = [params["y1"]!, ...(sizes.length > 1 ? [params["y2"]!] : [])].map((s) => (s > 0 ? "+" : "-"));
  return identifyFamily({ p: sizes[1] ?? 0, signs, params }, d, { secondLayer, widthOffset: 0 });
}

/** A refined point with its decimals as strings, to cross between threads. */
export type WirePoint = Omit<RefinedPoint, "entries" | "loss" | "gradientNorm"> & { entries: { name: string; value: string }[]; loss: string; gradientNorm: string };

export function toWire(p: RefinedPoint): WirePoint {
  return { ...p, entries: p.entries.map((e) => ({ name: e.name, value: e.value.toString() })), loss: p.loss.toString(), gradientNorm: p.gradientNorm.toString() };
}

/** The refined point back from its wire form, its decimals at `digits` digits. */
export function fromWire(p: WirePoint, digits: number): RefinedPoint {
  const F = new DecimalField(digits);
  return { ...p, entries: p.entries.map((e) => ({ name: e.name, value: F.fromDecimalString(e.value) })), loss: F.fromDecimalString(p.loss), gradientNorm: F.fromDecimalString(p.gradientNorm) };
}
