import { familyWidthOffset } from "../families/models.js";
import { annihilationJson, annihilationMarkdown } from "./annihilationTable.js";
import { phaseFiles } from "./annihilationPhase.js";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import type { FamilyDefinition } from "../families/definition.js";
import { FAMILIES } from "../families/registry.js";
import { instanceName } from "../families/template.js";
import { TEMPLATES } from "../families/templates.js";
import { isotropyName } from "../families/isotropy.js";
import { leadingSystemsDoc } from "../output/leadingSystemsDoc.js";
import { formulasPage } from "../output/formulaDocument.js";
import type { LossRow } from "../plots/lossPlot.js";
import { censusPlotFiles, lossPlotFile, templateCrossingPlotFile } from "../present/plotFiles.js";
import { censusParts, censusPlotRows, censusSweepMarkdown } from "./censusSweep.js";
import { cellPoints, instancesToIdentify, templateBoundaries, templateCells, templateCellsMarkdown } from "./censusTemplates.js";
import { instancePoints } from "./instancePoints.js";
import type { ReproduceConfig } from "./config.js";
import type { FullHessianCheck } from "./fullHessianCheck.js";
import type { CrossingOutcome, SeriesOutcome } from "./familySteps.js";
import { bifurcationMarkdown, bifurcationTableJson } from "./bifurcationTable.js";
import { runPool } from "../present/pool.js";
import { stepProgress } from "./progress.js";
import { Staging } from "./staging.js";
import { instanceChecks } from "../present/templateSeries.js";
import { documentFiles } from "../output/documentFiles.js";
import { templateSeriesDocument } from "../output/templateSeriesDocument.js";
import { summaryJson, summaryMarkdown, type SummaryRow } from "./summary.js";
import { reproduceWork, taskLabel, type Task, type TaskKind, type TaskOutcomes, type TaskResult } from "./tasks.js";

/** The steps of a reproduction, in the order they run (docs/reproduce.md). */
export type StepName = "discovery" | "census" | "series" | "spectrum" | "eigen-series" | "crossing" | "templates" | "annihilation" | "plots" | "docs" | "summary";

// The census after the templates: it is compared with their crossing tables.
const STEPS: readonly StepName[] = ["discovery", "series", "spectrum", "eigen-series", "crossing", "templates", "census", "annihilation", "plots", "docs", "summary"];

/** The templates whose crossing tables a run over all families writes (docs/census.md §7). */
const TABLED_TEMPLATES = ["a", "b", "c"] as const;

/** The instances whose series at fixed p a run over all families writes: p = 1..seriesPMax of each template with a series declaration. */
function templateSeriesInstances(c: ReproduceConfig): string[] {
  return TEMPLATES.filter((t) => t.series !== undefined).flatMap((t) => Array.from({ length: Math.min(c.templates.seriesPMax, t.p.max) - t.p.min + 1 }, (_, i) => instanceName(t, t.p.min + i)));
}

/** The templates whose series with p a symbol a run over all families writes (those with a series declaration). */
const SERIES_TEMPLATES = TEMPLATES.filter((t) => t.series !== undefined);

/** The steps run once per family, in their order. */
const FAMILY_STEPS = ["series", "spectrum", "eigen-series", "crossing", "annihilation", "plots"] as const;

/**
 * The order in which a pool starts the tasks: the longest first (the tutorial, then the crossings and the
 * plots), so that no long task starts last while the other workers sit idle; discovery (under a minute)
 * early, so that its step is done early.
 */
const POOL_ORDER: readonly TaskKind[] = ["tutorial", "census", "templates", "rays", "template-series", "discovery", "crossing", "plots", "eigen-series", "series", "annihilation", "spectrum"];

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
  /**
   * Worker threads that run the tasks (discovery, each family's steps, the tutorial); default: one per core
   * (os.availableParallelism()). 1 runs them one after another in this thread. The files are the same bytes.
   */
  readonly jobs?: number;
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

/** The step a task belongs to. */
const stepOf = (t: Task): StepName => (t.kind === "tutorial" ? "docs" : t.kind === "rays" || t.kind === "template-series" ? "templates" : t.kind);

