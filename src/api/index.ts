/**
 * The library API of spurious (`import { ... } from "spurious"`; docs/api.md). Each function returns plain
 * JSON data: exactly what the corresponding command prints with --json, built by the same document builders
 * of src/output/. Arguments are checked as on the command line (src/present/arguments.ts): bad ones throw a
 * RangeError naming the argument, the bad value and what is allowed, before anything is computed. The
 * computation modules load on the first call (dynamic import), so importing the library is cheap.
 */
import type { CheckResult } from "../check/checkTable.js";
import type { InitChoice } from "../discovery/discover.js";
import type { FamilyDefinition } from "../families/definition.js";
import type { FormulaDocument } from "../formula/restrictedFormula.js";
import { FAMILIES, findFamily } from "../families/registry.js";
import { COMMITTED_EIGEN_ORDER, COMMITTED_SERIES_ORDER } from "../output/committedOrders.js";
import type { CriticalJson } from "../output/criticalDocument.js";
import type { CrossingJson } from "../output/crossingDocument.js";
import type { TemplateCrossingJson } from "../output/templateCrossingDocument.js";
import type { DiscoveryJson } from "../output/discoveryDocument.js";
import type { EigenSeriesJson } from "../output/eigenSeriesDocument.js";
import type { FamilyRow } from "../output/familiesDocument.js";
import type { SeriesJson } from "../output/seriesDocument.js";
import type { SpectrumJson } from "../output/spectrumDocument.js";
import type { AnnihilationJson } from "../output/annihilationDocument.js";
import type { BifurcationJson } from "../output/bifurcationDocument.js";
import type { CensusJson } from "../output/censusDocument.js";
import type { SecondLayer, StudentModel } from "../model/studentModel.js";
import { annihilationFamily, dimensionArgument, integerArgument, LIMITS, modelArgument, realArgument, secondLayerArgument, symbolicTemplateArgument, widthArgument } from "../present/arguments.js";
import type { TemplateSeriesJson } from "../output/templateSeriesDocument.js";

export type { AnnihilationJson, BifurcationJson, CensusJson, CheckResult, CriticalJson, CrossingJson, DiscoveryJson, EigenSeriesJson, FamilyRow, FormulaDocument, InitChoice, SecondLayer, SeriesJson, SpectrumJson, TemplateCrossingJson, TemplateSeriesJson };
export { LIMITS };

/** Called with a short description of the current step of a long computation. */
export type Progress = (what: string) => void;

/** The family of this name (a RangeError listing the known names otherwise). */
function family(name: unknown): FamilyDefinition {
  if (typeof name !== "string") throw new RangeError(`family: give a family name (known families: ${FAMILIES.map((f) => f.name).join(", ")})`);
  return findFamily(name);
}

/** A template's instance at p (docs/families.md §11); RangeErrors naming p or the template otherwise. */
async function instance(name: unknown, p: unknown): Promise<FamilyDefinition> {
  if (typeof name !== "string") throw new RangeError("template: give a template name (a, b, c)");
  const value = integerArgument("p", p, { min: 1, max: 1000 });
  const { familyOrInstance } = await import("../families/templates.js");
  return familyOrInstance(name, value);
}

/** An optional integer argument: its default when absent. */
function integerOr(label: string, raw: unknown, range: { readonly min: number; readonly max: number }, fallback: number): number {
  return raw === undefined ? fallback : integerArgument(label, raw, range);
}

/**
 * The student model (docs/models.md): `secondLayer` "trained" (default) or "fixed", `width` "d" (default),
 * "d+H" or "d-H". The family must have been derived for it.
 */
export interface ModelOptions {
  secondLayer?: SecondLayer;
  width?: string;
}

/** The model of the options, checked against the family's models (a RangeError listing them otherwise). */
function modelOf(f: FamilyDefinition, options: ModelOptions): StudentModel {
  return modelArgument({ secondLayer: "secondLayer", width: "width" }, f, options.secondLayer, options.width);
}

