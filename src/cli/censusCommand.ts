import { availableParallelism } from "node:os";
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
      "orbit = (d!)^2 / (A! B! C!) points under S_d x S_d; family = the declared family (derivations/) it lies on; starts = descents that reached it",
  );
  return lines.join("\n");
}

/** Run and print: the computation modules load here, after the arguments are checked. */
async function censusRun(d: number, classes: number, all: boolean, secondLayer: SecondLayer, json: boolean): Promise<void> {
  const { DEFAULT_SEARCH } = await import("../census/census.js");
  const { runCensus } = await import("../present/censusPool.js");
  const { censusJson } = await import("../output/censusDocument.js");
  const progress = progressLine(`census d = ${d}`);
  const options = { d, maxClasses: classes, all, secondLayer, search: DEFAULT_SEARCH, onProgress: (done: number, total: number, what: string) => progress.update(`${what} ${done}/${total}`) };
  const report = await runCensus(options, availableParallelism());
  progress.done();
  const doc = censusJson(report);
  if (json) printJson(doc);
  else console.log(censusTable(doc));
}

export const censusCommand: Command = {
  name: "census",
  summary: "Every isotropy type Delta(S_p1 x ... x S_pc) with few classes at an integer d: its critical points by descent on the restricted loss, refined by Newton, with index, smallest eigenvalue, spectrum by isotypic component, orbit size and family",
  options: [
    { name: "d", kind: "string", value: "<int>", description: `dimension (${CENSUS_LIMITS.d.min} to ${CENSUS_LIMITS.d.max})` },
    { name: "classes", kind: "string", value: "1|2|3", description: "the most classes of an isotropy type", default: "3" },
    { name: "all", kind: "boolean", description: "every three-class type (default: the smallest class has at most 3 rows)" },
    { name: "second-layer", kind: "string", value: "trained|fixed", description: "the second layer: trained, or fixed at a = 1 with W alone trained (docs/models.md)", default: "trained" },
    { name: "json", kind: "boolean", description: "print JSON" },
  ],
  run(positionals, options) {
    noPositionals("census", positionals);
    if (options.d === undefined) throw new UsageError(`census: --d <int> is required (${CENSUS_LIMITS.d.min} to ${CENSUS_LIMITS.d.max})`);
    const d = parseInteger("d", options.d, CENSUS_LIMITS.d);
    const classes = options.classes === undefined ? 3 : parseInteger("classes", options.classes, CENSUS_LIMITS.classes);
    const secondLayer = options["second-layer"] === undefined ? "trained" : parseSecondLayer(options["second-layer"]);
    return censusRun(d, classes, options.all === true, secondLayer, options.json === true);
  },
};