/** The line that ends a task on stderr. */
function describe(t: Task, r: TaskResult): string | undefined {
  const o = r.outcome;
  switch (t.kind) {
    case "discovery":
      return `${(o as TaskOutcomes["discovery"]).points} distinct critical points`;
    case "series": {
      const s = o as SeriesOutcome | null;
      if (s === null) return "none: a bounded family";
      return `loss limit ${s.lossLimit.exact}; ${s.passed ? "verified" : "NOT verified"} (worst slope ${s.worstSlope.slope.toFixed(2)})`;
    }
    case "spectrum": {
      const h = o as TaskOutcomes["spectrum"];
      const line = (m: string, x: FullHessianCheck): string => `${m} ${x.passed ? "agrees" : "DISAGREES"} (worst ${x.worstDifference.toExponential(1)})`;
      return `full Hessian at d = ${h.trained.d}: ${line("trained", h.trained)}${h.fixed === null ? "" : `; ${line("fixed", h.fixed)}`}`;
    }
    case "eigen-series":
      return o as string;
    case "crossing": {
      const x = o as TaskOutcomes["crossing"];
      const line = (o: CrossingOutcome): string =>
        `${o.toMinimum.length === 0 ? "no saddle-to-minimum crossing" : `saddle to minimum at d = ${o.toMinimum.join(", ")}`}, ${o.bifurcations.filter((b) => b.branch !== "none").length} branches`;
      return x.fixed === null ? line(x.trained) : `trained: ${line(x.trained)}; fixed: ${line(x.fixed)}`;
    }
    case "annihilation": {
      const { rows } = o as TaskOutcomes["annihilation"];
      return rows.length === 0 ? "none (a family at another width)" : rows.map((r) => `${r.model.secondLayer}: smallest H ${r.smallestH ?? "none"}`).join("; ");
    }
    case "plots":
      return `${t.config.plot.points} points; crossings: ${(o as TaskOutcomes["plots"]).crossings}`;
    case "templates":
      return `${(o as TaskOutcomes["templates"]).length} crossings d*(p)`;
    case "rays":
      return `${o as TaskOutcomes["rays"]} rays p = d/k`;
    case "template-series":
      return `coefficients as functions of p to order ${t.config.seriesOrder}, taken at p = 1..${(o as TaskOutcomes["template-series"]).specialized.length}`;
    case "census": {
      const rows = o as TaskOutcomes["census"];
      const minima = (model: string): number => rows.filter((r) => r.secondLayer === model).reduce((s, r) => s + r.minima, 0);
      return `${rows.length / 2} d, minima in all: ${minima("trained")} trained, ${minima("fixed")} fixed`;
    }
    case "tutorial":
      return undefined;
  }
}

