import { availableParallelism } from "node:os";
import { INIT_KINDS, type InitKind } from "../discovery/initialisation.js";
import type { SecondLayer } from "../model/studentModel.js";
import type { CensusJson } from "../output/censusDocument.js";
import { LIMITS } from "../present/arguments.js";
import { progressLine } from "../present/progress.js";
import { textTable } from "../present/textTable.js";
import { noPositionals, parseInteger, parseSecondLayer } from "./args.js";
import { UsageError, type Command } from "./command.js";
import { printJson } from "./format.js";

/** Bounds of --d and --classes. */
export const CENSUS_LIMITS = LIMITS.census;

/** A huge exact integer as "1.23e45" (exact below a million). */
function magnitude(text: string): string {
  return text.length <= 6 ? text : `${text[0]}.${text.slice(1, 3)}e${text.length - 1}`;
}

/** The plain-text table of a census document. */
export function censusTable(doc: CensusJson): string {
  const trained = doc.model.secondLayer === "trained";
  const minima = doc.points.filter((p) => p.minimum).length;
  const which = doc.classes < 3 ? `at most ${doc.classes} class${doc.classes === 1 ? "" : "es"}` : doc.all ? "at most 3 classes" : "at most 3 classes, the smallest of three with at most 3 rows";
  const lines = [
    `census d = ${doc.d}, ${trained ? "trained second layer (gauge |a_i| = 1)" : "fixed second layer a = 1, Hessian on W"}: ${doc.types} isotropy types (${which}), ` +
      `${doc.starts} descents (${doc.failed} reached no isolated critical point), ${doc.points.length} critical points, ${minima} minima`,
    "",
  ];
  const rows = doc.points.map((p) => [
    p.type,
    ...(trained ? [p.classes.map((c) => (c.a > 0 ? "+" : "-")).join("")] : []),
    Number(p.loss).toFixed(12),
    String(p.index),
    String(p.zero),
    p.minimum ? "yes" : "no",
    p.smallestEigenvalue.toExponential(4),
    p.smallestComponent,
    p.classes.map((c) => Number(c.diagonal).toFixed(4)).join(" "),
    magnitude(p.orbitSize),
    p.family ?? "",
    String(p.starts),
  ]);
  lines.push(textTable(["type", ...(trained ? ["a"] : []), "loss", "index", "zero", "minimum", "smallest eig", "component", "diagonals", "orbit", "family", "starts"], rows));
  lines.push("");
  lines.push("type = class sizes (A, B, C), the isotropy Delta(S_A x S_B x S_C); diagonals = W_ii on A, B, C; index = negative eigenvalues of the full Hessian with multiplicity");
  lines.push(
    `zero = ${trained ? "non-gauge " : ""}eigenvalues within 1e-9 max(1, max|eig|); smallest eig = the least ${trained ? "non-gauge " : ""}eigenvalue and its component ([n-1,1]_B: the standard representation of S_B, ...); ` +
      "orbit = (d!)^2 / (A! B! C!) points under S_d x S_d; family = the declared family (derivations/) it lies on, or for a two-class minimum the template instance (a.p7: template a at p = 7, docs/families.md §11); starts = descents that reached it",
  );
  return lines.join("\n");
}

/** The plain-text table of the runs of `census --runs` (docs/census.md §10): each distinct point, and whether the census has it. */
export function runsTable(doc: CensusJson): string {
  const runs = doc.runs!;
  const trained = doc.model.secondLayer === "trained";
  const count = (record: Record<string, number>): string => Object.entries(record).map(([k, n]) => `${n} ${k}`).join(", ");
  const failed = Object.values(runs.notConverged).reduce((s, n) => s + n, 0);
  const other = Object.values(runs.unclassified).reduce((s, n) => s + n, 0);
  const findings = runs.points.filter((p) => !p.inCensus);
  const lines = [
    `runs: ${runs.count} trainings in the full space from ${runs.init} starts (seed ${runs.seed}): ${runs.converged} reached ${runs.points.length} distinct points` +
      `, ${failed} did not converge${failed > 0 ? ` (${count(runs.notConverged)})` : ""}, ${other} reached a point that fits no pattern of at most 4 classes${other > 0 ? ` (${count(runs.unclassified)})` : ""}; ` +
      `${findings.length} finding${findings.length === 1 ? "" : "s"} (points the census lacks)`,
    "",
  ];
  const rows = runs.points.map((p) => [
    p.type,
    ...(trained ? [p.classes.map((c) => (c.a > 0 ? "+" : "-")).join("")] : []),
    Number(p.loss).toFixed(12),
    String(p.index),
    p.minimum ? "yes" : "no",
    p.smallestEigenvalue.toExponential(4),
    p.classes.map((c) => Number(c.diagonal).toFixed(4)).join(" "),
    p.family ?? "",
    String(p.runs),
    p.inCensus ? `point ${p.censusPoint! + 1}` : "finding",
  ]);
  lines.push(textTable(["type", ...(trained ? ["a"] : []), "loss", "index", "minimum", "smallest eig", "diagonals", "family", "runs", "census"], rows));
  lines.push("");
  lines.push("runs = trainings that reached the point (up to S_d x S_d); census = its row in the table above (counted from 1), or finding when the census lacks it");
  return lines.join("\n");
}

