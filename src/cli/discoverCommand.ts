import { discover, INIT_CHOICES, type DiscoveryReport, type InitChoice } from "../discovery/discover.js";
import { discoveryJson, familyNames, fixed } from "../output/discoveryDocument.js";
import { LIMITS } from "../present/arguments.js";
import { noPositionals, parseInteger, parseSecondLayer, parseWidth } from "./args.js";
import { widthName, type SecondLayer } from "../model/studentModel.js";
import { UsageError, type Command } from "./command.js";
import { textTable } from "../present/textTable.js";
import { printJson } from "./format.js";

/** Bounds of the command's integer options. */
export const DISCOVER_LIMITS = LIMITS.discover;

/** The plain-text table of a report. */
export function discoveryTable(report: DiscoveryReport): string {
  const converged = report.runs - report.notConverged;
  const failures = Object.entries(report.failures).map(([k, n]) => `${k}: ${n}`).join(", ");
  const wide = report.widthOffset !== 0;
  const classes = report.widthOffset > 0 ? "A, B, E (the extra rows)" : "A, B";
  const extra =
    report.widthOffset > 0
      ? "; z1, z2 = the extra rows' entries on the columns of A, B"
      : report.widthOffset < 0
        ? "; z1, z2 = the entries of A's, B's rows on the columns without a student row"
        : "";
  const lines = [
    `discover d = ${report.d}${report.widthOffset === 0 ? "" : `, k = ${widthName(report.widthOffset)} = ${report.d + report.widthOffset}`}: ${report.runs} runs (seed ${report.seed}, init ${report.init}), ${converged} converged ` +
      `to ${report.points.length} distinct critical points (gradient norm < ${report.tolerances.gradient}, ${report.secondLayer === "fixed" ? "fixed second layer a = 1, Hessian on W" : "gauge |a_i| = 1"})`,
    "",
  ];
  const names = familyNames(report);
  const rows = report.points.map((p, i) => {
    const x = (name: string): string => (p.params[name] === undefined ? "" : fixed(p.params[name]!, 6));
    return [
      names[i] ?? "",
      p.p === null ? `other (${p.classSizes.join("+")})` : p.split === undefined ? String(p.p) : `${p.p} (${p.split.join("+")})`,
      p.signs.join(""),
      fixed(p.loss, 12),
      String(p.negative),
      String(p.zero),
      String(p.count),
      `${p.foundBy.xavier}/${p.foundBy.minus}/${p.foundBy.mixed}`,
      x("x1"),
      x("x5"),
      ...(wide ? [x("z1"), x("z2")] : []),
      p.smallestNonzero.toExponential(2),
    ];
  });
  lines.push(textTable(["family", "p", "signs", "loss", "index", "zero", "count", "xavier/minus/mixed", "x1", "x5", ...(wide ? ["z1", "z2"] : []), "min |eig|"], rows));
  lines.push("");
  lines.push(`not converged: ${report.notConverged}${failures === "" ? "" : ` (${failures})`}`);
  lines.push("family = the declared family (derivations/) the point lies on, compared with its critical point at this d to 1e-6; blank: none");
  if (report.points.some((p) => p.split !== undefined)) lines.push("p (s+t) = the p special indices in two classes B, D of s and t (docs/patterns.md §2.4), signs of a on A, B, D and the extra rows");
  lines.push(
    report.secondLayer === "fixed"
      ? `index = W-Hessian eigenvalues < -${report.tolerances.eigenvalue} max(1, max|eig|); zero = |eig| within it (no gauge with a fixed second layer); ` +
          `signs of a on ${classes} (a = 1); x1 = W_ii on A, x5 = W_ii on B${extra}`
      : `index = Hessian eigenvalues < -${report.tolerances.eigenvalue} max(1, max|eig|); zero = |eig| within it (the gauge gives ${report.d + report.widthOffset}); ` +
          `signs of a on ${classes}; x1 = W_ii on A, x5 = W_ii on B${extra} (gauge |a_i| = 1)`,
  );
  return lines.join("\n");
}

