import type { Decimal } from "decimal.js";
import { illinoisZero } from "../linalg/illinois.js";
import { followBranch64, type BranchSystem64, type StepRule64 } from "../linalg/branch64.js";
import { walkSystem } from "../families/branchWalk.js";
import { weightParams } from "../patterns/derivatives.js";
import { BranchEnd, continueBranch } from "../families/continuation.js";
import { familyPattern, seedParams } from "../families/critical.js";
import type { FamilyDefinition } from "../families/definition.js";
import { checkFamilyModel, defaultModel } from "../families/models.js";
import { fromDecimal, newtonCriticalPoint } from "../families/newton.js";
import { NewtonError } from "../linalg/newton.js";
import type { Pattern } from "../patterns/pattern.js";
import { precisionContext, type PrecisionContext } from "../families/precision.js";
import { youngBlockEigenvalues, youngBlocks } from "../hessian/youngBlocks.js";
import type { StudentModel } from "../model/studentModel.js";
import { DecimalField } from "../numbers/decimalField.js";
import type { RealField } from "../numbers/field.js";
import { F64 } from "../numbers/floatField.js";
import { youngIrrepDimension, type YoungComponent } from "../representations/youngDecomposition.js";
import { SCAN_TOP } from "./scan.js";

/**
 * The crossing of a template's instance between saddle and minimum (docs/census.md §7): d*(p), the real d
 * where the instance at p turns from a saddle into a minimum as d grows (or, for a branch that is a minimum
 * only at small d, from a minimum into a saddle). The Hessian is taken by the Young decomposition of
 * S_{d-p} x S_p (docs/census.md §2), whose blocks do not enumerate S_p, at real d (youngBlocks with a real d).
 * From the seed (or a start) the branch is walked by factors WALK_RATIO (WALK_UP_RATIO upwards) towards the
 * change (down from a minimum, up from a saddle, the other way first when `expect` says so, and the other
 * way if nothing changes) with float64 blocks, each step by the float64 predictor-corrector of the branch walks
 * (docs/families.md §12) and by the decimal continuation where that fails; the bracket is halved in log d until one block changes by
 * one eigenvalue and the bracket is a factor NARROW_RATIO wide; then that eigenvalue lambda(d) (at the
 * critical point at d, Newton in binary floats) is solved for lambda = 0 by the Illinois variant of regula
 * falsi at `digits` (plus guard digits): lambda has opposite signs at the two ends of its final bracket, so
 * d keeps the digits on which the ends agree.
 */

const WALK_RATIO = 1.1;
/** Upwards the branch changes more slowly in log d (and the walk may have to reach 1e4): longer steps. */
const WALK_UP_RATIO = 1.25;
const NARROW_RATIO = 1.02;
const WALK_DIGITS = 20;
/** A float64 walk step: the whole way at once, halved on a failure, given up below 1e-6 in log d (then the decimal continuation); the jump allowance of continueBranch. */
const WALK_STEP: StepRule64 = { grow: (h) => h, shortest: 1e-6, jumpAllowance: 1e-3 };

export interface TemplateCrossing {
  readonly family: string;
  readonly p: number;
  readonly model: StudentModel;
  /** The crossing d (to the confirmed digits) and the carrying Young component. */
  readonly d: string;
  readonly component: string;
  readonly confirmedDigits: number;
  /** As d grows: "saddle to minimum" (the a and b templates) or "minimum to saddle" (c). */
  readonly direction: "saddle to minimum" | "minimum to saddle";
  /** The bracket the solve started from (a saddle at one end, a minimum at the other). */
  readonly bracket: readonly [string, string];
  /** The Hessian's index at the integer next to d* on the saddle side (the saddle end's block counts, multiplicities at that integer). */
  readonly saddleSide: { readonly d: number; readonly index: number };
  /** Evaluations of lambda in the solve, and its final bracket (lambda < 0 at one end, > 0 at the other). */
  readonly evaluations: number;
  readonly finalBracket: readonly [string, string];
  /** The critical point at the end of the solve's bracket that the walk came from (a start for the next p). */
  readonly near: { readonly d: Decimal; readonly x: readonly Decimal[] };
}