/** The training runs of --runs. */
interface RunsChoice {
  readonly count: number;
  readonly seed: number;
  readonly init: InitKind;
}

/** Run and print: the computation modules load here, after the arguments are checked. */
async function censusRun(d: number, classes: number, all: boolean, secondLayer: SecondLayer, runs: RunsChoice | undefined, json: boolean): Promise<void> {
  const { DEFAULT_SEARCH } = await import("../census/census.js");
  const { runCensus } = await import("../present/censusPool.js");
  const { censusJson } = await import("../output/censusDocument.js");
  const progress = progressLine(`census d = ${d}`);
  const options = { d, maxClasses: classes, all, secondLayer, search: DEFAULT_SEARCH, ...(runs === undefined ? {} : { runs }), onProgress: (done: number, total: number, what: string) => progress.update(`${what} ${done}/${total}`) };
  const report = await runCensus(options, availableParallelism());
  progress.done();
  const doc = censusJson(report);
  if (json) printJson(doc);
  else console.log(doc.runs === undefined ? censusTable(doc) : `${censusTable(doc)}\n\n${runsTable(doc)}`);
}

export const censusCommand: Command = {
  name: "census",
  summary: "Every isotropy type Delta(S_p1 x ... x S_pc) with few classes at an integer d: its critical points by descent on the restricted loss, refined by Newton, with index, smallest eigenvalue, spectrum by isotypic component, orbit size and family; with --runs, what random-start training in the full space reaches, against the census",
  options: [
    { name: "d", kind: "string", value: "<int>", description: `dimension (${CENSUS_LIMITS.d.min} to ${CENSUS_LIMITS.d.max})` },
    { name: "classes", kind: "string", value: "1|2|3", description: "the most classes of an isotropy type", default: "3" },
    { name: "all", kind: "boolean", description: "every three-class type (default: the smallest class has at most 3 rows)" },
    { name: "second-layer", kind: "string", value: "trained|fixed", description: "the second layer: trained, or fixed at a = 1 with W alone trained (docs/models.md)", default: "trained" },
    { name: "runs", kind: "string", value: "<int>", description: `also train this many random starts in the full space and compare what they reach with the census (${CENSUS_LIMITS.runs.min} to ${CENSUS_LIMITS.runs.max})` },
    { name: "seed", kind: "string", value: "<int>", description: "seed of the runs' random starts (0 to 2^32 - 1)", default: "1" },
    { name: "init", kind: "string", value: INIT_KINDS.join("|"), description: "the runs' starts: xavier (N(0, 1/d) entries), minus (near -I), mixed (diagonal +-1, 1-3 minority signs)", default: "xavier" },
    { name: "json", kind: "boolean", description: "print JSON" },
  ],
  run(positionals, options) {
    noPositionals("census", positionals);
    if (options.d === undefined) throw new UsageError(`census: --d <int> is required (${CENSUS_LIMITS.d.min} to ${CENSUS_LIMITS.d.max})`);
    const d = parseInteger("d", options.d, CENSUS_LIMITS.d);
    const classes = options.classes === undefined ? 3 : parseInteger("classes", options.classes, CENSUS_LIMITS.classes);
    const secondLayer = options["second-layer"] === undefined ? "trained" : parseSecondLayer(options["second-layer"]);
    const runs = options.runs === undefined ? undefined : parseInteger("runs", options.runs, CENSUS_LIMITS.runs);
    const seed = options.seed === undefined ? 1 : parseInteger("seed", options.seed, CENSUS_LIMITS.seed);
    const init = options.init === undefined ? "xavier" : options.init;
    if (!(INIT_KINDS as readonly unknown[]).includes(init)) throw new UsageError(`--init: '${String(init)}' is not an initialisation (allowed: ${INIT_KINDS.join(", ")})`);
    if (runs === undefined && (options.seed !== undefined || options.init !== undefined)) throw new UsageError(`census: --${options.seed !== undefined ? "seed" : "init"} needs --runs <int>`);
    return censusRun(d, classes, options.all === true, secondLayer, runs === undefined ? undefined : { count: runs, seed, init: init as InitKind }, options.json === true);
  },
};