/** Progress on stderr: a bar on a terminal, else one line per 10% of the runs. */
function progressReporter(label: string): { update(done: number, total: number): void; done(): void } {
  const tty = process.stderr.isTTY === true;
  let lastDecile = 0;
  let shown = false;
  return {
    update(done, total) {
      if (tty) {
        const width = 30;
        const filled = Math.round((width * done) / total);
        process.stderr.write(`\r\x1b[2K${label} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} runs`);
        shown = true;
        return;
      }
      const decile = Math.floor((10 * done) / total);
      if (decile > lastDecile) {
        lastDecile = decile;
        process.stderr.write(`${label}: ${done}/${total} runs (${Math.round((100 * done) / total)}%)\n`);
      }
    },
    done() {
      if (tty && shown) process.stderr.write("\r\x1b[2K");
    },
  };
}

/** Train and print (the training is plain float64 code: it loads with the command table). */
function discoverRun(d: number, runs: number, seed: number, init: InitChoice, json: boolean, secondLayer: SecondLayer, widthOffset: number): void {
  const progress = progressReporter(`discover d = ${d}, k = ${widthName(widthOffset)}`);
  const report = discover({ d, runs, seed, init, secondLayer, widthOffset, onProgress: (done, total) => progress.update(done, total) });
  progress.done();
  if (json) printJson(discoveryJson(report));
  else console.log(discoveryTable(report));
}

export const discoverCommand: Command = {
  name: "discover",
  summary: "Train a student of width k (default d) from seeded random starts to critical points; report their isotropy, signs, loss, Hessian index and how often each is found",
  options: [
    { name: "d", kind: "string", value: "<int>", description: `dimension (${DISCOVER_LIMITS.d.min} to ${DISCOVER_LIMITS.d.max})` },
    { name: "runs", kind: "string", value: "<int>", description: `number of training runs (${DISCOVER_LIMITS.runs.min} to ${DISCOVER_LIMITS.runs.max})` },
    { name: "seed", kind: "string", value: "<int>", description: "seed of the pseudo-random starts (0 to 2^32 - 1)", default: "1" },
    {
      name: "init",
      kind: "string",
      value: "<kind>",
      description: "initialisation: all (cycle run by run), xavier, minus (near -I), mixed (diagonal +-1, 1-3 minority signs)",
      default: "all",
    },
    { name: "second-layer", kind: "string", value: "trained|fixed", description: "the second layer: trained, or fixed at a = 1 with W alone trained (docs/models.md)", default: "trained" },
    { name: "width", kind: "string", value: "<k>", description: "the student width k: d, d+H or d-H (docs/models.md §5)", default: "d" },
    { name: "json", kind: "boolean", description: "print JSON" },
  ],
  run(positionals, options) {
    noPositionals("discover", positionals);
    const secondLayer = options["second-layer"] === undefined ? "trained" : parseSecondLayer(options["second-layer"]);
    const widthOffset = options.width === undefined ? 0 : parseWidth(options.width);
    if (options.d === undefined) throw new UsageError(`discover: --d <int> is required (${DISCOVER_LIMITS.d.min} to ${DISCOVER_LIMITS.d.max})`);
    if (options.runs === undefined) throw new UsageError(`discover: --runs <int> is required (${DISCOVER_LIMITS.runs.min} to ${DISCOVER_LIMITS.runs.max})`);
    const d = parseInteger("d", options.d, DISCOVER_LIMITS.d);
    const runs = parseInteger("runs", options.runs, DISCOVER_LIMITS.runs);
    if (d + widthOffset < 1) throw new UsageError(`--width: k = ${String(options.width)} is ${d + widthOffset} at d = ${d}; the student needs at least one neuron`);
    const seed = options.seed === undefined ? 1 : parseInteger("seed", options.seed, DISCOVER_LIMITS.seed);
    const rawInit = options.init === undefined ? "all" : options.init;
    if (typeof rawInit !== "string" || !(INIT_CHOICES as readonly string[]).includes(rawInit)) {
      throw new UsageError(`--init: '${String(rawInit)}' is not an initialisation (allowed: ${INIT_CHOICES.join(", ")})`);
    }
    return discoverRun(d, runs, seed, rawInit as InitChoice, options.json === true, secondLayer, widthOffset);
  },
};