/** Options of templateCrossing. */
export interface TemplateCrossingOptions {
  readonly digits: number;
  readonly model?: StudentModel;
  /** Where the walk starts (a real d in the range; default the seed's d): a nearby guess saves steps. */
  readonly start?: string;
  /**
   * A critical point of the neighbouring instance (p - 1) near `start`: Newton at `start` from it replaces
   * the walk from the seed down to `start` (which is kept for when Newton fails).
   */
  readonly neighbour?: readonly Decimal[];
  /** The expected direction as d grows (default "saddle to minimum"): the walk goes towards that side first. */
  readonly expect?: "saddle to minimum" | "minimum to saddle";
  readonly onProgress?: (text: string) => void;
}

interface Sample {
  readonly d: Decimal;
  readonly x: Decimal[];
  /** Non-gauge eigenvalues per Young component (float64), by name. */
  readonly blocks: ReadonlyMap<string, number[]>;
}

/**
 * The integer whose Young generators serve every real d >= p + 4: the bulk has at least 4 indices there,
 * the generic case, and B keeps its p (docs/census.md §2: the generators depend on the sizes only through
 * which are 1, 2, 3 or larger). One integer per instance, so the exact generators are built once.
 */
function structureInteger(f: FamilyDefinition): number {
  return f.p + 4;
}

/** The non-gauge eigenvalues of every Young block at (x, d), d real, in the field N. */
function youngValues<T>(N: RealField<T>, f: FamilyDefinition, x: readonly T[], d: number, dValue: T, model: StudentModel, only?: string): Map<string, T[]> {
  const iso = familyPattern(f);
  const include = (c: YoungComponent): boolean => (only === undefined ? youngIrrepDimension(iso, c.irrep, d) > 0 : c.name === only);
  const blocks = youngBlocks(N, iso, x, structureInteger(f), model.secondLayer, dValue, include);
  return new Map(blocks.map((b) => [b.component.name, youngBlockEigenvalues(N, b).values]));
}

const negatives = (values: readonly number[]): number => values.filter((v) => v < 0).length;

