import type { StudentModel } from "../model/studentModel.js";
import { checkFamilyModel, defaultModel } from "../families/models.js";
import type { Decimal } from "decimal.js";
import type { FamilyDefinition } from "../families/definition.js";
import { dimensionAtNumber, dimensionFormula } from "../representations/dimension.js";
import { familySpectrum } from "../hessian/spectrum.js";
import { familyPattern } from "../families/critical.js";
import { locateCrossing } from "./locate.js";
import { blockSamples, findBrackets, scanBottom, scanFamily, scanGrid, SCAN_TOP, type BlockSample, type ScanSample } from "./scan.js";

/**
 * Every crossing of a family (docs/crossing.md): scan the block eigenvalues over (p + 2, top], then
 * locate each sign change by joint Newton on (x, d) at `digits` digits. The reported d keeps the digits
 * confirmed by a second solve at digits + 10.
 */

/** The negative part of the inertia on one side of a crossing. */
export interface SideInertia {
  /** Per component with negative block eigenvalues: how many, and the irreducible's dimension formula. */
  readonly negative: { readonly irrep: string; readonly count: number; readonly dimension: string }[];
  /**
   * The integer d on this side (floor or ceiling of the crossing) and the Hessian's index there: from
   * the block counts, except at d = p + 2, where it is that of the integer spectrum (lowIntegers).
   * Null when another crossing lies between this one and that integer.
   */
  readonly atInteger: { readonly d: number; readonly index: number } | null;
  /** "minimum" or "saddle (index ...)". */
  readonly text: string;
}

export interface Crossing {
  readonly d: string;
  readonly irrep: string;
  /** Multiplicity of the crossing eigenvalue in the full Hessian (dimension formula of the irreducible). */
  readonly multiplicity: string;
  readonly direction: "saddle to minimum" | "minimum to saddle" | "saddle to saddle";
  readonly from: SideInertia;
  readonly to: SideInertia;
  /** The scan bracket the solve started from (at its midpoint). */
  readonly bracket: readonly [string, string];
  /** Significant digits of d confirmed by the solve at digits + 10 (d is printed to these). */
  readonly confirmedDigits: number;
  /** Relative Newton step sizes of the solve at `digits` (3 significant digits each). */
  readonly steps: string[];
  /** At the solution: full gradient norm and |carrying eigenvalue| (3 significant digits). */
  readonly residual: { readonly gradient: string; readonly eigenvalue: string };
}

export interface FamilyCrossings {
  readonly family: string;
  readonly model: StudentModel;
  readonly range: { readonly min: string; readonly max: string };
  readonly scan: { readonly from: string; readonly to: string; readonly points: number; readonly digits: number };
  readonly digits: number;
  readonly crossings: Crossing[];
  /** The inertia at the bottom and the top of the scan, and the smallest eigenvalue at the top. */
  readonly bottom: SideInertia;
  readonly top: SideInertia & { readonly smallest: { readonly value: string; readonly irrep: string } };
  /**
   * The full Hessian's index at the integer below the real-d scan (d = p + 2 when in range), from the
   * spectrum at that integer (the real-d eigenvalues of the "b" families diverge as d -> p + 2).
   */
  readonly lowIntegers: { readonly d: number; readonly index: number }[];
  /** One line: how many crossings, or what holds throughout. */
  readonly summary: string;
}

/** Options of familyCrossings. */
export interface CrossingOptions {
  readonly digits: number;
  /** Grid points of the scan (default 40) and its top (default 1e4). */
  readonly points?: number;
  readonly top?: string;
  /** Digits of the scan (default 20). */
  readonly scanDigits?: number;
  readonly onProgress?: (text: string) => void;
  /** The model (default: trained second layer, k = d); the family must have been derived for it. */
  readonly model?: StudentModel;
}

/**
 * The inertia of one side from the block counts; `at` is the side's integer (undefined when another
 * crossing lies in between), `between` the crossing in between for the text.
 */