async function runSteps(o: ReproduceOptions, staging: Staging): Promise<SummaryRow[]> {
  const c = o.config;
  const jobs = o.jobs ?? availableParallelism();
  const progress = stepProgress(o.log);
  const all = o.families.length === FAMILIES.length;
  // The tutorial runs its commands on the committed inputs (about 3 minutes): full runs over all families only.
  const tutorial = all && c.name === "full";

  const documented: Task[] = [
    { kind: "discovery", config: c },
    ...censusParts(c.census.ds, c.census.tasks).map((_, part): Task => ({ kind: "census", part, config: c })),
    ...FAMILY_STEPS.flatMap((kind) => o.families.map((f): Task => ({ kind, family: f.name, config: c }))),
    ...(all ? TABLED_TEMPLATES.map((name): Task => ({ kind: "templates", family: name, config: c })) : []),
    ...(all ? [{ kind: "rays", config: c } as Task] : []),
    ...(all ? templateSeriesInstances(c).map((name): Task => ({ kind: "series", family: name, config: c })) : []),
    ...(all ? SERIES_TEMPLATES.map((t): Task => ({ kind: "template-series", family: t.name, config: c })) : []),
    ...(tutorial ? [{ kind: "tutorial", config: c } as Task] : []),
  ];
  const tasks = jobs <= 1 ? documented : [...documented].sort((x, y) => POOL_ORDER.indexOf(x.kind) - POOL_ORDER.indexOf(y.kind));

  const outcomes = new Map<string, unknown>();
  const key = (kind: TaskKind, family?: string): string => `${kind} ${family ?? ""}`;
  const outcome = <K extends TaskKind>(kind: K, family?: string): TaskOutcomes[K] => outcomes.get(key(kind, family)) as TaskOutcomes[K];

  // What a step does once all its tasks are done (in the order of STEPS), then the afterStep hook.
  const finish: Partial<Record<StepName, () => Promise<void>>> = {
    templates: async () => {
      if (!all) return;
      const p = progress.begin("templates", "templates-crossing.svg");
      staging.write(await templateCrossingPlotFile(TABLED_TEMPLATES.flatMap((name) => outcome("templates", name)), join("series", "plots")));
      p.done();
      // The series in p against the fixed-p series of this run (staged by the series step, docs/census.md §7).
      for (const t of SERIES_TEMPLATES) {
        const q = progress.begin("templates", `${t.name}.p.json, .md, .tex`);
        const { data, specialized } = outcome("template-series", t.name);
        const checks = instanceChecks(t.name, specialized, staging.dir);
        staging.write(documentFiles(templateSeriesDocument(data, checks), join("series", `${t.name}.p`)));
        const differ = checks.filter((x) => x.mismatches.length > 0).map((x) => x.p);
        q.done(differ.length === 0 ? `agrees with the fixed-p series at p = ${checks.map((x) => x.p).join(", ")}` : `DISAGREES with the fixed-p series at p = ${differ.join(", ")}`);
      }
    },
    census: async () => {
      const p = progress.begin("census", "census.md, census-minima.svg, census-p.svg");
      const parts = censusParts(c.census.ds, c.census.tasks).flatMap((_, part) => outcome("census", String(part)));
      const rows = [...parts.filter((r) => r.secondLayer === "trained"), ...parts.filter((r) => r.secondLayer === "fixed")];
      // Without the templates (a run over some families) every cell is untabled, and the section says so.
      const crossings = all ? TABLED_TEMPLATES.flatMap((name) => outcome("templates", name)) : [];
      const instances = instancePoints(instancesToIdentify(rows, crossings), (text) => p.update(`walking ${text}`));
      const cells = templateCells(rows, crossings, instances);
      staging.write(new Map([[join("series", "census.md"), `${censusSweepMarkdown(rows, c.census.ds, c.census.classes)}\n${templateCellsMarkdown(cells).join("\n")}\n`]]));
      staging.write(await censusPlotFiles(censusPlotRows(rows), { model: "trained", points: cellPoints(cells, "trained") }, templateBoundaries(crossings), join("series", "plots")));
      p.done();
    },
    crossing: async () => {
      if (!all) {
        progress.note("crossing: bifurcation.md kept: the table is written only by a run over all families");
        return;
      }
      const p = progress.begin("crossing", "bifurcation.md, bifurcation.json");
      const rows = o.families.flatMap((f) => {
        const x = outcome("crossing", f.name);
        return [...x.trained.bifurcations, ...(x.fixed?.bifurcations ?? [])];
      });
      staging.write(new Map([
        [join("series", "bifurcation.md"), bifurcationMarkdown(rows, c.bifurcation.top, c.bifurcation.digits)],
        [join("series", "bifurcation.json"), bifurcationTableJson(rows)],
      ]));
      p.done();
    },
    annihilation: async () => {
      if (!all) {
        progress.note("annihilation: annihilation.md kept: the table is written only by a run over all families");
        return;
      }
      const p = progress.begin("annihilation", "annihilation.md, annihilation.json, annihilation-phase.json, annihilation-phase.svg");
      const rows = o.families.flatMap((f) => outcome("annihilation", f.name).rows);
      const phases = o.families.flatMap((f) => outcome("annihilation", f.name).phases);
      staging.write(new Map([
        [join("series", "annihilation.md"), annihilationMarkdown(rows, c.annihilation.neurons)],
        [join("series", "annihilation.json"), annihilationJson(rows, c.annihilation.neurons)],
        ...(await phaseFiles(phases, c.annihilationPhase, join("series", "annihilation-phase.json"), join("series", "plots", "annihilation-phase.svg"))),
      ]));
      p.done();
    },
    plots: async () => {
      if (!all) {
        progress.note("plots: loss.svg kept: it is drawn only by a run over all families");
        return;
      }
      const p = progress.begin("plots", "loss.svg");
      const rows: LossRow[] = o.families.flatMap((f) => outcome("plots", f.name).lossRows);
      staging.write(await lossPlotFile(rows, join("series", "plots")));
      p.done();
    },
    docs: async () => {
      const p = progress.begin("docs", "cli.md, leading-systems.md, formulas.md");
      staging.write(new Map([
        [join("docs", "cli.md"), o.cliReference],
        [join("docs", "leading-systems.md"), leadingSystemsDoc(FAMILIES)],
        [join("docs", "formulas.md"), formulasPage(FAMILIES)],
      ]));
      p.done(tutorial ? undefined : "tutorial.md kept: it is regenerated by a full run over all families");
    },
  };
  const remaining = new Map<StepName, number>(STEPS.map((s) => [s, 0]));
  for (const t of tasks) remaining.set(stepOf(t), remaining.get(stepOf(t))! + 1);
  let next = 0;
  let finishing = Promise.resolve();
  // One at a time (results may arrive while a step is finishing), so the steps finish in their order.
  const advance = (): Promise<void> =>
    (finishing = finishing.then(async () => {
      while (next < STEPS.length - 1 && remaining.get(STEPS[next]!) === 0) {
        const step = STEPS[next++]!;
        await finish[step]?.();
        o.afterStep?.(step);
      }
    }));

  // Progress: a line when a task starts and ends; a task's result may arrive before its worker's first message.
  const running = new Map<number, ReturnType<typeof progress.begin>>();
  const ended = new Set<number>();
  const begin = (i: number): ReturnType<typeof progress.begin> | undefined => {
    if (ended.has(i)) return undefined;
    let p = running.get(i);
    if (p === undefined) {
      const t = tasks[i]!;
      p = t.kind === "discovery" || t.kind === "census" ? progress.begin(t.kind, taskLabel(t).slice(t.kind.length + 1)) : progress.begin(t.kind, t.family);
      running.set(i, p);
    }
    return p;
  };

  await advance();
  await runPool(reproduceWork, tasks, jobs, {
    begin: (i) => void begin(i),
    update: (i, text) => begin(i)?.update(text),
    async done(i, r) {
      const t = tasks[i]!;
      const p = begin(i)!;
      ended.add(i);
      running.delete(i);
      staging.write(r.files);
      outcomes.set(key(t.kind, t.kind === "census" ? String(t.part) : t.family), r.outcome);
      p.done(describe(t, r));
      remaining.set(stepOf(t), remaining.get(stepOf(t))! - 1);
      await advance();
    },
  });

  const rows = o.families.map((f): SummaryRow => {
    const s = outcome("series", f.name);
    const h = outcome("spectrum", f.name);
    return {
      family: f.name,
      isotropy: isotropyName(f.p, familyWidthOffset(f), f.split),
      config: c.name,
      lossLimit: s?.lossLimit ?? null,
      crossings: outcome("crossing", f.name).trained.toMinimum,
      fixedCrossings: outcome("crossing", f.name).fixed?.toMinimum ?? null,
      eigenSeries: outcome("eigen-series", f.name),
      series: s,
      fullHessian: h.trained,
      fixedFullHessian: h.fixed,
      verified: (s?.passed ?? true) && h.trained.passed && (h.fixed?.passed ?? true),
    };
  });
  staging.write(new Map([
    [join("series", "summary.md"), summaryMarkdown(rows, c)],
    [join("series", "summary.json"), summaryJson(rows, c)],
  ]));
  o.afterStep?.("summary");
  return rows;
}
