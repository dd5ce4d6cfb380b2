import type { FamilyDefinition } from "../families/definition.js";
import { modelText, type StudentModel } from "../model/studentModel.js";
import { progressLine } from "../present/progress.js";
import { textTable } from "../present/textTable.js";
import { MODEL_OPTIONS, oneFamily, parseDimension, parseModel, parseOutFile, parseReal } from "./args.js";
import { UsageError, type Command } from "./command.js";
import { printJson } from "./format.js";

/** The largest d the branches are followed to when --top is not given. */
export const BIFURCATION_TOP = "1e3";

/** Compute and print the branches: the heavy modules load here, after validation. */
async function bifurcationRun(family: FamilyDefinition, d: string | undefined, top: string, json: boolean, model: StudentModel, plot: string | undefined): Promise<void> {
  const { familyBifurcations } = await import("../bifurcation/bifurcation.js");
  const { bifurcationJson } = await import("../output/bifurcationDocument.js");
  const progress = progressLine(`bifurcation ${family.name}`);
  const r = familyBifurcations(family, { model, top, ...(d === undefined ? {} : { d }), onProgress: (t) => progress.update(t) });
  progress.done();
  const doc = bifurcationJson(r);
  if (plot !== undefined) {
    const { plotBifurcation } = await import("../plots/plotFamily.js");
    const { writeFilesAtomically } = await import("../output/atomicWrite.js");
    writeFilesAtomically(new Map([[plot, await plotBifurcation(doc)]]));
    process.stderr.write(`wrote ${plot}\n`);
  }
  if (json) {
    printJson(doc);
    return;
  }
  console.log(`family ${family.name} (${modelText(model)}): ${doc.crossings.length} crossing${doc.crossings.length === 1 ? "" : "s"}; branch points to ${doc.digits} digits`);
  for (const c of doc.crossings) {
    console.log("");
    console.log(`crossing d* = ${c.d} in ${c.component} (${c.direction})`);
    console.log(`kernel      in ${c.kernel.pattern}: ${Object.entries(c.kernel.vector).map(([k, v]) => `${k} ${v}`).join(", ")}`);
    console.log(`isotropy    ${c.axial.how}`);
    const axialOnes = c.axial.subgroups.filter((h) => h.axial);
    if (axialOnes.length > 0) console.log(`axial       of ${c.component.split(" x ")[0]} among S_{n-k} x G, k <= 3 (dim Fix by characters), and S_{n-j} x S_j, j <= n*/2 (by Young's rule): ${axialOnes.map((h) => `${h.group}${h.branch ? " (branch below)" : " (no branch)"}`).join(", ")}`);
    if (c.note !== null) console.log(`note        ${c.note}`);
    for (const b of c.branches) {
      console.log("");
      console.log(`branch      of ${b.subgroup}: ${b.isotropy}, pattern ${b.pattern}: ${b.type}, ${b.side === "both" ? "on both sides" : `${b.side} d*`}; distance ~ |d - d*|^e with e = ${b.exponents.map((e) => `${e.value} (${e.side})`).join(", ")}`);
      // The first branch is the kernel vector's own (its isotropy printed above).
      if (c.branches.indexOf(b) > 0) console.log(`  isotropy  ${b.how}`);
      if (b.fixedSpaceDefect !== null) console.log(`  fixed space: solved in ${b.pattern} (not Young); max |x o g - x| over the points = ${b.fixedSpaceDefect}`);
      console.log(`  reduced   g(s, d) = a (d - d*) s + b s^2 + c s^3: a = ${b.reduced.a}, b = ${b.reduced.b}, c = ${b.reduced.c} (|H0 phi| = ${b.reduced.kernelResidual})`);
      for (const e of b.ends) console.log(`  end ${e.side}: ${e.kind} at d = ${e.d} (${e.text})${e.meets === null ? "" : `: meets family ${e.meets.family} at d = ${e.meets.d}`}`);
      console.log(textTable(["d", "loss", "loss - family", "distance", "index"], b.points.map((p) => [p.d, p.loss, p.lossMinusFamily, p.distance, p.index])));
      const powers = b.series.terms[0]?.coefficients.map((c) => `t^${c.power}`) ?? [];
      if (b.series.terms.length === 0) console.log("local series at d*: none (too few branch points near d*)");
      else {
        console.log(`local series at d*: param = param(d*) + sum c_k t^k, t = ${b.series.variable} (numeric; (n): the digits on which two fits agree)`);
        console.log(textTable(["param", ...powers], b.series.terms.map((t) => [t.param, ...t.coefficients.map((c) => (c.digits === 0 ? "?" : `${c.value} (${c.digits})`))])));
      }
      if (b.at !== null) {
        console.log(`at d = ${b.at.d}: loss ${b.at.loss}, index ${b.at.index}, |grad L| ${b.at.gradientNorm}`);
        console.log(textTable(["param", "value (gauge |a| = 1)"], Object.entries(b.at.params).map(([k, v]) => [k, v])));
      }
    }
  }
}

export const bifurcationCommand: Command = {
  name: "bifurcation",
  summary: "What bifurcates at each crossing: the kernel vector, the axial subgroups, and for each the reduced equation's type and the branch continued on both sides with loss and index",
  positionals: "<family>",
  options: [
    { name: "d", kind: "string", value: "<real>", description: "also give each branch's critical point at this d (in the family's range)" },
    { name: "top", kind: "string", value: "<real>", description: "follow the branches up to this d", default: BIFURCATION_TOP },
    MODEL_OPTIONS[0]!,
    { name: "plot", kind: "string", value: "<file.svg>", description: "also write the bifurcation diagram (loss minus the family's loss against d, branches coloured by isotropy, minima solid, saddles dashed) to this SVG file" },
    { name: "json", kind: "boolean", description: "print JSON" },
  ],
  run(positionals, options) {
    const family = oneFamily("bifurcation", positionals, "spurious bifurcation 2a");
    const d = options.d === undefined ? undefined : parseDimension("d", options.d, family);
    const top = parseReal("top", options.top ?? BIFURCATION_TOP);
    if (Number(top) < Number(family.range.min) || Number(top) > 1e4) throw new UsageError(`--top: ${top} is outside the allowed range ${family.range.min} to 1e4`);
    const plot = options.plot === undefined ? undefined : parseOutFile("plot", options.plot, ".svg");
    return bifurcationRun(family, d, top, options.json === true, parseModel(options, family), plot);
  },
};
