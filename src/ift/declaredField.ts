import type { Decimal } from "decimal.js";
import type { FieldDeclaration } from "../families/definition.js";
import type { Field } from "../numbers/field.js";
import { BigFloatField, type BigFloat } from "../numbers/bigFloatField.js";
import { QPI, type QPi } from "../numbers/qpi.js";
import { parseQPi } from "../numbers/parseQPi.js";
import { recognizeQPi } from "../numbers/recognize.js";
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
  /** Zero exactly (exact fields) or to the rounding of the working precision (numeric). */
  isNegligible(t: T): boolean;
  /** Bring declared leading values to full precision (identity for exact fields). */
  polishLeading(sys: ScaledSystem<T>, leading: readonly T[]): readonly T[];
  /**
   * A candidate element of F near the decimal x, known to `digits` digits (exact fields over Q(pi):
   * p(pi)/q(pi) of degree <= CANDIDATE_DEGREE by PSLQ, docs/recognition.md), for the caller to confirm
   * exactly; absent for Decimal.
   */
  readonly candidate?: (x: Decimal, digits: number) => T | undefined;
}

/** The largest degree in pi of the candidates recognised for roots of the eigenvalue series. */
export const CANDIDATE_DEGREE = 6;

const qpiCandidate = (x: Decimal, digits: number): QPi | undefined => recognizeQPi(x, { digits, maxDegree: CANDIDATE_DEGREE })?.value;

/**
 * Q(pi) adjoined sqrt(k), e.g. for family 3a, whose kernels meet sqrt(8). Its base is the shared QPI
 * (declared values are read by parseQPi into QPI, and candidates recognised in QPI are embedded).
 */
export function qpiExtension(k: number): QuadraticExtension<QPi> {
  if (!Number.isInteger(k) || k <= 0) throw new RangeError(`the radicand of Q(pi, sqrt(k)) must be a positive integer, got ${k}`);
  return new QuadraticExtension(QPI, QPI.fromInt(k), `${k}`);
}

function exactField<T>(F: Field<T>, read: (s: string) => T, candidate: (x: Decimal, digits: number) => T | undefined): DeclaredField<unknown> {
  const f: DeclaredField<T> = { F, read, isNegligible: (t) => F.isZero(t), polishLeading: (_, v) => v, candidate };
  return f as DeclaredField<unknown>;
}

/** Numeric coefficients in binary big floats (correctly rounded, docs/numbers.md §6; three times faster than decimal.js). */
function numericField(): DeclaredField<unknown> {
  const B = new BigFloatField(NUMERIC_SERIES_DIGITS);
  const tiny = B.fromDecimalString(`1e-${NUMERIC_SERIES_DIGITS - 15}`);
  const f: DeclaredField<BigFloat> = {
    F: B,
    read: (s) => B.fromDecimalString(s),
    isNegligible: (t) => B.lt(B.abs(t), tiny),
    polishLeading: (sys, leading) => solveLeadingSystemNumerically(sys, leading, B, NUMERIC_SERIES_DIGITS),
  };
  return f as DeclaredField<unknown>;
}

/**
 * The field a declaration names (docs/series-derivation.md): Q(pi); Q(pi, sqrt(radicand)), in which
 * declared values are elements of Q(pi) embedded; or "Decimal" (numeric, in binary big floats of NUMERIC_SERIES_DIGITS digits).
 */
export function declaredField(decl: FieldDeclaration): DeclaredField<unknown> {
  switch (decl.kind) {
    case "Q(pi)":
      return exactField(QPI, parseQPi, qpiCandidate);
    case "quadratic": {
      const E = qpiExtension(decl.radicand);
      return exactField<Quadratic<QPi>>(
        E,
        (s) => E.embed(parseQPi(s)),
        (x, digits) => {
          const c = qpiCandidate(x, digits);
          return c === undefined ? undefined : E.embed(c);
        },
      );
    }
    case "Decimal":
      return numericField();
    default:
      throw new RangeError(`unknown series field declaration ${JSON.stringify(decl)} (allowed: { kind: "Q(pi)" }, { kind: "quadratic", radicand: k }, { kind: "Decimal" })`);
  }
}
