import type { SecondLayer } from "../model/studentModel.js";
import type { Decimal } from "decimal.js";
import { familyBranchPoints, familyCriticalPoints, familyPattern } from "../families/critical.js";
import type { PatternCriticalPoint } from "../families/newton.js";
import type { FamilyDefinition } from "../families/definition.js";
import { precisionContext } from "../families/precision.js";
import { blockEigenvalues, realDimensionBlocks } from "../hessian/blocks.js";
import { F64 } from "../numbers/floatField.js";
import type { IsotypicComponent } from "../representations/decomposition.js";

/**
 * The scan of a family's block eigenvalues over d (docs/crossing.md, "scan"): on a log-spaced grid of
 * real d in (p + 2, top], the critical point is continued along the grid and each component's non-gauge
 * block eigenvalues are computed; a change in the number of negative eigenvalues of one block between
 * two neighbouring grid points is a bracket of a crossing.
 */

/** The non-gauge eigenvalues of one block at one d, ascending. */
export interface BlockSample {
  readonly component: IsotypicComponent;
  readonly values: Decimal[];
  /** Number of negative values. */
  readonly negative: number;
}

export interface ScanSample {
  readonly d: Decimal;
  /** The model's second layer, whose blocks these are. */
  readonly secondLayer: SecondLayer;
  /** The critical point (isotropy parameters) at d, and its loss. */
  readonly x: Decimal[];
  readonly loss: Decimal;
  readonly blocks: BlockSample[];
}

/** A sign change of one block's eigenvalue between neighbouring grid points. */
export interface Bracket {
  readonly component: IsotypicComponent;
  readonly lo: ScanSample;
  readonly hi: ScanSample;
  /** Negative counts of the block at lo and hi. */
  readonly negativeLo: number;
  readonly negativeHi: number;
  /** Position (ascending, non-gauge) of the eigenvalue that changes sign. */
  readonly index: number;
}

/** Default top of the scan: above it the eigenvalues follow their d^(-1/2) series (docs/crossing.md). */
export const SCAN_TOP = "1e4";

/**
 * The first real d of the scan: the blocks exist for every real d > p + 2 (realDimensionBlocks); at
 * d = p + 2 itself the "b" families reach a permutation of the global minimum and their block
 * eigenvalues diverge (docs/crossing.md §3).
 */
export function scanBottom(f: FamilyDefinition): number {
  return Math.max(Number(f.range.min), f.p + 2) + 0.001;
}

/**
 * `count` log-spaced d from the scan bottom to top (as decimal strings, 6 significant digits); a family
 * whose range ends below top (a bounded branch, docs/models.md §5.1) is scanned to the end of its range.
 */
export function scanGrid(f: FamilyDefinition, top: string = SCAN_TOP, count = 48): string[] {
  const end = Number(f.range.max) < Number(top) ? f.range.max : top;
  const lo = Math.log(scanBottom(f));
  const hi = Math.log(Number(end));
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const d = Math.exp(lo + ((hi - lo) * i) / (count - 1));
    out.push(i === 0 ? scanBottom(f).toString() : i === count - 1 ? end : Number(d.toPrecision(6)).toString());
  }
  return out;
}

/**
 * The non-gauge block eigenvalues of the family's critical point x at d, at `digits` digits (plus guard
 * digits) in binary floats (docs/families.md, "Arithmetic"), as decimal.js numbers.
 */
export function blockSamples(f: FamilyDefinition, x: readonly Decimal[], d: Decimal, digits: number, secondLayer: SecondLayer = "trained"): BlockSample[] {
  const precision = precisionContext(digits);
  const F = precision.working(d);
  const N = precision.numeric(F.digits);
  const toN = (v: Decimal): unknown => N.fromDecimalString(v.toString());
  return realDimensionBlocks(N, familyPattern(f), x.map(toN), toN(d), undefined, secondLayer).map((block) => {
    const c = blockEigenvalues(N, block);
    const gauge = new Set(c.gauge);
    const values = c.values.filter((_, j) => !gauge.has(j)).map((v) => F.from(N.toDecimal(v, F.digits)));
    return { component: block.component, values, negative: values.filter((v) => v.isNegative()).length };
  });
}

/**
 * Below this fraction of max(1, its block's largest |eigenvalue|), the sign of a float64 block
 * eigenvalue is in doubt. Over the scans of every family and both second layers (docs/crossing.md §3)
 * float64 agrees with 20 digits to 1.3e-12 of that scale, and no eigenvalue comes closer to zero than
 * 3.5e-5 of it: four orders of magnitude on either side.
 */
const FLOAT64_DOUBT = 1e-8;

/**
 * The blocks of blockSamples for their negative counts (the crossing scan): computed in float64, several
 * times faster than binary floats at `digits`, and taken when every non-gauge eigenvalue is clear of zero
 * (FLOAT64_DOUBT); otherwise blockSamples at `digits`. The values are those of float64, as decimal.js
 * numbers: for signs, not for printing.
 */
