import type { FamilyDefinition } from "../families/definition.js";
import { modelText, type StudentModel } from "../model/studentModel.js";
import { LIMITS } from "../present/arguments.js";
import { progressLine } from "../present/progress.js";
import { textTable } from "../present/textTable.js";
import { integerOption, MODEL_OPTIONS, oneFamily, parseAnnihilationFamily, parseDimension, parseModel } from "./args.js";
import type { Command } from "./command.js";
import { printJson } from "./format.js";

/** Bounds of --neurons. */
export const ANNIHILATION_NEURONS = LIMITS.annihilationNeurons;
/** Bounds of --series. */
export const ANNIHILATION_SERIES = LIMITS.annihilationSeries;
/** The dimension when --d is not given. */
export const ANNIHILATION_DEFAULT_D = "10";

/** Compute and print: the heavy modules load here, after validation. */
async function annihilationRun(family: FamilyDefinition, d: string, neurons: number, seriesOrder: number | undefined, json: boolean, model: StudentModel): Promise<void> {
  const { familyAnnihilation } = await import("../annihilation/annihilation.js");
  const { annihilationJson, eigenvalueSeriesText } = await import("../output/annihilationDocument.js");
  const progress = progressLine(`annihilation ${family.name}`);
  const r = familyAnnihilation(family, { d, secondLayer: model.secondLayer, neurons, ...(seriesOrder === undefined ? {} : { seriesOrder }), onProgress: (what) => progress.update(what) });
  progress.done();
  if (json) {
    printJson(annihilationJson(r));
    return;
  }
  const short = (x: { toSignificantDigits(n: number): { toString(): string } }): string => x.toSignificantDigits(8).toString();
  console.log(`family ${family.name} at d = ${d}, ${modelText(model)}: adding ${neurons} neuron${neurons === 1 ? "" : "s"} (width d + ${neurons})`);
  console.log(`family Hessian  ${r.familyInertia.negative.toFixed()} negative, ${r.familyInertia.zero.toFixed()} zero (${r.familyInertia.gaugeZeros.toFixed()} gauge): ${r.familyIsMinimum ? "a minimum" : "a saddle"}`);
  console.log(`Euler           max |g(w_i)| = ${short(r.euler.neuronResidual)}; sum_m g(e_m) = ${short(r.euler.teacherSum)} = -2L = ${short(r.euler.twiceLoss.neg())}`);
  const cells = r.minG.direction.cells.map((c) => `${c.name} (size ${c.size}): ${c.value.toPrecision(8)}`).join(", ");
  console.log(`min g on |w|=1  ${short(r.minG.value)} at ${cells}`);
  if (r.minG.full !== undefined) console.log(`                full search at d = ${r.minG.full.d} (${r.minG.full.starts} starts): ${r.minG.full.value.toPrecision(12)} (${r.minG.full.agrees ? "agrees" : "DIFFERS"})`);
  console.log(model.secondLayer === "trained"
    ? "                a neuron (w, c) added: L + c g(w) + c^2|w|^2/4; (w, 0) is critical iff g(w) = 0; at w = 0 the loss falls as c g(w*)"
    : "                a neuron (w, 1) added at w = 0: L + g(w) + |w|^2/4 falls linearly along w* (min g < 0)");
  console.log("");
  console.log(textTable(
    ["split class", "component", "multiplicity", "eigenvalues of a_i G_i", "t-range", "verdict"],
    r.splits.flatMap((s) => s.components.map((c, k) => [
      k === 0 ? s.class : "",
      c.name,
      `${c.dimensionFormula} = ${c.dimension.toFixed()}`,
      c.eigenvalues.map(short).join(", "),
      k === 0 ? s.tRange : "",
      k === 0 ? s.verdict : "",
    ])),
  ));
  console.log("");
  if (r.splitSeries !== undefined) {
    console.log(`split test as series in eps = d^(-1/2), to O(eps^${r.splitSeries[0]!.order + 1}) (exact in Q(pi) unless marked numeric):`);
    for (const s of r.splitSeries) {
      for (const c of s.components) {
        const values = c.eigenvalues.map(eigenvalueSeriesText);
        console.log(`  ${s.class}, ${c.name}: ${c.unresolved === undefined ? values.join("; ") : `unresolved (${c.unresolved})`}`);
      }
    }
    console.log("");
  }
  if (r.embeddings.length > 0) {
    console.log(textTable(
      ["embedding", "class", "t", "verdict", "order", "Hessian inertia (-, 0, +)", "loss decrease (evaluator)", "predicted"],
      r.embeddings.map((e) => [
        e.kind,
        e.class ?? "",
        e.t === null ? "" : `(${e.t.map((x) => +x.toFixed(6)).join(", ")})`,
        e.verdict,
        e.order ?? "",
        e.inertia === null ? "none (w = 0)" : `${e.inertia.negative}, ${e.inertia.zero}, ${e.inertia.positive}`,
        e.lossDecrease === null ? "" : `${short(e.lossDecrease)} (step ${+e.step!.toPrecision(6)})`,
        e.predictedDecrease === null ? "" : short(e.predictedDecrease),
      ]),
    ));
    console.log("(points and directions as full arrays: --json)");
  } else if (r.embeddingNote !== undefined) {
    console.log(`embeddings: ${r.embeddingNote}`);
  }
  console.log(`width d + ${neurons}     ${r.survives.minimum ? "a minimum survives" : "no minimum survives"}: ${r.survives.by}`);
  console.log(`smallest H      ${r.smallestH.value ?? "none"}: ${r.smallestH.reason}`);
}

export const annihilationCommand: Command = {
  name: "annihilation",
  summary: "What adding neurons does to a family: min of g on the sphere, the split test per neuron class, the embeddings into width d + H with verdicts and evaluator-checked descent directions",
  positionals: "<family>",
  options: [
    { name: "d", kind: "string", value: "<real>", description: "dimension in the family's range (embeddings need an integer d up to 24)", default: ANNIHILATION_DEFAULT_D },
    { name: "neurons", kind: "string", value: "<int>", description: `neurons added, H (${ANNIHILATION_NEURONS.min} to ${ANNIHILATION_NEURONS.max})`, default: "1" },
    { name: "series", kind: "string", value: "<order>", description: `also the split test's eigenvalues as series in eps = d^(-1/2) to O(eps^(order+1)) (${ANNIHILATION_SERIES.min} to ${ANNIHILATION_SERIES.max})` },
    MODEL_OPTIONS[0]!,
    { name: "json", kind: "boolean", description: "print JSON" },
  ],
  run(positionals, options) {
    const family = parseAnnihilationFamily(oneFamily("annihilation", positionals, "spurious annihilation 2a --d 10"));
    const d = parseDimension("d", options.d ?? ANNIHILATION_DEFAULT_D, family);
    const neurons = integerOption("neurons", options.neurons, ANNIHILATION_NEURONS, 1);
    const seriesOrder = options.series === undefined ? undefined : integerOption("series", options.series, ANNIHILATION_SERIES, 0);
    return annihilationRun(family, d, neurons, seriesOrder, options.json === true, parseModel(options, family));
  },
};
