import type { Decimal } from "decimal.js";
import type { FamilyDefinition } from "../families/definition.js";
import { dimensionAtNumber, dimensionFormula } from "../hessian/dimension.js";
import { familySpectrum } from "../hessian/spectrum.js";
import { locateCrossing } from "./locate.js";
import { findBrackets, scanBottom, scanFamily, scanGrid, SCAN_TOP, type BlockSample } from "./scan.js";

/**
 * Every crossing of a family (docs/crossing.md): scan the block eigenvalues over (p + 3, top], then
 * locate each sign change at `digits` digits. The reported d keeps digits - 5 significant digits.
 */

/** The negative part of the inertia on one side of a crossing. */
export interface SideInertia {
  /** Per component with negative block eigenvalues: how many, and the irreducible's dimension formula. */
  readonly negative: { readonly irrep: string; readonly count: number; readonly dimension: string }[];
  /** The integer d on this side (floor or ceiling of the crossing) and the Hessian's index there. */
  readonly atInteger: { readonly d: number; readonly index: number };
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
  /** The scan bracket the solve started from. */
  readonly bracket: readonly [string, string];
  /** The final bracket of the solve (opposite signs at its ends). */
  readonly finalBracket: readonly [string, string];
  readonly evaluations: number;
  /** |block eigenvalue| at d. */
  readonly residual: string;
}

export interface FamilyCrossings {
  readonly family: string;
  readonly range: { readonly min: string; readonly max: string };
  readonly scan: { readonly from: string; readonly to: string; readonly points: number; readonly digits: number };
  readonly digits: number;
  readonly crossings: Crossing[];
  /** The inertia at the bottom and the top of the scan, and the smallest eigenvalue at the top. */
  readonly bottom: SideInertia;
  readonly top: SideInertia & { readonly smallest: { readonly value: string; readonly irrep: string } };
  /**
   * The full Hessian's index at the integers below the real-d scan (max(range.min, p + 2) to p + 3, where
   * the blocks of non-integer d do not exist), from the spectrum at those integers.
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
}

function sideInertia(blocks: readonly BlockSample[], dInteger: number): SideInertia {
  const negative = blocks.filter((b) => b.negative > 0).map((b) => ({ irrep: b.component.name, count: b.negative, dimension: dimensionFormula(b.component.dimension) }));
  let index = 0;
  for (const b of blocks) if (b.negative > 0) index += b.negative * Math.max(0, dimensionAtNumber(b.component.dimension, dInteger));
  const formula = negative.map((n) => `${n.count === 1 ? "" : `${n.count}*`}${n.dimension.includes("d") && n.count !== 1 ? `(${n.dimension})` : n.dimension} from ${n.irrep}`).join(" + ");
  const text = negative.length === 0 ? "minimum" : `saddle (index ${formula}; ${index} at d = ${dInteger})`;
  return { negative, atInteger: { d: dInteger, index }, text };
}

function round(v: Decimal, digits: number): string {
  return v.toSignificantDigits(digits).toString();
}

/** The crossings of family f in its range, from a scan and a solve at `digits` digits. */
export function familyCrossings(f: FamilyDefinition, options: CrossingOptions): FamilyCrossings {
  const digits = options.digits;
  const scanDigits = options.scanDigits ?? 20;
  const grid = scanGrid(f, options.top ?? SCAN_TOP, options.points ?? 40);
  const samples = scanFamily(f, grid, scanDigits, (s) => options.onProgress?.(`scanning, d = ${round(s.d, 6)}`));
  const brackets = findBrackets(samples);
  const located = brackets.map((b) => {
    options.onProgress?.(`solving ${b.component.name} in [${round(b.lo.d, 6)}, ${round(b.hi.d, 6)}]`);
    return { b, r: locateCrossing(f, b, digits) };
  });
  located.sort((u, v) => u.r.d.cmp(v.r.d));
  // The negative count of every block just above each crossing: start from the bottom of the scan and
  // apply the crossings in increasing d (two crossings may share a scan bracket).
  const state = samples[0]!.blocks.map((blk) => ({ ...blk }));
  const crossings = located.map(({ b, r }): Crossing => {
    const below = Math.floor(r.d.toNumber());
    const from = sideInertia(state, below);
    const c = state.findIndex((blk) => blk.component.name === b.component.name);
    state[c] = { ...state[c]!, negative: state[c]!.negative + b.negativeHi - b.negativeLo };
    const to = sideInertia(state, below + 1);
    const direction = from.negative.length > 0 && to.negative.length === 0 ? "saddle to minimum" : from.negative.length === 0 ? "minimum to saddle" : "saddle to saddle";
    return {
      d: round(r.d, digits - 5),
      irrep: b.component.name,
      multiplicity: dimensionFormula(b.component.dimension),
      direction,
      from,
      to,
      bracket: [round(b.lo.d, 6), round(b.hi.d, 6)],
      finalBracket: [r.bracket[0].toString(), r.bracket[1].toString()],
      evaluations: r.evaluations,
      residual: r.residual.toSignificantDigits(3).toString(),
    };
  });
  const first = samples[0]!;
  const last = samples[samples.length - 1]!;
  if (state.some((blk, i) => blk.negative !== last.blocks[i]!.negative)) {
    throw new Error(`family ${f.name}: the located crossings do not account for the inertia at the top of the scan`);
  }
  const bottom = sideInertia(first.blocks, Math.floor(first.d.toNumber()));
  let smallest = { value: last.blocks[0]!.values[0]!, irrep: last.blocks[0]!.component.name };
  for (const b of last.blocks) for (const v of b.values) if (v.abs().lt(smallest.value.abs())) smallest = { value: v, irrep: b.component.name };
  const top = { ...sideInertia(last.blocks, Math.round(last.d.toNumber())), smallest: { value: round(smallest.value, 6), irrep: smallest.irrep } };
  const lowIntegers: { d: number; index: number }[] = [];
  for (let d = Math.max(Number(f.range.min), f.p + 2); d <= f.p + 3; d++) {
    options.onProgress?.(`spectrum at d = ${d}`);
    lowIntegers.push({ d, index: familySpectrum(f, String(d), scanDigits).inertia.negative.toNumber() });
  }
  const span = `[${scanBottom(f)}, ${grid[grid.length - 1]}]`;
  const atTop3 = lowIntegers.find((l) => l.d === f.p + 3);
  const lowNote =
    atTop3 === undefined || atTop3.index === bottom.atInteger.index
      ? ""
      : `; note: the index at d = ${atTop3.d} is ${atTop3.index}, not ${bottom.atInteger.index} as the bottom of the scan gives`;
  const summary =
    (crossings.length > 0
      ? `${crossings.length} crossing${crossings.length === 1 ? "" : "s"} in ${span}`
      : bottom.negative.length === 0
        ? `no crossing in ${span}: the Hessian is positive definite (gauge zeros aside) over the whole scan`
        : `no crossing in ${span}: ${bottom.text} throughout`) + lowNote;
  return {
    family: f.name,
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

