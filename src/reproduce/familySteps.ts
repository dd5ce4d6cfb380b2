import { join } from "node:path";
import type { FamilyDefinition } from "../families/definition.js";
import { familySpectrum } from "../hessian/spectrum.js";
import { familyEigenSeries, hasNumericSeries } from "../eigenseries/eigenSeries.js";
import { deriveFamilySeries, type FamilySeries } from "../ift/familySeries.js";
import { verifyFamilySeries } from "../ift/verify.js";
import { familyCrossings } from "../crossing/crossing.js";
import { eigenSeriesDocument } from "../output/eigenSeriesDocument.js";
import { documentFiles } from "../output/documentFiles.js";
import { filesOfSeries } from "../output/seriesFiles.js";
import { DECIMAL_DIGITS } from "../output/seriesTables.js";
import { crossingJson } from "../output/crossingDocument.js";
import { spectrumJson } from "../output/spectrumDocument.js";
import { defaultModel, familyModels } from "../families/models.js";
import { modelJson, type SecondLayer, type StudentModel } from "../model/studentModel.js";
import { bifurcationFileName, bifurcationPlotFileName, crossingFileName, eigenSeriesFileBase, spectrumFileName } from "../output/fileNames.js";
import { familyBifurcations } from "../bifurcation/bifurcation.js";
import { bifurcationJson } from "../output/bifurcationDocument.js";
import { plotBifurcation } from "../plots/plotFamily.js";
import { bifurcationTableRows, type BifurcationTableRow } from "./bifurcationTable.js";
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

/**
 * (b) family and loss series at the configured order, verified against Newton at d = 1e3..1e6; none for a
 * bounded family (no series declaration, docs/models.md §5.1).
 */
export function seriesStep(f: FamilyDefinition, c: ReproduceConfig, progress: Progress): { files: Files; outcome: SeriesOutcome | null } {
  if (f.series === undefined) return { files: new Map(), outcome: null };
  const s = deriveFamilySeries(f, c.seriesOrder, progress);
  const v = verifyFamilySeries(f, s, c.verifyDigits, progress);
  const worst = v.quantities.reduce((w, q) => (q.slope > w.slope ? { quantity: q.name, slope: q.slope } : w), { quantity: "", slope: -Infinity });
  return {
    files: filesOfSeries(s, defaultModel(f), "series"),
    outcome: { lossLimit: lossLimit(s), ...withApproach(lossApproach(s)), worstSlope: worst, expectedSlope: v.expectedSlope, passed: worst.slope < v.expectedSlope + SLOPE_SLACK },
  };
}

/** A result per second layer: the trained model's, and the fixed model's where the family has it (docs/models.md). */
export interface PerModel<T> {
  readonly trained: T;
  readonly fixed: T | null;
}

/** run(model) for each model of the family (trained first), with the files of all and the outcome per model. */
function perModel<T>(f: FamilyDefinition, run: (m: StudentModel) => { files: Files; outcome: T }): { files: Files; outcome: PerModel<T> } {
  const files: Files = new Map();
  const outcomes = new Map<SecondLayer, T>();
  for (const m of familyModels(f)) {
    const r = run(m);
    for (const [path, text] of r.files) files.set(path, text);
    outcomes.set(m.secondLayer, r.outcome);
  }
  return { files, outcome: { trained: outcomes.get("trained")!, fixed: outcomes.get("fixed") ?? null } };
}