/** The document as the command prints it: plain JSON data (no class instances, no undefined fields). */
function plain<T>(document: T): T {
  return JSON.parse(JSON.stringify(document)) as T;
}

/** Every family: isotropy, pattern, signs of a, range of d, multiplicity (= `spurious families --json`). */
export async function families(): Promise<FamilyRow[]> {
  const { familiesJson } = await import("../output/familiesDocument.js");
  return plain(familiesJson(FAMILIES));
}

/**
 * The critical point of a family at a real d in its range, to `digits` significant digits (10 to 1000,
 * default 40) (= `spurious critical <family> --d <d> --digits <digits> --json`). `d` is a number or a decimal
 * string, reported as given. With `p`, `name` is a template and the point is that of its instance at p
 * (= `spurious critical <template> --p <p> ...`; docs/families.md §11).
 */
export async function criticalPoint(name: string, d: number | string, options: { digits?: number; p?: number; onProgress?: Progress } & ModelOptions = {}): Promise<CriticalJson> {
  const f = options.p === undefined ? family(name) : await instance(name, options.p);
  const model = modelOf(f, options);
  const dd = dimensionArgument("d", d, f);
  const digits = integerOr("digits", options.digits, LIMITS.criticalDigits, 40);
  const { familyCriticalPoint } = await import("../families/critical.js");
  const { criticalJson } = await import("../output/criticalDocument.js");
  const point = familyCriticalPoint(f, dd, digits, (x) => options.onProgress?.(`continuing, d = ${x.toSignificantDigits(8).toString()}`));
  return plain(criticalJson(f, dd, digits, point, model));
}

/**
 * A family's parameters and loss as series in eps = d^(-1/2) to `order` (0 to 40, default 10), exact in
 * Q(pi) where they are (= `spurious series <family> --order <order> --json`).
 */
export async function series(name: string, options: { order?: number; onProgress?: Progress } & ModelOptions = {}): Promise<SeriesJson> {
  const f = family(name);
  const model = modelOf(f, options);
  const order = integerOr("order", options.order, LIMITS.seriesOrder, COMMITTED_SERIES_ORDER);
  const { deriveFamilySeries } = await import("../ift/familySeries.js");
  const { seriesJson } = await import("../output/seriesDocument.js");
  return plain(seriesJson(deriveFamilySeries(f, order, (what) => options.onProgress?.(what)), model));
}

/**
 * A template's parameters and loss as series in eps = d^(-1/2) to `order` (0 to 12, default 10) with
 * coefficients exact functions of p, in Q(pi, p) or Q(pi, p, sqrt(p)), each compared exactly with the
 * committed fixed-p series at p = 1..10 (= `spurious series <template> --p symbolic --order <order> --json`;
 * docs/census.md §7).
 */
export async function templateSeries(name: string, options: { order?: number; onProgress?: Progress } = {}): Promise<TemplateSeriesJson> {
  const template = symbolicTemplateArgument("template", name);
  const order = integerOr("order", options.order, LIMITS.templateSeriesOrder, COMMITTED_SERIES_ORDER);
  const { templateSeriesAgainstCommitted } = await import("../present/templateSeries.js");
  return plain(templateSeriesAgainstCommitted(template, order, (what) => options.onProgress?.(what)).json);
}

/**
 * The Hessian eigenvalues of a family at a real d by isotypic component, with multiplicities and inertia, to
 * `digits` digits (10 to 1000, default 40) (= `spurious spectrum <family> --d <d> --digits <digits> --json`).
 */
export async function spectrum(name: string, d: number | string, options: { digits?: number; onProgress?: Progress } & ModelOptions = {}): Promise<SpectrumJson> {
  const f = family(name);
  const model = modelOf(f, options);
  const dd = dimensionArgument("d", d, f);
  const digits = integerOr("digits", options.digits, LIMITS.spectrumDigits, 40);
  const { familySpectrum } = await import("../hessian/spectrum.js");
  const { spectrumJson } = await import("../output/spectrumDocument.js");
  const s = familySpectrum(f, dd, digits, (x) => options.onProgress?.(`continuing, d = ${x.toSignificantDigits(8).toString()}`), model);
  return plain(spectrumJson(s, dd));
}

