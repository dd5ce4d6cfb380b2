import { join } from "node:path";
import { discover } from "../discovery/discover.js";
import { familyModels } from "../families/models.js";
import { familyByName } from "../families/templates.js";
import { discoveryJson } from "../output/discoveryDocument.js";
import type { LossRow } from "../plots/lossPlot.js";
import { familyPlotFile } from "../present/plotFiles.js";
import { tutorialMarkdown } from "../tutorial/tutorial.js";
import { workModule, type PoolWork } from "../present/pool.js";
import type { ReproduceConfig } from "./config.js";
import type { FullHessianCheck } from "./fullHessianCheck.js";
import { annihilationRows, type AnnihilationRow } from "./annihilationTable.js";
import { familyPhases } from "./annihilationPhase.js";
import type { PhaseDiagram } from "../annihilation/phaseDiagram.js";
import { censusParts, censusSweep, type CensusSweepRow } from "./censusSweep.js";
import { crossingStep, eigenStep, seriesStep, spectrumStep, type CrossingOutcome, type PerModel, type SeriesOutcome } from "./familySteps.js";
import { templateStep } from "./templateStep.js";
import { templateSeriesWork } from "../present/templateSeries.js";
import { rayStep } from "./rayStep.js";
import type { TemplateCrossingPoint } from "../plots/templateCrossingPlot.js";

// The units of work of a reproduction that do not depend on each other: discovery, each family's series,
// spectrum, eigen-series, crossing and plot, and the tutorial. Each is described by plain data (so that it
// can be sent to a worker thread) and returns its files and what the summary needs, also plain data.

/** What each kind of task returns besides its files. */
export interface TaskOutcomes {
  readonly discovery: { readonly points: number };
  readonly series: SeriesOutcome | null;
  readonly spectrum: PerModel<FullHessianCheck>;
  readonly "eigen-series": string;
  readonly crossing: PerModel<CrossingOutcome>;
  readonly annihilation: { readonly rows: AnnihilationRow[]; readonly phases: PhaseDiagram[] };
  readonly plots: { readonly lossRows: LossRow[]; readonly crossings: string };
  readonly templates: TemplateCrossingPoint[];
  /** A template's series with p a symbol and its values at p = 1..seriesPMax, compared in the templates step with the fixed-p series. */
  readonly "template-series": ReturnType<typeof templateSeriesWork>;
  readonly rays: number;
  readonly census: CensusSweepRow[];
  readonly tutorial: null;
}

export type TaskKind = keyof TaskOutcomes;

/** One unit of work: its kind, its family (none for discovery and the tutorial), and the configuration. */
export interface Task {
  readonly kind: TaskKind;
  readonly family?: string;
  /** The census's part of the sweep's d (censusParts). */
  readonly part?: number;
  readonly config: ReproduceConfig;
}

export interface TaskResult<K extends TaskKind = TaskKind> {
  readonly files: Map<string, string>;
  readonly outcome: TaskOutcomes[K];
}

/** The task's name in progress lines and errors, e.g. "series 1b". */
export function taskLabel(t: Task): string {
  if (t.kind === "discovery") return `discovery d = ${t.config.discovery.d}, ${t.config.discovery.runs} runs`;
  if (t.kind === "census") return `census ${censusPartLabel(t)}`;
  return t.family === undefined ? t.kind : `${t.kind} ${t.family}`;
}

/** A census task's d, e.g. "d = 6..43". */
export function censusPartLabel(t: Task): string {
  const ds = censusParts(t.config.census.ds, t.config.census.tasks)[t.part ?? 0]!;
  return `d = ${ds[0]}${ds.length > 1 ? `..${ds[ds.length - 1]}` : ""}`;
}

/** Run one task (in the main thread or in a worker), reporting its inner progress to `progress`. */
export async function runTask(t: Task, progress: (text: string) => void): Promise<TaskResult> {
  const c = t.config;
  const family = (): ReturnType<typeof familyByName> => {
    if (t.family === undefined) throw new Error(`task ${t.kind} needs a family`);
    return familyByName(t.family);
  };
  switch (t.kind) {
    case "discovery": {
      const report = discover({ ...c.discovery, init: "all", onProgress: (k, n) => progress(`${k}/${n} runs`) });
      return { files: new Map([[join("series", "discovery.json"), `${JSON.stringify(discoveryJson(report), null, 2)}\n`]]), outcome: { points: report.points.length } };
    }
    case "series":
      return seriesStep(family(), c, progress);
    case "spectrum":
      return spectrumStep(family(), c, progress);
    case "eigen-series":
      return eigenStep(family(), c, progress);
    case "crossing":
      return crossingStep(family(), c, progress);
    case "annihilation":
      return { files: new Map(), outcome: { rows: annihilationRows(family(), c.annihilation, progress), phases: familyPhases(family(), c.annihilationPhase, (text) => progress(`phase diagram, ${text}`)) } };
    case "plots": {
      // One spectrum plot per model (docs/models.md); the loss, the same in every model, from the trained one.
      const files = new Map<string, string>();
      const plots = [];
      for (const model of familyModels(family())) {
        const p = await familyPlotFile(family(), join("series", "plots"), { ...c.plot, model }, (text) => progress(`${model.secondLayer}, ${text}`));
        for (const [path, text] of p.files) files.set(path, text);
        plots.push({ model, plot: p });
      }
      const crossings = plots.map(({ model, plot }) => (plots.length === 1 ? plot.crossings : `${model.secondLayer}: ${plot.crossings}`)).join("; ");
      return { files, outcome: { lossRows: plots[0]!.plot.lossRows, crossings } };
    }
    case "templates":
      return templateStep(t.family!, c, progress);
    case "template-series":
      return { files: new Map(), outcome: templateSeriesWork(t.family!, c.seriesOrder, c.templates.seriesPMax, progress) };
    case "rays":
      return rayStep(c, progress);
    case "census":
      return { files: new Map(), outcome: censusSweep(censusParts(c.census.ds, c.census.tasks)[t.part ?? 0]!, c.census.classes, progress, c.census.runs) };
    case "tutorial":
      return { files: new Map([[join("docs", "tutorial.md"), tutorialMarkdown((line) => progress(line.replace(/^tutorial: /, "")))]]), outcome: null };
  }
}

export default runTask;

/** The tasks as work for the pool (src/present/pool.ts): a worker imports this module and runs runTask. */
export const reproduceWork: PoolWork<Task, TaskResult> = { run: runTask, module: workModule(import.meta.url, "./tasks.js"), label: taskLabel };