function sideInertia(blocks: readonly BlockSample[], at: number | undefined, integerIndex: ReadonlyMap<number, number>, between?: string): SideInertia {
  const negative = blocks.filter((b) => b.negative > 0).map((b) => ({ irrep: b.component.name, count: b.negative, dimension: dimensionFormula(b.component.dimension) }));
  const formula = negative.map((n) => `${n.count === 1 ? "" : `${n.count}*`}${n.dimension.includes("d") && n.count !== 1 ? `(${n.dimension})` : n.dimension} from ${n.irrep}`).join(" + ");
  if (at === undefined) {
    const where = `no integer d before the crossing at ${between}`;
    return { negative, atInteger: null, text: negative.length === 0 ? `minimum (${where})` : `saddle (index ${formula}; ${where})` };
  }
  let index = 0;
  for (const b of blocks) if (b.negative > 0) index += b.negative * Math.max(0, dimensionAtNumber(b.component.dimension, at));
  // At d = p + 2 the integer spectrum decides: one [n-1,1] eigenvalue has no counterpart there (docs/crossing.md §4).
  const integer = integerIndex.get(at);
  const where = integer === undefined || integer === index ? `${index} at d = ${at}` : `${integer} at d = ${at} by the integer spectrum, where one [n-1,1] copy drops out`;
  const text = negative.length === 0 ? (integer === undefined || integer === 0 ? "minimum" : `minimum for real d; ${where}`) : `saddle (index ${formula}; ${where})`;
  return { negative, atInteger: { d: at, index: integer ?? index }, text };
}

function round(v: Decimal, digits: number): string {
  return v.toSignificantDigits(digits).toString();
}

/** familyCrossings by family definition and options: a deterministic result, read only, computed once per process. */
const crossingsMemo = new WeakMap<FamilyDefinition, Map<string, FamilyCrossings>>();

/**
 * The crossings of family f in its range, from a scan and a solve at `digits` digits. The result is kept for
 * the process (the bifurcation command and a library call after a command ask for the same), so progress is
 * reported only the first time.
 */
export function familyCrossings(f: FamilyDefinition, options: CrossingOptions): FamilyCrossings {
  const model = checkFamilyModel(f, options.model ?? defaultModel(f));
  const key = [options.digits, options.points ?? "", options.top ?? "", options.scanDigits ?? "", model.secondLayer, model.widthOffset].join("|");
  let byOptions = crossingsMemo.get(f);
  if (byOptions === undefined) crossingsMemo.set(f, (byOptions = new Map()));
  let result = byOptions.get(key);
  if (result === undefined) {
    result = computeCrossings(f, options, model);
    byOptions.set(key, result);
  }
  return result;
}