export function templateCrossing(f: FamilyDefinition, options: TemplateCrossingOptions): TemplateCrossing {
  const model = checkFamilyModel(f, options.model ?? defaultModel(f));
  const walkPrecision = precisionContext(WALK_DIGITS);
  const P = familyPattern(f);
  const input = new DecimalField(walkPrecision.inputDigits);
  const lowest = f.p + 4;
  const top = Math.min(Number(f.range.max), Number(SCAN_TOP));
  const sample = (x: readonly Decimal[], d: Decimal): Sample => ({ d, x: [...x], blocks: youngValues(F64, f, x.map((v) => v.toNumber()), d.toNumber(), d.toNumber(), model) });
  const wrt = weightParams(P);
  let system: BranchSystem64 | undefined;
  const move = (from: Sample, d: number): Sample => {
    options.onProgress?.(`walking, d = ${d.toPrecision(6)}`);
    const to = input.fromDecimalString(d.toPrecision(15));
    // The step in float64 first; where it fails, the decimal continuation decides (and finds a fold).
    const x = from.x.map((v) => v.toNumber());
    system ??= walkSystem(P, x);
    const reached = followBranch64(system, wrt.map((k) => x[k]!), from.d.toNumber(), to.toNumber(), WALK_STEP);
    if (!reached.reached) return sample(continueBranch(P, from.x, from.d, to, { precision: walkPrecision }).x, to);
    wrt.forEach((k, i) => (x[k] = reached.y[i]!));
    return sample(x.map((v) => input.from(v)), to);
  };
  const isMinimum = (s: Sample): boolean => [...s.blocks.values()].every((v) => negatives(v) === 0);
  const seedD = input.fromDecimalString(f.seed.d);
  let here = fromNeighbour(options, walkPrecision, P, input, sample) ?? sample(newtonCriticalPoint(walkPrecision.working(seedD), walkPrecision, P, seedParams(f, input), seedD).x, seedD);
  // To the start in steps of at most WALK_RATIO: one long continuation can land on another branch at large p.
  if (options.start !== undefined) {
    const target = Number(options.start);
    while (here.d.toNumber() !== target) {
      const d = here.d.toNumber();
      here = move(here, target < d ? Math.max(target, d / WALK_RATIO) : Math.min(target, d * WALK_RATIO));
    }
  }
  // Walk by WALK_RATIO until the minimum property changes: [the sample walked from, the first changed one],
  // or why not (the bound of the walk, or the end of the branch in a fold).
  const walk = (from: Sample, down: boolean): [Sample, Sample] | string => {
    let at = from;
    for (;;) {
      const d = down ? Math.max(lowest, at.d.toNumber() / WALK_RATIO) : Math.min(top, at.d.toNumber() * WALK_UP_RATIO);
      if (d === at.d.toNumber()) return `${isMinimum(from) ? "a minimum" : "a saddle"} from d = ${from.d.toSignificantDigits(6)} ${down ? "down" : "up"} to ${d}`;
      let next: Sample;
      try {
        next = move(at, d);
      } catch (e) {
        if (e instanceof BranchEnd) return `${isMinimum(from) ? "a minimum" : "a saddle"} from d = ${from.d.toSignificantDigits(6)} to where ${e.message}`;
        throw e;
      }
      if (isMinimum(next) !== isMinimum(from)) return [at, next];
      at = next;
    }
  };
  // Expected: a saddle below d* (or above it, for a branch like c: options.expect); walk towards it first.
  const saddleAbove = options.expect === "minimum to saddle";
  const down = isMinimum(here) !== saddleAbove;
  const first = walk(here, down);
  const found = typeof first !== "string" ? first : walk(here, !down);
  if (typeof found === "string") {
    throw new RangeError(`template instance ${f.name} (${model.secondLayer} second layer): no change between minimum and saddle: ${first}; ${found}`);
  }
  const trustedIsLow = found[0].d.lt(found[1].d);
  let [lo, hi] = found[0].d.lt(found[1].d) ? found : [found[1], found[0]];
  const changing = (): string[] => [...lo.blocks.keys()].filter((c) => negatives(lo.blocks.get(c)!) !== negatives(hi.blocks.get(c) ?? []));
  const changeByOne = (): boolean => changing().length === 1 && Math.abs(negatives(lo.blocks.get(changing()[0]!)!) - negatives(hi.blocks.get(changing()[0]!)!)) === 1;
  while (!changeByOne() || hi.d.div(lo.d).toNumber() > NARROW_RATIO) {
    // From the end the walk came from (continued from the seed step by step), never from the other one.
    const mid = move(trustedIsLow ? lo : hi, Math.sqrt(lo.d.toNumber() * hi.d.toNumber()));
    if (isMinimum(mid) === isMinimum(hi)) hi = mid;
    else lo = mid;
  }
  const component = changing()[0]!;
  if (component === "[n]") {
    // [n] is the Hessian of the restricted loss: its eigenvalue through zero is a fold of the branch, unless
    // the continuation jumped to another branch between the two samples.
    throw new RangeError(`template instance ${f.name}: the [n] block (the restricted Hessian) changes sign in [${lo.d.toSignificantDigits(6)}, ${hi.d.toSignificantDigits(6)}]: a fold of the branch or a jump of the continuation, not a crossing along it`);
  }
  const j = Math.min(negatives(lo.blocks.get(component)!), negatives(hi.blocks.get(component)!));
  const saddle = isMinimum(hi) ? lo : hi;
  options.onProgress?.(`solving ${component} in [${lo.d.toSignificantDigits(6)}, ${hi.d.toSignificantDigits(6)}]`);
  const solved = solveLambda(f, model, component, j, lo, hi, precisionContext(options.digits));
  const confirmedDigits = Math.min(options.digits, agreed(solved.a, solved.b));
  if (confirmedDigits < options.digits - 3) throw new Error(`template instance ${f.name}: the final bracket [${solved.a}, ${solved.b}] gives ${confirmedDigits} digits only`);
  const side = saddle === lo ? Math.floor(solved.d.toNumber()) : Math.ceil(solved.d.toNumber());
  const iso = familyPattern(f);
  const index = youngBlocks(F64, iso, saddle.x.map((v) => v.toNumber()), structureInteger(f), model.secondLayer, saddle.d.toNumber())
    .reduce((s, b) => s + negatives(saddle.blocks.get(b.component.name) ?? []) * Math.max(0, youngIrrepDimension(iso, b.component.irrep, side)), 0);
  return {
    family: f.name,
    p: f.p,
    model,
    d: solved.d.toSignificantDigits(confirmedDigits).toString(),
    component,
    confirmedDigits,
    bracket: [lo.d.toSignificantDigits(8).toString(), hi.d.toSignificantDigits(8).toString()],
    direction: saddle === lo ? "saddle to minimum" : "minimum to saddle",
    saddleSide: { d: side, index },
    evaluations: solved.evaluations,
    finalBracket: [solved.a.toSignificantDigits(confirmedDigits + 3).toString(), solved.b.toSignificantDigits(confirmedDigits + 3).toString()],
    near: trustedIsLow ? lo : hi,
  };
}