/**
 * The eigenvalues of a family's Hessian blocks as series in eps to `order` (0 to 20, default 4)
 * (= `spurious eigen-series <family> --order <order> --json`).
 */
export async function eigenSeries(name: string, options: { order?: number; onProgress?: Progress } & ModelOptions = {}): Promise<EigenSeriesJson> {
  const f = family(name);
  const model = modelOf(f, options);
  const order = integerOr("order", options.order, LIMITS.eigenOrder, COMMITTED_EIGEN_ORDER);
  const { familyEigenSeries } = await import("../eigenseries/eigenSeries.js");
  const { eigenSeriesJson } = await import("../output/eigenSeriesDocument.js");
  return plain(eigenSeriesJson(familyEigenSeries(f, order, (what) => options.onProgress?.(what), model)));
}

/**
 * Every real d in a family's range where the Hessian changes inertia, located by a joint Newton solve at
 * `digits` digits (15 to 200, default 40) (= `spurious crossing <family> --digits <digits> --json`).
 */
export async function crossings(name: string, options: { digits?: number; onProgress?: Progress } & ModelOptions = {}): Promise<CrossingJson> {
  const f = family(name);
  const model = modelOf(f, options);
  const digits = integerOr("digits", options.digits, LIMITS.crossingDigits, 40);
  const { familyCrossings } = await import("../crossing/crossing.js");
  const { crossingJson } = await import("../output/crossingDocument.js");
  return plain(crossingJson(familyCrossings(f, { digits, model, onProgress: (what) => options.onProgress?.(what) })));
}

/**
 * The crossing d*(p) of a template's instance at p between saddle and minimum, to `digits` digits (15 to
 * 200, default 40) (= `spurious crossing <template> --p <p> --digits <digits> --json`; docs/census.md §7).
 */
export async function templateCrossing(name: string, p: number, options: { digits?: number; onProgress?: Progress } & ModelOptions = {}): Promise<TemplateCrossingJson> {
  const f = await instance(name, p);
  const model = modelOf(f, options);
  const digits = integerOr("digits", options.digits, LIMITS.crossingDigits, 40);
  const { templateCrossing: solve } = await import("../crossing/templateCrossing.js");
  const { templateCrossingJson } = await import("../output/templateCrossingDocument.js");
  return plain(templateCrossingJson(solve(f, { digits, model, onProgress: (what) => options.onProgress?.(what) })));
}

/**
 * The restricted loss of a family's pattern as a closed form in its parameters and d, with every partial
 * derivative when `gradient` is true (= `spurious formula <family> [--gradient] --json`; docs/formula.md).
 */
export async function formula(name: string, options: { gradient?: boolean } = {}): Promise<FormulaDocument> {
  const f = family(name);
  if (options.gradient !== undefined && typeof options.gradient !== "boolean") throw new RangeError(`gradient: '${String(options.gradient)}' is not a boolean (allowed: true, false)`);
  const { restrictedLossFormula } = await import("../formula/restrictedFormula.js");
  return plain(restrictedLossFormula(f, { gradient: options.gradient === true }));
}

/**
 * A transcribed table of coefficients (CSV or Markdown text; docs/check.md) against the engine: a verdict,
 * the exact value and a hint per row (= `spurious check <file> --json` with the file's text). `order` (0 to
 * 40) bounds the powers computed; `file` names the table in error messages.
 */
export async function check(table: string, options: { order?: number; file?: string } = {}): Promise<CheckResult> {
  if (typeof table !== "string") throw new RangeError("table: give the text of a CSV or Markdown table");
  const order = options.order === undefined ? undefined : integerArgument("order", options.order, LIMITS.seriesOrder);
  const { checkTable } = await import("../check/checkTable.js");
  return plain(checkTable(table, { ...(options.file === undefined ? {} : { file: options.file }), ...(order === undefined ? {} : { order }) }));
}