function computeCrossings(f: FamilyDefinition, options: CrossingOptions, model: StudentModel): FamilyCrossings {
  const digits = options.digits;
  const scanDigits = options.scanDigits ?? 20;
  const grid = scanGrid(f, options.top ?? SCAN_TOP, options.points ?? 40);
  const progress = { onSample: (s: ScanSample): void => options.onProgress?.(`scanning, d = ${round(s.d, 6)}`) };
  const samples = scanFamily(f, grid, scanDigits, progress, model.secondLayer, true);
  const brackets = findBrackets(samples);
  const located = brackets.map((b) => {
    options.onProgress?.(`solving ${b.component.name} in [${round(b.lo.d, 6)}, ${round(b.hi.d, 6)}]`);
    return { b, r: locateCrossing(f, b, digits) };
  });
  located.sort((u, v) => u.r.d.cmp(v.r.d));
  const lowIntegers: { d: number; index: number }[] = [];
  for (let d = Math.max(Number(f.range.min), familyPattern(f).minimumDimension()); d < scanBottom(f); d++) {
    options.onProgress?.(`spectrum at d = ${d}`);
    // The critical point there is continued from the bottom of the scan (0.001 away), not walked from the seed.
    lowIntegers.push({ d, index: familySpectrum(f, String(d), scanDigits, undefined, model, samples[0]!).inertia.negative.toNumber() });
  }
  const integerIndex = new Map(lowIntegers.map((l) => [l.d, l.index]));
  // The negative count of every block just above each crossing: start from the bottom of the scan and
  // apply the crossings in increasing d (two crossings may share a scan bracket). A component absent at
  // the bottom ([n-2,2], dimension <= 0 below p + 3) joins with its counts where it first appears.
  const state = new Map(samples[0]!.blocks.map((blk) => [blk.component.name, blk]));
  const join = (below: Decimal): void => {
    for (const s of samples) if (s.d.lte(below)) for (const blk of s.blocks) if (!state.has(blk.component.name)) state.set(blk.component.name, blk);
  };
  const crossings = located.map(({ b, r }, i): Crossing => {
    join(r.d);
    const below = Math.floor(r.d.toNumber());
    // The side integers, unless another crossing lies between (several crossings between two integers).
    const previous = located[i - 1]?.r.d;
    const next = located[i + 1]?.r.d;
    const fromFree = previous === undefined || previous.lt(below);
    const toFree = next === undefined || next.gt(below + 1);
    const from = sideInertia([...state.values()], fromFree ? below : undefined, integerIndex, previous === undefined ? undefined : round(previous, 8));
    const c = state.get(b.component.name)!;
    state.set(b.component.name, { ...c, negative: c.negative + b.negativeHi - b.negativeLo });
    const to = sideInertia([...state.values()], toFree ? below + 1 : undefined, integerIndex, next === undefined ? undefined : round(next, 8));
    const direction = from.negative.length > 0 && to.negative.length === 0 ? "saddle to minimum" : from.negative.length === 0 ? "minimum to saddle" : "saddle to saddle";
    return {
      d: round(r.d, r.confirmedDigits),
      irrep: b.component.name,
      multiplicity: dimensionFormula(b.component.dimension),
      direction,
      from,
      to,
      bracket: [round(b.lo.d, 6), round(b.hi.d, 6)],
      confirmedDigits: r.confirmedDigits,
      steps: r.steps.map((v) => v.toSignificantDigits(3).toString()),
      residual: { gradient: r.residual.gradient.toSignificantDigits(3).toString(), eigenvalue: r.residual.eigenvalue.toSignificantDigits(3).toString() },
    };
  });
  const first = samples[0]!;
  const last = samples[samples.length - 1]!;
  join(last.d);
  if (last.blocks.some((blk) => state.get(blk.component.name)?.negative !== blk.negative)) {
    throw new Error(`family ${f.name}: the located crossings do not account for the inertia at the top of the scan`);
  }
  const bottom = sideInertia(first.blocks, Math.floor(first.d.toNumber()), integerIndex);
  // The scan's values are float64 (blockSigns); the smallest one at the top is printed from the blocks at scanDigits.
  const topBlocks = blockSamples(f, last.x, last.d, scanDigits, model.secondLayer);
  let smallest = { value: topBlocks[0]!.values[0]!, irrep: topBlocks[0]!.component.name };
  for (const b of topBlocks) for (const v of b.values) if (v.abs().lt(smallest.value.abs())) smallest = { value: v, irrep: b.component.name };
  const top = { ...sideInertia(last.blocks, Math.round(last.d.toNumber()), integerIndex), smallest: { value: round(smallest.value, 6), irrep: smallest.irrep } };
  const span = `[${scanBottom(f)}, ${grid[grid.length - 1]}]`;
  const summary =
    crossings.length > 0
      ? `${crossings.length} crossing${crossings.length === 1 ? "" : "s"} in ${span}`
      : bottom.negative.length === 0
        ? `no crossing in ${span}: the Hessian is positive definite (gauge zeros aside) over the whole scan`
        : `no crossing in ${span}: ${bottom.text} throughout`;
  return {
    family: f.name,
    model,
    range: { min: f.range.min, max: f.range.max },
    scan: { from: scanBottom(f).toString(), to: grid[grid.length - 1]!, points: grid.length, digits: scanDigits },
    digits,
    crossings,
    bottom,
    top,
    lowIntegers,
    summary,
  };
}