/**
 * The sample at options.start by Newton from options.neighbour, or undefined (none given, another number
 * of parameters as from p = 1 to 2, or Newton failed).
 */
function fromNeighbour(options: TemplateCrossingOptions, precision: PrecisionContext, P: Pattern, input: DecimalField, sample: (x: readonly Decimal[], d: Decimal) => Sample): Sample | undefined {
  if (options.start === undefined || options.neighbour === undefined || options.neighbour.length !== P.params.length) return undefined;
  const d = input.fromDecimalString(options.start);
  try {
    return sample(newtonCriticalPoint(precision.working(d), precision, P, options.neighbour.map((v) => input.from(v)), d).x, d);
  } catch (e) {
    if (e instanceof NewtonError) return undefined;
    throw e;
  }
}

/**
 * lambda_j(d) = 0 in [lo, hi] by Illinois regula falsi: lambda_j is the j-th non-gauge eigenvalue of the
 * component's block at the critical point at d (Newton from the last point, in binary floats at the
 * context's working digits), of opposite signs at lo and hi.
 */
function solveLambda(f: FamilyDefinition, model: StudentModel, component: string, j: number, lo: Sample, hi: Sample, precision: PrecisionContext): { d: Decimal; a: Decimal; b: Decimal; evaluations: number } {
  const P = familyPattern(f);
  const W = precision.working(hi.d);
  const N = precision.numeric(W.digits) as RealField<unknown>;
  let x = lo.x.map((v) => W.from(v));
  const lambda = (d: Decimal): Decimal => {
    const point = newtonCriticalPoint(W, precision, P, x, d);
    x = point.x;
    const values = youngValues(N, f, point.x.map((v) => fromDecimal(N, v)), d.toNumber(), fromDecimal(N, d), model, component).get(component)!;
    return W.from(N.toDecimal(values[j]!, W.digits));
  };
  const [a, b] = [W.from(lo.d), W.from(hi.d)];
  const ends = { lo: { x: a, g: lambda(a) }, hi: { x: b, g: lambda(b) } };
  const zero = illinoisZero(lambda, ends.lo, ends.hi, W.fromDecimalString(`1e-${precision.digits + 3}`));
  if (zero === undefined) throw new Error(`template instance ${f.name}: regula falsi on ${component} did not converge in 200 evaluations`);
  return { d: zero.x, a: zero.a, b: zero.b, evaluations: zero.evaluations };
}

/** The number of leading significant digits on which two positive numbers agree. */
function agreed(a: Decimal, b: Decimal): number {
  const diff = a.sub(b).abs();
  return diff.isZero() ? Infinity : Math.floor(-diff.div(b.abs()).log(10).toNumber());
}

/** One row of a template's table: the crossing at p, or why there is none (a fold, or no change in the range). */
export interface TemplateTableRow {
  readonly p: number;
  readonly crossing?: TemplateCrossing;
  readonly note?: string;
}

/**
 * d*(p) for the given p of one template (docs/census.md §7): each walk starts at the previous crossing
 * moved on by the slope of the last two (d*(p) grows smoothly with p), a few steps from the next one, and
 * walks first towards the side where the last one had its saddle. Where
 * the walk meets a fold or no change, the row says so (the RangeError's message).
 */
export function templateCrossingTable(
  instance: (p: number) => FamilyDefinition,
  ps: readonly number[],
  options: Omit<TemplateCrossingOptions, "start" | "expect">,
): TemplateTableRow[] {
  const out: TemplateTableRow[] = [];
  for (const p of ps) {
    const found = out.flatMap((r) => (r.crossing === undefined ? [] : [r.crossing]));
    const [last, before] = [found[found.length - 1], found[found.length - 2]];
    const slope = last === undefined || before === undefined ? 2 : (Number(last.d) - Number(before.d)) / (last.p - before.p);
    const guess = last === undefined ? undefined : Number(last.d) + slope * (p - last.p) + 0.5;
    const f = instance(p);
    const start = guess === undefined || guess < f.p + 4.5 ? undefined : guess.toPrecision(8);
    try {
      const expect = last === undefined ? {} : { expect: last.direction };
      const from = start === undefined ? {} : { start, ...(last === undefined || last.p !== p - 1 ? {} : { neighbour: last.near.x }) };
      out.push({ p, crossing: templateCrossing(f, { ...options, ...expect, ...from, onProgress: (t) => options.onProgress?.(`p = ${p}, ${t}`) }) });
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      out.push({ p, note: e.message });
    }
  }
  return out;
}