/** (c) spectra at the smallest integer of the range and the configured d within it, and the full-Hessian check, per model. */
export function spectrumStep(f: FamilyDefinition, c: ReproduceConfig, progress: Progress): { files: Files; outcome: PerModel<FullHessianCheck> } {
  return perModel(f, (model) => {
    const ds = [String(Math.ceil(Number(f.range.min))), ...c.spectrumDs.filter((d) => Number(d) <= Number(f.range.max))];
    const spectra = ds.map((d) => {
      progress(`${model.secondLayer}, d = ${d}`);
      return { d, s: familySpectrum(f, d, c.spectrumDigits, undefined, model) };
    });
    const atCheck = spectra.find((x) => Number(x.d) === c.fullHessianD);
    if (atCheck === undefined) throw new Error(`the full-Hessian check d = ${c.fullHessianD} is not among the spectra`);
    progress(`${model.secondLayer}, full Hessian at d = ${c.fullHessianD}`);
    const check = fullHessianCheck(f, atCheck.s, c.spectrumDigits);
    const json = { family: f.name, model: modelJson(model), spectra: spectra.map((x) => spectrumJson(x.s, x.d)), fullHessianCheck: check };
    return { files: new Map([[join("series", spectrumFileName(f.name, model)), `${JSON.stringify(json, null, 2)}\n`]]), outcome: check };
  });
}

/** (d) eigenvalue series at the configured order, per model; unresolved components are reported. */
export function eigenStep(f: FamilyDefinition, c: ReproduceConfig, progress: Progress): { files: Files; outcome: string } {
  const order = c.eigenOrder;
  if (f.series === undefined) return { files: new Map(), outcome: "none: a bounded family, no series (docs/models.md §5.1)" };
  const r = perModel(f, (model) => {
    const e = familyEigenSeries(f, order, (what) => progress(`${model.secondLayer}, ${what}`), model);
    const unresolved = e.components.filter((x) => x.unresolved !== undefined).map((x) => `${x.component.name} (${model.secondLayer})`);
    return { files: documentFiles(eigenSeriesDocument(e), join("series", eigenSeriesFileBase(f.name, model))), outcome: unresolved };
  });
  const unresolved = [...r.outcome.trained, ...(r.outcome.fixed ?? [])];
  const how = hasNumericSeries(f) ? " (numeric, fitted)" : "";
  return { files: r.files, outcome: unresolved.length === 0 ? `order ${order}${how}` : `order ${order}${how}, unresolved: ${unresolved.join(", ")}` };
}

/** The outcome of the crossing step per model: the saddle-to-minimum d, and the lines of the bifurcation table. */
export interface CrossingOutcome {
  readonly toMinimum: string[];
  readonly bifurcations: BifurcationTableRow[];
}

/**
 * (e) crossings, in the JSON of the crossing command, and what bifurcates at them (the JSON of the
 * bifurcation command and its diagram, from the same crossings), per model.
 */
export async function crossingStep(f: FamilyDefinition, c: ReproduceConfig, progress: Progress): Promise<{ files: Files; outcome: PerModel<CrossingOutcome> }> {
  const files: Files = new Map();
  const outcomes = new Map<SecondLayer, CrossingOutcome>();
  for (const model of familyModels(f)) {
    const onProgress = (t: string): void => progress(`${model.secondLayer}, ${t}`);
    const r = familyCrossings(f, { digits: c.crossingDigits, model, onProgress });
    files.set(join("series", crossingFileName(f.name, model)), `${JSON.stringify(crossingJson(r), null, 2)}\n`);
    const axial = c.bifurcation.allAxial.includes(f.name) ? "all" : "kernel";
    const b = bifurcationJson(familyBifurcations(f, { digits: c.bifurcation.digits, top: c.bifurcation.top, axial, crossingDigits: c.crossingDigits, model, onProgress }));
    files.set(join("series", bifurcationFileName(f.name, model)), `${JSON.stringify(b, null, 2)}\n`);
    files.set(join("series", "plots", bifurcationPlotFileName(f.name, model)), await plotBifurcation(b));
    outcomes.set(model.secondLayer, { toMinimum: r.crossings.filter((x) => x.direction === "saddle to minimum").map((x) => x.d), bifurcations: bifurcationTableRows(b) });
  }
  return { files, outcome: { trained: outcomes.get("trained")!, fixed: outcomes.get("fixed") ?? null } };
}
