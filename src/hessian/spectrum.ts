import type { Decimal } from "decimal.js";
import { familyCriticalPoint, familyPattern, type KnownPoint } from "../families/critical.js";
import type { Pattern } from "../patterns/pattern.js";
import type { FamilyDefinition } from "../families/definition.js";
import { precisionContext, type Arithmetic } from "../families/precision.js";
import type { SecondLayer, StudentModel } from "../model/studentModel.js";
import { checkFamilyModel, defaultModel } from "../families/models.js";
import { DecimalField } from "../numbers/decimalField.js";
import type { RealField } from "../numbers/field.js";
import { blockEigenvalues, checkBlockDimension, realDimensionBlocks } from "./blocks.js";
import { isotypicDecomposition, type IsotypicComponent } from "../representations/decomposition.js";
import { dimensionAtDecimal } from "../representations/dimension.js";

/**
 * The Hessian spectrum of a family at real d by isotypic component (docs/hessian.md, "spectrum"), in
 * Decimal: the blocks are computed twice, at digits + guard and at 10 more digits, and each eigenvalue
 * keeps the significant digits on which the two agree (docs/families.md §4, cancellation at large d).
 */

/** The eigenvalues of one component's block. */
export interface ComponentSpectrum {
  readonly component: IsotypicComponent;
  /** The dimension of the irreducible at d: the multiplicity of each eigenvalue in the full Hessian. */
  readonly dimension: Decimal;
  /** Ascending; the gauge zeros are exact zeros. */
  readonly eigenvalues: Decimal[];
  /** Significant digits of each eigenvalue confirmed by the second computation (gauge zeros: all). */
  readonly agreedDigits: number[];
  /** Positions of the gauge zeros in `eigenvalues`. */
  readonly gauge: number[];
  /** How far the gauge directions are from the kernel (relative; about 10^-digits at a critical point). */
  readonly gaugeResidual: Decimal;
}

export interface FamilySpectrum {
  readonly family: string;
  /** The model: trained second layer (the Hessian on (W, a), with d gauge zeros) or fixed (on W alone). */
  readonly model: StudentModel;
  readonly p: number;
  /** The family's split of its special indices, when declared (docs/patterns.md §2.4). */
  readonly split?: readonly [number, number];
  readonly d: Decimal;
  readonly digits: number;
  readonly components: ComponentSpectrum[];
  /** The generic components absent at this d, each with its dimension here (<= 0). */
  readonly omitted: { readonly component: IsotypicComponent; readonly dimension: Decimal }[];
  /** Eigenvalue counts with multiplicity (polynomials in d evaluated at d; integers at integer d). */
  readonly inertia: { readonly negative: Decimal; readonly zero: Decimal; readonly positive: Decimal };
  /** Of which gauge zeros (d of them). */
  readonly gaugeZeros: Decimal;
  /** The non-gauge eigenvalue of least absolute value, and its component. */
  readonly smallestNonzero?: { readonly value: Decimal; readonly component: string };
  /** The least number of significant digits confirmed over the critical point and the eigenvalues. */
  readonly confirmedDigits: number;
}

/**
 * Each block's eigenvalues at the point x (isotropy parameters) at the digits of F, computed in
 * `arithmetic` (binary floats by default, docs/families.md "Arithmetic") and returned in F's context.
 */
export function componentEigenvalues(
  F: DecimalField,
  iso: Pattern,
  x: readonly Decimal[],
  d: Decimal,
  arithmetic: Arithmetic = "binary",
  secondLayer: SecondLayer = "trained",
): { component: IsotypicComponent; values: Decimal[]; gauge: number[]; gaugeResidual: Decimal }[] {
  if (arithmetic === "decimal") return eigenvaluesIn(F, iso, x.map((v) => F.from(v)), F.from(d), secondLayer);
  const N = precisionContext(F.digits, arithmetic).numeric(F.digits);
  const back = (v: unknown): Decimal => F.from(N.toDecimal(v, F.digits));
  const fromDecimal = (v: Decimal): unknown => N.fromDecimalString(v.toString());
  return eigenvaluesIn(N, iso, x.map(fromDecimal), fromDecimal(d), secondLayer).map((c) => ({ ...c, values: c.values.map(back), gaugeResidual: back(c.gaugeResidual) }));
}