/**
 * Train networks of width k (`width` "d" (default), "d+H" or "d-H") from `runs` seeded random starts (d 2
 * to 60, runs 1 to 10000, seed 0 to 2^32 - 1, default 1; init all, xavier, minus or mixed, default all),
 * group the critical points found and name the declared family each lies on
 * (= `spurious discover --d <d> --runs <runs> --seed <seed> --init <init> --width <k> --json`).
 */
export async function discover(options: {
  d: number;
  runs: number;
  seed?: number;
  init?: InitChoice;
  secondLayer?: SecondLayer;
  width?: string;
  onProgress?: (done: number, total: number) => void;
}): Promise<DiscoveryJson> {
  const d = integerArgument("d", options?.d, LIMITS.discover.d);
  const runs = integerArgument("runs", options.runs, LIMITS.discover.runs);
  const widthOffset = widthArgument("width", options.width);
  if (d + widthOffset < 1) throw new RangeError(`width: k = ${String(options.width)} is ${d + widthOffset} at d = ${d}; the student needs at least one neuron`);
  const seed = integerOr("seed", options.seed, LIMITS.discover.seed, 1);
  const secondLayer = secondLayerArgument("secondLayer", options.secondLayer);
  const { discover: train, INIT_CHOICES } = await import("../discovery/discover.js");
  const init = options.init ?? "all";
  if (!(INIT_CHOICES as readonly string[]).includes(init)) throw new RangeError(`init: '${String(init)}' is not an initialisation (allowed: ${INIT_CHOICES.join(", ")})`);
  const { discoveryJson } = await import("../output/discoveryDocument.js");
  return plain(discoveryJson(train({ d, runs, seed, init, secondLayer, widthOffset, ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }) })));
}

/**
 * The census at an integer d (4 to 1000): every isotropy type Delta(S_p1 x ... x S_pc) with at most
 * `classes` classes (1 to 3, default 3; three-class types only with the smallest class of at most 3 rows
 * unless `all`), its critical points by descent on the restricted loss and Newton, each with index, smallest
 * eigenvalue, spectrum by isotypic component, orbit size and family; with `runs` (1 to 100000), as many
 * trainings in the full space from `init` starts (xavier, minus or mixed, default xavier; `seed` 0 to
 * 2^32 - 1, default 1) and what they reach, compared with the census. `threads` (1 to 256, default 1):
 * worker threads; the document does not depend on it
 * (= `spurious census --d <d> --classes <classes> [--all] --second-layer <secondLayer> [--runs <runs> --seed <seed> --init <init>] --json`; docs/census.md).
 */
export async function census(options: {
  d: number;
  classes?: number;
  all?: boolean;
  secondLayer?: SecondLayer;
  runs?: number;
  seed?: number;
  init?: string;
  threads?: number;
  onProgress?: (done: number, total: number) => void;
}): Promise<CensusJson> {
  const d = integerArgument("d", options?.d, LIMITS.census.d);
  const classes = integerOr("classes", options.classes, LIMITS.census.classes, 3);
  const secondLayer = secondLayerArgument("secondLayer", options.secondLayer);
  if (options.all !== undefined && typeof options.all !== "boolean") throw new RangeError(`all: '${String(options.all)}' is not a boolean (allowed: true, false)`);
  const runs = options.runs === undefined ? undefined : integerArgument("runs", options.runs, LIMITS.census.runs);
  const seed = integerOr("seed", options.seed, LIMITS.census.seed, 1);
  const threads = integerOr("threads", options.threads, LIMITS.census.threads, 1);
  const { INIT_KINDS } = await import("../discovery/initialisation.js");
  const init = options.init ?? "xavier";
  if (!(INIT_KINDS as readonly string[]).includes(init)) throw new RangeError(`init: '${String(init)}' is not an initialisation (allowed: ${INIT_KINDS.join(", ")})`);
  const { DEFAULT_SEARCH } = await import("../census/census.js");
  const { runCensus } = await import("../present/censusPool.js");
  const { censusJson } = await import("../output/censusDocument.js");
  const onProgress = options.onProgress;
  const report = await runCensus(
    {
      d,
      maxClasses: classes,
      all: options.all === true,
      secondLayer,
      search: DEFAULT_SEARCH,
      ...(runs === undefined ? {} : { runs: { count: runs, seed, init: init as (typeof INIT_KINDS)[number] } }),
      ...(onProgress === undefined ? {} : { onProgress: (done: number, total: number) => onProgress(done, total) }),
    },
    threads,
  );
  return plain(censusJson(report));
}

