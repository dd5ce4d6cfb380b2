import type { SecondLayer } from "../model/studentModel.js";
import { F64 } from "../numbers/floatField.js";
import type { Pattern } from "../patterns/pattern.js";
import type { YoungComponent } from "../representations/youngDecomposition.js";
import { youngBlockEigenvalues, youngBlocks } from "./youngBlocks.js";

/**
 * The spectrum of the Hessian by the components of a Young subgroup, in float64, and what it says: index,
 * zero eigenvalues, smallest eigenvalue, minimum (docs/census.md §1, "Per point"). One rule for the census,
 * the template crossings' saddles and the comparison of the sweep with the templates.
 */

/** One block's eigenvalues (ascending, without gauge zeros) and its component. */
export interface ComponentSpectrum {
  readonly component: YoungComponent;
  readonly eigenvalues: number[];
}

/** The eigenvalues of every Young block at x (isotropy pattern P, integer d; `dValue` a real d, youngBlocks). */
export function youngSpectrum(P: Pattern, x: readonly number[], d: number, secondLayer: SecondLayer, dValue?: number): ComponentSpectrum[] {
  return youngBlocks(F64, P, x, d, secondLayer, dValue).map((block) => ({ component: block.component, eigenvalues: youngBlockEigenvalues(F64, block).values }));
}

/** Eigenvalues below this times max(1, max |eigenvalue|) in absolute value count as zero. */
const ZERO_TOLERANCE = 1e-9;

export interface YoungInertia {
  /** Negative eigenvalues of the full Hessian, with multiplicity. */
  readonly index: number;
  /** Non-gauge eigenvalues within the zero tolerance, with multiplicity (a degenerate point when > 0). */
  readonly zero: number;
  /** The least non-gauge eigenvalue and its component. */
  readonly smallestEigenvalue: number;
  readonly smallestComponent: string;
  /** Index 0 and no zero eigenvalue besides the gauge. */
  readonly minimum: boolean;
}

/** Index, zero count, smallest eigenvalue and minimum of a spectrum by component, each eigenvalue counted with its component's dimension. */
export function youngInertia(spectrum: readonly ComponentSpectrum[]): YoungInertia {
  let largest = 1;
  for (const c of spectrum) for (const v of c.eigenvalues) largest = Math.max(largest, Math.abs(v));
  const tolerance = ZERO_TOLERANCE * largest;
  let index = 0;
  let zero = 0;
  let smallest = { value: Number.POSITIVE_INFINITY, component: "" };
  for (const c of spectrum) {
    if (c.component.dimension === 0) continue;
    for (const v of c.eigenvalues) {
      if (v < -tolerance) index += c.component.dimension;
      else if (v <= tolerance) zero += c.component.dimension;
      if (v < smallest.value) smallest = { value: v, component: c.component.name };
    }
  }
  return { index, zero, smallestEigenvalue: smallest.value, smallestComponent: smallest.component, minimum: index === 0 && zero === 0 };
}
