import type { Field } from "../numbers/field.js";
import type { StudentModel } from "../model/studentModel.js";
import type { IsotypicComponent } from "../representations/decomposition.js";
import type { Series } from "../series/series.js";

// The eigenvalue series of a family's Hessian blocks (docs/hessian.md, "Eigenvalue series"), exact
// (eigenSeries.ts) or fitted for a family with numeric coefficients (fittedEigenSeries.ts).

/** One eigenvalue of a block. */
export interface EigenvalueSeries {
  /** The eigenvalue, known to O(eps^(order+1)) (exactly zero for a gauge direction). */
  readonly series: Series<unknown>;
  /** The field of `series`: the family's field, or Decimal(60) when `exact` is false. */
  readonly field: Field<unknown>;
  /** True when every coefficient is exact in the family's field. */
  readonly exact: boolean;
  /** True for the exact zero of a gauge direction. */
  readonly gauge: boolean;
}

/** The eigenvalues of one component's block; each has multiplicity the irreducible's dimension. */
export interface ComponentEigenSeries {
  readonly component: IsotypicComponent;
  readonly dimensionFormula: string;
  /** Gauge zeros first, then by valuation and leading coefficient. */
  readonly eigenvalues: EigenvalueSeries[];
  /** Why the eigenvalues (or some of them) could not be resolved; they are then missing. */
  readonly unresolved?: string;
}

export interface FamilyEigenSeries {
  readonly family: string;
  /** The model: trained second layer (blocks on (W, a), with gauge zeros) or fixed (W alone). */
  readonly model: StudentModel;
  readonly field: Field<unknown>;
  readonly order: number;
  /** The order to which the family series was derived to reach `order` in the eigenvalues (the fitted degree for a numeric family). */
  readonly familyOrder: number;
  /** For a numeric family, how the eigenvalues were fitted (fittedEigenSeries.ts; docs/hessian.md). */
  readonly fitted?: string;
  readonly components: ComponentEigenSeries[];
}
