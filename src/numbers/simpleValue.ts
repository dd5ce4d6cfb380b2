import type { Decimal } from "decimal.js";
import Fraction from "fraction.js";
import { QPI, type QPi } from "./qpi.js";
import { decimalPi } from "./decimalContext.js";

/**
 * A candidate r * pi^j (r rational with denominator <= maxDenominator, j in {-1, 0, 1}) matching x to a
 * relative tolerance, from the continued fraction of x / pi^j. For values known to only ~10-15 digits,
 * where PSLQ (recognize.ts) has too little precision; a candidate only, confirmed exactly elsewhere.
 */
export function simpleQPiCandidate(x: Decimal, tolerance: number, maxDenominator = 1000): QPi | undefined {
  if (x.isZero()) return QPI.zero();
  const pi = decimalPi(40);
  for (const j of [0, -1, 1]) {
    const y = j === 0 ? x : j < 0 ? x.mul(pi) : x.div(pi);
    const r = new Fraction(y.toSignificantDigits(17).toString()).simplify(tolerance / 10);
    if (r.d > BigInt(maxDenominator)) continue;
    const candidate = QPI.mul(QPI.fromRational(r.s * r.n, r.d), QPI.piPower(j));
    const back = QPI.toDecimal(candidate, 40);
    if (back.sub(x).abs().lte(x.abs().mul(tolerance))) return candidate;
  }
  return undefined;
}
