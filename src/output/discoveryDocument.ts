import { modelJson } from "../model/studentModel.js";
import type { DiscoveredPoint, DiscoveryReport } from "../discovery/discover.js";
import { identifyFamily } from "../families/identify.js";

/** For each point of the report, the declared family of the report's model it lies on (null if none). */
export function familyNames(report: DiscoveryReport): (string | null)[] {
  const model = { secondLayer: report.secondLayer, widthOffset: report.widthOffset };
  return report.points.map((p) => identifyFamily(p, report.d, model) ?? null);
}

/**
 * x with `decimals` fractional digits, without a minus sign on a value that rounds to zero.
 */
export function fixed(x: number, decimals: number): string {
  const s = x.toFixed(decimals);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/**
 * Fractional digits justified for the parameters of a point: its distance to the exact critical point is
 * about |grad| / (smallest nonzero |eigenvalue|) (one Newton step), and float64 keeps about 15 digits.
 * Clamped to 4..12.
 */
function justifiedDecimals(p: DiscoveredPoint): number {
  const error = Math.max(p.gradientNorm / p.smallestNonzero, 1e-15);
  return Math.max(4, Math.min(12, Math.floor(-Math.log10(error)) - 1));
}

/** The JSON form of a report: numbers of the points as decimal strings, each point with its family (or null). */
export function discoveryJson(report: DiscoveryReport) {
  const names = familyNames(report);
  return {
    d: report.d,
    model: modelJson({ secondLayer: report.secondLayer, widthOffset: report.widthOffset }),
    runs: report.runs,
    seed: report.seed,
    init: report.init,
    tolerance: report.tolerances,
    notConverged: report.notConverged,
    failures: report.failures,
    points: report.points.map((p, i) => {
      const decimals = justifiedDecimals(p);
      return {
        family: names[i]!,
        p: p.p,
        ...(p.split === undefined ? {} : { split: p.split }),
        signs: p.signs,
        classSizes: p.classSizes,
        loss: fixed(p.loss, 12),
        negative: p.negative,
        zero: p.zero,
        positive: p.positive,
        count: p.count,
        foundBy: p.foundBy,
        params: Object.fromEntries(Object.entries(p.params).map(([k, v]) => [k, fixed(v, decimals)])),
        gradientNorm: p.gradientNorm.toExponential(2),
        smallestNonzeroEigenvalue: p.smallestNonzero.toExponential(3),
        isotropyDeviation: Number.isNaN(p.isotropyDeviation) ? null : p.isotropyDeviation.toExponential(1),
      };
    }),
  };
}

/** The JSON of `spurious discover --json`. */
export type DiscoveryJson = ReturnType<typeof discoveryJson>;
