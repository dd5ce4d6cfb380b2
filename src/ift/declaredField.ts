import type { Decimal } from "decimal.js";
import type { Field } from "../numbers/field.js";
import { DecimalField } from "../numbers/decimalField.js";
import { QPI, type QPi } from "../numbers/qpi.js";
import { parseQPi } from "../numbers/parseQPi.js";
import { QuadraticExtension, type Quadratic } from "../numbers/quadraticExtension.js";
import { solveLeadingSystemNumerically } from "./hensel.js";
import type { ScaledSystem } from "./scaledSystem.js";

/** Digits of the Decimal field used when a family's coefficients are numeric. */
export const NUMERIC_SERIES_DIGITS = 60;

/** The coefficient field a family's series is derived over, with how declared values are read. */
export interface DeclaredField<T> {
  readonly F: Field<T>;
  /** Read a declared known term or leading value. */
  read(text: string): T;
  /** Zero exactly (exact fields) or to the rounding of the working precision (Decimal). */
  isNegligible(t: T): boolean;
  /** Bring declared leading values to full precision (identity for exact fields). */
  polishLeading(sys: ScaledSystem<T>, leading: readonly T[]): readonly T[];
}

const EXTENSION = /^Q\(pi, sqrt\((\d+)\)\)$/;

/** Q(pi) adjoined sqrt(k), e.g. for family 3a, whose kernels meet sqrt(8). */
export function qpiExtension(k: number): QuadraticExtension<QPi> {
  return new QuadraticExtension(QPI, QPI.fromInt(k), `${k}`);
}

/**
 * The field named in a declaration: "Q(pi)", "Q(pi, sqrt(k))" (declared values are elements of Q(pi)
 * embedded in it) or "Decimal" (numeric, at NUMERIC_SERIES_DIGITS digits).
 */
export function declaredField(name: string): DeclaredField<unknown> {
  if (name === "Q(pi)") {
    const f: DeclaredField<QPi> = { F: QPI, read: parseQPi, isNegligible: (t) => QPI.isZero(t), polishLeading: (_, v) => v };
    return f as DeclaredField<unknown>;
  }
  const m = EXTENSION.exec(name);
  if (m !== null) {
    const E = qpiExtension(Number(m[1]));
    const f: DeclaredField<Quadratic<QPi>> = { F: E, read: (s) => E.embed(parseQPi(s)), isNegligible: (t) => E.isZero(t), polishLeading: (_, v) => v };
    return f as DeclaredField<unknown>;
  }
  if (name === "Decimal") {
    const D = new DecimalField(NUMERIC_SERIES_DIGITS);
    const tiny = D.fromDecimalString(`1e-${NUMERIC_SERIES_DIGITS - 15}`);
    const f: DeclaredField<Decimal> = {
      F: D,
      read: (s) => D.fromDecimalString(s),
      isNegligible: (t) => t.abs().lt(tiny),
      polishLeading: solveLeadingSystemNumerically,
    };
    return f as DeclaredField<unknown>;
  }
  throw new RangeError(`unknown series field '${name}' (allowed: Q(pi), Q(pi, sqrt(k)), Decimal)`);
}