/**
 * What adding neurons does to a family at d (default 10): the minimum of g(w) = E[relu(w.x) r(x)] on the
 * sphere, the split test of each neuron class, and at integer d (up to 24) the embeddings into width
 * d + `neurons` (1 to 10, default 1) with verdicts and descent directions checked by the evaluator
 * (= `spurious annihilation <family> --d <d> --neurons <neurons> --series <series> --second-layer <secondLayer> --json`;
 * docs/annihilation.md).
 */
export async function annihilation(name: string, options: { d?: number | string; neurons?: number; series?: number; secondLayer?: SecondLayer; onProgress?: Progress } = {}): Promise<AnnihilationJson> {
  const f = annihilationFamily(family(name), FAMILIES);
  const model = modelOf(f, { ...(options.secondLayer === undefined ? {} : { secondLayer: options.secondLayer }) });
  const dd = dimensionArgument("d", options.d ?? "10", f);
  const neurons = integerOr("neurons", options.neurons, LIMITS.annihilationNeurons, 1);
  const seriesOrder = options.series === undefined ? undefined : integerOr("series", options.series, LIMITS.annihilationSeries, 0);
  const { familyAnnihilation } = await import("../annihilation/annihilation.js");
  const { annihilationJson } = await import("../output/annihilationDocument.js");
  return plain(annihilationJson(familyAnnihilation(f, { d: dd, secondLayer: model.secondLayer, neurons, ...(seriesOrder === undefined ? {} : { seriesOrder }), onProgress: (what) => options.onProgress?.(what) })));
}

/**
 * What bifurcates from a family at each crossing (docs/bifurcation.md): the kernel vector of the carrying
 * block, its isotropy (computed), the axial subgroups, and for each its reduced equation's coefficients and
 * type and its branch continued on both sides up to `top` (default 1e3), with loss minus the family's loss and Morse index;
 * with `d`, each branch's critical point there (= `spurious bifurcation <family> --d <d> --top <top>
 * --second-layer <secondLayer> --json`).
 */
export async function bifurcation(name: string, options: { d?: number | string; top?: number | string; secondLayer?: SecondLayer; onProgress?: Progress } = {}): Promise<BifurcationJson> {
  const f = family(name);
  const model = modelOf(f, { ...(options.secondLayer === undefined ? {} : { secondLayer: options.secondLayer }) });
  const d = options.d === undefined ? undefined : dimensionArgument("d", options.d, f);
  const top = realArgument("top", options.top ?? "1e3");
  if (Number(top) < Number(f.range.min) || Number(top) > 1e4) throw new RangeError(`top: ${top} is outside the allowed range ${f.range.min} to 1e4`);
  const { familyBifurcations } = await import("../bifurcation/bifurcation.js");
  const { bifurcationJson } = await import("../output/bifurcationDocument.js");
  return plain(bifurcationJson(familyBifurcations(f, { model, top, ...(d === undefined ? {} : { d }), onProgress: (what) => options.onProgress?.(what) })));
}

/**
 * The bifurcation diagram of a document of `bifurcation` (docs/plots.md): loss minus the family's loss
 * against d, the family and its branches coloured by isotropy, minima solid and saddles dashed, each d*
 * marked; the SVG text that `spurious bifurcation <family> --plot <file.svg>` writes.
 */
export async function bifurcationDiagram(document: BifurcationJson): Promise<string> {
  if (!Array.isArray(document?.crossings) || !Array.isArray(document?.stability)) throw new RangeError("document: not a document of bifurcation() (it needs its crossings and stability)");
  const { plotBifurcation } = await import("../plots/plotFamily.js");
  return plotBifurcation(document);
}