export function blockSigns(f: FamilyDefinition, x: readonly Decimal[], d: Decimal, digits: number, secondLayer: SecondLayer = "trained"): BlockSample[] {
  const W = precisionContext(digits).working(d);
  const blocks = realDimensionBlocks(F64, familyPattern(f), x.map((v) => v.toNumber()), d.toNumber(), undefined, secondLayer).map((block) => {
    const c = blockEigenvalues(F64, block);
    const gauge = new Set(c.gauge);
    return { component: block.component, values: c.values.filter((_, j) => !gauge.has(j)) };
  });
  const clear = blocks.every(({ values }) => {
    const scale = Math.max(1, ...values.map(Math.abs));
    return values.every((v) => Math.abs(v) > FLOAT64_DOUBT * scale);
  });
  if (!clear) return blockSamples(f, x, d, digits, secondLayer);
  return blocks.map(({ component, values }) => ({ component, values: values.map((v) => W.from(v)), negative: values.filter((v) => v < 0).length }));
}

/** What a walk reports as it goes (progress only; the samples are the same with or without). */
export interface WalkHooks {
  /** Each continuation step towards the next grid point. */
  readonly onContinue?: (d: Decimal) => void;
  /** At each grid point, before its blocks are computed. */
  readonly onBlocks?: (d: Decimal) => void;
  /** Each finished sample. */
  readonly onSample?: (s: ScanSample) => void;
}

/**
 * The one walk along a family, for the crossing scan and the plots: over `grid` (decimal strings, any
 * order; each a real d > p + 2 in the family's range) at `digits` digits, the critical point is continued
 * from the top down, the branch followed from the seed once and then step by step (familyCriticalPoints),
 * and at each d the loss and the non-gauge block eigenvalues (of the model's second layer) are kept, all in binary floats
 * (docs/families.md, "Arithmetic"). Samples ascending in d. Each point is confirmed by a second solve at
 * 10 more digits (familyCriticalPoints), unless the walk is `forSigns` (the crossing scan, whose negative
 * counts and bracket starts need neither that nor printable values): then the points are not confirmed
 * (familyBranchPoints) and the blocks are blockSigns.
 */
export function scanFamily(
  f: FamilyDefinition,
  grid: readonly string[],
  digits: number,
  hooks: WalkHooks = {},
  secondLayer: SecondLayer = "trained",
  forSigns = false,
): ScanSample[] {
  const descending = [...grid].sort((a, b) => Number(b) - Number(a));
  const points = walkPoints(f, descending, digits, forSigns, hooks.onContinue);
  const blocks = forSigns ? blockSigns : blockSamples;
  const samples = points.map((pt) => {
    hooks.onBlocks?.(pt.d);
    const s = { d: pt.d, secondLayer, x: pt.x, loss: pt.loss, blocks: blocks(f, pt.x, pt.d, digits, secondLayer) };
    hooks.onSample?.(s);
    return s;
  });
  return samples.reverse();
}

/** The points of a walk by family definition, grid, digits and kind, kept for the process. */
const walks = new WeakMap<FamilyDefinition, Map<string, readonly PatternCriticalPoint[]>>();

/**
 * The critical points of scanFamily's walk, computed once per process: they are the same for both second
 * layers (Euler's identity, docs/models.md §1), so the fixed model's scan and plot take the trained model's
 * (progress is reported the first time only).
 */
function walkPoints(f: FamilyDefinition, descending: readonly string[], digits: number, forSigns: boolean, onStep?: (d: Decimal) => void): readonly PatternCriticalPoint[] {
  const key = `${descending.join(",")}|${digits}|${forSigns}`;
  let byKey = walks.get(f);
  if (byKey === undefined) walks.set(f, (byKey = new Map()));
  let points = byKey.get(key);
  if (points === undefined) {
    points = forSigns ? familyBranchPoints(f, descending, digits, onStep) : familyCriticalPoints(f, descending, digits, onStep);
    byKey.set(key, points);
  }
  return points;
}

/**
 * Every bracket of the scan: neighbouring samples where a block's negative count differs. Components are
 * matched by name; one present on one side only ([n-2,2] appears at d = p + 3, where its dimension
 * vanishes) gives no bracket.
 */
export function findBrackets(samples: readonly ScanSample[]): Bracket[] {
  const out: Bracket[] = [];
  for (let i = 0; i + 1 < samples.length; i++) {
    const lo = samples[i]!;
    const hi = samples[i + 1]!;
    lo.blocks.forEach((b) => {
      const other = hi.blocks.find((o) => o.component.name === b.component.name);
      if (other === undefined || b.negative === other.negative) return;
      if (Math.abs(b.negative - other.negative) !== 1) {
        throw new Error(`component ${b.component.name}: ${b.negative} to ${other.negative} negative eigenvalues between d = ${lo.d.toString()} and ${hi.d.toString()}; refine the scan`);
      }
      out.push({ component: b.component, lo, hi, negativeLo: b.negative, negativeHi: other.negative, index: Math.min(b.negative, other.negative) });
    });
  }
  return out;
}
