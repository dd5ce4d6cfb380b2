import { join } from "node:path";
import type { FamilyDefinition } from "../families/definition.js";
import { familySpectrum } from "../hessian/spectrum.js";
import { familyEigenSeries } from "../eigenseries/eigenSeries.js";
import { deriveFamilySeries, type FamilySeries } from "../ift/familySeries.js";
import { verifyFamilySeries } from "../ift/verify.js";
import { familyCrossings } from "../crossing/crossing.js";
import { eigenSeriesDocument } from "../output/eigenSeriesDocument.js";
import { documentFiles } from "../output/documentFiles.js";
import { filesOfSeries } from "../output/seriesFiles.js";
import { DECIMAL_DIGITS } from "../output/seriesTables.js";
import { crossingJson } from "../output/crossingDocument.js";
import { spectrumJson } from "../output/spectrumDocument.js";
import type { ReproduceConfig } from "./config.js";
import { fullHessianCheck, type FullHessianCheck } from "./fullHessianCheck.js";

// One step of the reproduction for one family: the files it writes (paths relative to the output root)
// and what the summary needs from it.

type Files = Map<string, string>;
type Progress = (text: string) => void;

/** Slack of the fitted error slope over the asymptotic -(N+1)/2 (as in the series tests: d = 1e3 is not yet asymptotic). */
export const SLOPE_SLACK = 0.35;

export interface SeriesOutcome {
  readonly lossLimit: { readonly exact: string; readonly decimal: string };
  /** How the loss approaches its limit: the first nonzero term of positive order in eps, c d^power. */
  readonly lossApproach?: { readonly exact: string; readonly decimal: string; readonly dPower: string };
  /** The worst fitted error slope of the parameters and the loss against Newton, and the expected one. */
  readonly worstSlope: { readonly quantity: string; readonly slope: number };
  readonly expectedSlope: number;
  readonly passed: boolean;
}

/** The loss as d -> infinity: the series' constant term in eps (0 when the loss decays). */
export function lossLimit(s: FamilySeries<unknown>): { exact: string; decimal: string } {
  const F = s.field;
  if (!s.loss.isZero() && s.loss.val < 0) return { exact: "infinity", decimal: "infinity" };
  const c = s.loss.coeff(0);
  return { exact: F.exact ? F.toString(c) : "(numeric)", decimal: F.toDecimal(c, DECIMAL_DIGITS).toString() };
}

/** The first nonzero term c eps^k, k > 0, of the loss series, written as c d^(-k/2); none if all vanish to the precision. */
export function lossApproach(s: FamilySeries<unknown>): SeriesOutcome["lossApproach"] {
  const F = s.field;
  for (let k = Math.max(1, s.loss.val); k < s.loss.prec; k++) {
    const c = s.loss.coeff(k);
    if (F.isZero(c)) continue;
    return { exact: F.exact ? F.toString(c) : "(numeric)", decimal: F.toDecimal(c, DECIMAL_DIGITS).toString(), dPower: k % 2 === 0 ? `${-k / 2}` : `${-k}/2` };
  }
  return undefined;
}

function withApproach(a: SeriesOutcome["lossApproach"]): Pick<SeriesOutcome, "lossApproach"> {
  return a === undefined ? {} : { lossApproach: a };
}

/** (b) family and loss series at the configured order, verified against Newton at d = 1e3..1e6. */
export function seriesStep(f: FamilyDefinition, c: ReproduceConfig, progress: Progress): { files: Files; outcome: SeriesOutcome } {
  const s = deriveFamilySeries(f, c.seriesOrder, progress);
  const v = verifyFamilySeries(f, s, c.verifyDigits, progress);
  const worst = v.quantities.reduce((w, q) => (q.slope > w.slope ? { quantity: q.name, slope: q.slope } : w), { quantity: "", slope: -Infinity });
  return {
    files: filesOfSeries(s, "series"),
    outcome: { lossLimit: lossLimit(s), ...withApproach(lossApproach(s)), worstSlope: worst, expectedSlope: v.expectedSlope, passed: worst.slope < v.expectedSlope + SLOPE_SLACK },
  };
}

/** (c) spectra at the smallest integer of the range and the configured d, and the full-Hessian check. */
export function spectrumStep(f: FamilyDefinition, c: ReproduceConfig, progress: Progress): { files: Files; outcome: FullHessianCheck } {
  const ds = [String(Math.ceil(Number(f.range.min))), ...c.spectrumDs];
  const spectra = ds.map((d) => {
    progress(`d = ${d}`);
    return { d, s: familySpectrum(f, d, c.spectrumDigits) };
  });
  const atCheck = spectra.find((x) => Number(x.d) === c.fullHessianD);
  if (atCheck === undefined) throw new Error(`the full-Hessian check d = ${c.fullHessianD} is not among the spectra`);
  progress(`full Hessian at d = ${c.fullHessianD}`);
  const check = fullHessianCheck(f, atCheck.s, c.spectrumDigits);
  const json = { family: f.name, spectra: spectra.map((x) => spectrumJson(x.s, x.d)), fullHessianCheck: check };
  return { files: new Map([[join("series", `${f.name}.spectrum.json`), `${JSON.stringify(json, null, 2)}\n`]]), outcome: check };
}

/** (d) eigenvalue series at the configured order; unresolved components are reported. */
export function eigenStep(f: FamilyDefinition, c: ReproduceConfig, progress: Progress): { files: Files; outcome: string } {
  const order = c.eigenOrder;
  const r = familyEigenSeries(f, order, progress);
  const unresolved = r.components.filter((x) => x.unresolved !== undefined);
  const outcome = unresolved.length === 0 ? `order ${order}` : `order ${order}, unresolved: ${unresolved.map((x) => x.component.name).join(", ")}`;
  return { files: documentFiles(eigenSeriesDocument(r), join("series", `${f.name}.eigen`)), outcome };
}

/** (e) crossings, in the JSON of the crossing command; the saddle-to-minimum d are summarised. */
export function crossingStep(f: FamilyDefinition, c: ReproduceConfig, progress: Progress): { files: Files; outcome: string[] } {
  const r = familyCrossings(f, { digits: c.crossingDigits, onProgress: progress });
  const json = `${JSON.stringify(crossingJson(r), null, 2)}\n`;
  return {
    files: new Map([[join("series", `${f.name}.crossing.json`), json]]),
    outcome: r.crossings.filter((x) => x.direction === "saddle to minimum").map((x) => x.d),
  };
}
