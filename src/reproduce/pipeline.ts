import { join } from "node:path";
import { discover } from "../discovery/discover.js";
import type { FamilyDefinition } from "../families/definition.js";
import { FAMILIES } from "../families/registry.js";
import { isotropyName } from "../families/isotropy.js";
import { leadingSystemsDoc } from "../output/leadingSystemsDoc.js";
import { formulasPage } from "../output/formulaDocument.js";
import { discoveryJson } from "../output/discoveryDocument.js";
import { plotFiles } from "../present/plotFiles.js";
import { tutorialMarkdown } from "../tutorial/tutorial.js";
import type { ReproduceConfig } from "./config.js";
import { crossingStep, eigenStep, seriesStep, spectrumStep } from "./familySteps.js";
import { stepProgress } from "./progress.js";
import { Staging } from "./staging.js";
import { summaryJson, summaryMarkdown, type SummaryRow } from "./summary.js";

/** The steps of a reproduction, in the order they run (docs/reproduce.md). */
export type StepName = "discovery" | "series" | "spectrum" | "eigen-series" | "crossing" | "plots" | "docs" | "summary";

export interface ReproduceOptions {
  readonly families: readonly FamilyDefinition[];
  /** The folder holding series/ and docs/ (the repository root by default). */
  readonly root: string;
  readonly config: ReproduceConfig;
  /**
   * docs/cli.md: the reference generated from the command definitions (src/cli/reference.ts). The caller
   * passes it because the command line sits above reproduce (docs/architecture.md): reproduce never imports it.
   */
  readonly cliReference: string;
  /** Progress lines (default: stderr). */
  readonly log?: (line: string) => void;
  /** Called after each step with the files staged so far (tests use it to inject a failure). */
  readonly afterStep?: (step: StepName) => void;
}

/**
 * Regenerate series/ and docs/ under the root: every step writes into a staging folder, and only when all
 * succeeded are the files moved into place; on any failure the staging folder is dropped and the targets
 * are as before. Returns the summary rows and the paths written (relative to the root).
 */
export async function reproduce(o: ReproduceOptions): Promise<{ rows: SummaryRow[]; written: string[] }> {
  const staging = new Staging(o.root);
  try {
    const rows = await runSteps(o, staging);
    const written = staging.staged();
    staging.commit();
    return { rows, written };
  } catch (e) {
    staging.discard();
    throw e;
  }
}

async function runSteps(o: ReproduceOptions, staging: Staging): Promise<SummaryRow[]> {
  const c = o.config;
  const progress = stepProgress(o.log);
  const done = (step: StepName): void => o.afterStep?.(step);
  const perFamily = <R>(step: StepName, run: (f: FamilyDefinition, update: (t: string) => void) => { files: Map<string, string>; outcome: R }, describe: (r: R) => string): Map<string, R> => {
    const out = new Map<string, R>();
    for (const f of o.families) {
      const p = progress.begin(step, f.name);
      const r = run(f, (t) => p.update(t));
      staging.write(r.files);
      out.set(f.name, r.outcome);
      p.done(describe(r.outcome));
    }
    done(step);
    return out;
  };

  let p = progress.begin("discovery", `d = ${c.discovery.d}, ${c.discovery.runs} runs`);
  const report = discover({ ...c.discovery, init: "all", onProgress: (k, n) => p.update(`${k}/${n} runs`) });
  staging.write(new Map([[join("series", "discovery.json"), `${JSON.stringify(discoveryJson(report), null, 2)}\n`]]));
  p.done(`${report.points.length} distinct critical points`);
  done("discovery");

  const series = perFamily("series", (f, u) => seriesStep(f, c, u), (r) => `loss limit ${r.lossLimit.exact}; ${r.passed ? "verified" : "NOT verified"} (worst slope ${r.worstSlope.slope.toFixed(2)})`);
  const spectra = perFamily("spectrum", (f, u) => spectrumStep(f, c, u), (r) => `full Hessian at d = ${r.d}: ${r.passed ? "agrees" : "DISAGREES"} (worst ${r.worstDifference.toExponential(1)})`);
  const eigen = perFamily("eigen-series", (f, u) => eigenStep(f, c, u), (r) => r);
  const crossings = perFamily("crossing", (f, u) => crossingStep(f, c, u), (r) => (r.length === 0 ? "no saddle-to-minimum crossing" : `saddle to minimum at d = ${r.join(", ")}`));

  p = progress.begin("plots");
  const all = o.families.length === FAMILIES.length;
  staging.write(await plotFiles(o.families, join("series", "plots"), { ...c.plot, loss: all }, progress.stream));
  p.done(all ? undefined : "loss.svg kept: it is drawn only by a run over all families");
  done("plots");

  p = progress.begin("docs");
  staging.write(new Map([
    [join("docs", "cli.md"), o.cliReference],
    [join("docs", "leading-systems.md"), leadingSystemsDoc(FAMILIES)],
    [join("docs", "formulas.md"), formulasPage(FAMILIES)],
  ]));
  // The tutorial runs its commands on the committed inputs (about 3 minutes): full runs over all families only.
  const tutorial = all && c.name === "full";
  if (tutorial) staging.write(new Map([[join("docs", "tutorial.md"), tutorialMarkdown((line) => p.update(line))]]));
  p.done(tutorial ? undefined : "tutorial.md kept: it is regenerated by a full run over all families");
  done("docs");

  const rows = o.families.map((f): SummaryRow => {
    const s = series.get(f.name)!;
    const h = spectra.get(f.name)!;
    return {
      family: f.name,
      isotropy: isotropyName(f.p),
      config: c.name,
      lossLimit: s.lossLimit,
      crossings: crossings.get(f.name)!,
      eigenSeries: eigen.get(f.name)!,
      series: s,
      fullHessian: h,
      verified: s.passed && h.passed,
    };
  });
  staging.write(new Map([
    [join("series", "summary.md"), summaryMarkdown(rows, c)],
    [join("series", "summary.json"), summaryJson(rows, c)],
  ]));
  done("summary");
  return rows;
}