function eigenvaluesIn<T>(F: RealField<T>, iso: Pattern, x: readonly T[], d: T, secondLayer: SecondLayer): { component: IsotypicComponent; values: T[]; gauge: number[]; gaugeResidual: T }[] {
  return realDimensionBlocks(F, iso, x, d, undefined, secondLayer).map((block) => ({ component: block.component, ...blockEigenvalues(F, block) }));
}

/** Leading significant digits on which a and b agree, relative to |b| (cap when equal). */
function agreement(a: Decimal, b: Decimal, cap: number): number {
  const diff = a.sub(b).abs();
  if (diff.isZero()) return cap;
  if (b.isZero()) return 0;
  return Math.max(0, Math.min(cap, Math.floor(-diff.div(b.abs()).log(10).toNumber())));
}

/**
 * The spectrum of family f at d (decimal string) to `digits` significant digits. Throws RangeError for a
 * d outside the family's range or where the blocks do not exist (checkBlockDimension). For a non-integer
 * d in (p + 2, p + 3) the component [n-2,2], of negative dimension there, is left out (realDimensionBlocks).
 * The critical point is walked to from `start` when given (a known point of the branch), else from the seed.
 */
export function familySpectrum(
  f: FamilyDefinition,
  d: string,
  digits: number,
  onStep?: (d: Decimal) => void,
  model: StudentModel = defaultModel(f),
  start?: KnownPoint,
): FamilySpectrum {
  const { secondLayer } = checkFamilyModel(f, model);
  const precision = precisionContext(digits);
  const out = new DecimalField(precision.inputDigits);
  const probe = out.fromDecimalString(d);
  checkBlockDimension(familyPattern(f), probe.toNumber(), d);
  const point = familyCriticalPoint(f, d, digits, onStep, undefined, start);
  const first = componentEigenvalues(precision.working(probe), familyPattern(f), point.x, point.d, undefined, secondLayer);
  const second = componentEigenvalues(precision.confirming().working(probe), familyPattern(f), point.x, point.d, undefined, secondLayer);
  const dValue = out.from(point.d);
  let confirmed = Math.min(digits, point.confirmedDigits);
  let negative = out.zero();
  let zero = out.zero();
  let positive = out.zero();
  let gaugeZeros = out.zero();
  let smallest: { value: Decimal; component: string } | undefined;
  const components = second.map((c, i) => {
    const dimension = dimensionAtDecimal(out, c.component.dimension, dValue);
    const agreed = c.values.map((v, j) => (c.gauge.includes(j) ? digits : agreement(first[i]!.values[j]!, v, digits)));
    const gaugeSet = new Set(c.gauge);
    c.values.forEach((v, j) => {
      if (gaugeSet.has(j)) {
        zero = out.add(zero, dimension);
        gaugeZeros = out.add(gaugeZeros, dimension);
        return;
      }
      confirmed = Math.min(confirmed, agreed[j]!);
      // No confirmed digit: the sign is not determined at this precision, so it counts as zero.
      if (agreed[j]! === 0 || v.isZero()) zero = out.add(zero, dimension);
      else if (v.isNegative()) negative = out.add(negative, dimension);
      else positive = out.add(positive, dimension);
      if (smallest === undefined || v.abs().lt(smallest.value.abs())) {
        smallest = { value: v.toSignificantDigits(Math.max(1, agreed[j]!)), component: c.component.name };
      }
    });
    const eigenvalues = c.values.map((v, j) => v.toSignificantDigits(Math.max(1, agreed[j]!)));
    return { component: c.component, dimension, eigenvalues, agreedDigits: agreed, gauge: c.gauge, gaugeResidual: c.gaugeResidual };
  });
  const base = {
    family: f.name,
    model,
    p: f.p,
    ...(f.split === undefined ? {} : { split: f.split }),
    d: point.d,
    digits,
    components,
    omitted: isotypicDecomposition(familyPattern(f), undefined, secondLayer)
      .filter((g) => !components.some((c) => c.component.name === g.name))
      .map((component) => ({ component, dimension: dimensionAtDecimal(out, component.dimension, dValue) })),
    inertia: { negative, zero, positive },
    gaugeZeros,
    confirmedDigits: confirmed,
  };
  return smallest === undefined ? base : { ...base, smallestNonzero: smallest };
}
