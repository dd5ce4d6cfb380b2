import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { all, create } from "mathjs";
import { beforeAll, describe, expect, it } from "vitest";
import { commands } from "../src/cli/commands.js";
import { cliReference } from "../src/cli/reference.js";
import { familyCriticalPoint } from "../src/families/critical.js";
import { familyModels, familyWidthOffset } from "../src/families/models.js";
import { FAMILIES, findFamily } from "../src/families/registry.js";
import { familySpectrum } from "../src/hessian/spectrum.js";
import { FULL_CONFIG, QUICK_CONFIG } from "../src/reproduce/config.js";
import { reproduce, type StepName } from "../src/reproduce/pipeline.js";
import { STAGING_NAME, Staging } from "../src/reproduce/staging.js";
import type { SummaryRow } from "../src/reproduce/summary.js";

const math = create(all, { number: "BigNumber", precision: 64 });

// A quick reproduction of family 1b into a temporary folder on two worker threads (docs/reproduce.md): the
// files, the summary against independent recomputation, the same bytes as a run in one thread, and that a
// failing run (a failing step or a failing worker) leaves the folder as it was.

const f1b = findFamily("1b");
const root = mkdtempSync(join(tmpdir(), "spurious-reproduce-"));
const silent = (): void => {};
let rows: SummaryRow[];
let written: string[];

/** Every file under dir (relative path -> content). */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p, "utf8"));
    }
  };
  walk(dir);
  return out;
}

const read = (path: string): string => readFileSync(join(root, path), "utf8");

beforeAll(async () => {
  ({ rows, written } = await reproduce({ families: [f1b], root, config: QUICK_CONFIG, jobs: 2, cliReference: cliReference(commands), log: silent }));
}, 120_000);

describe("a quick reproduction of family 1b", () => {
  it("writes the files of every step, and no staging folder remains", () => {
    const expected = [
      "docs/cli.md",
      "docs/formulas.md",
      "docs/leading-systems.md",
      "series/1b.bifurcation.json",
      "series/1b.crossing.json",
      "series/1b.eigen.json",
      "series/1b.eigen.md",
      "series/1b.eigen.tex",
      "series/1b.fixed.bifurcation.json",
      "series/1b.fixed.crossing.json",
      "series/1b.fixed.eigen.json",
      "series/1b.fixed.eigen.md",
      "series/1b.fixed.eigen.tex",
      "series/1b.fixed.spectrum.json",
      "series/1b.json",
      "series/1b.md",
      "series/1b.spectrum.json",
      "series/1b.tex",
      "series/census.md",
      "series/discovery.json",
      "series/plots/1b-bifurcation.svg",
      "series/plots/1b-fixed-bifurcation.svg",
      "series/plots/1b-fixed-spectrum.svg",
      "series/plots/1b-spectrum.svg",
      "series/plots/census-minima.svg",
      "series/plots/census-p.svg",
      "series/summary.json",
      "series/summary.md",
    ];
    expect(written).toEqual(expected);
    expect([...snapshot(root).keys()].sort()).toEqual(expected);
    expect(existsSync(join(root, STAGING_NAME))).toBe(false);
  });

  it("the summary row: isotropy, verified, and the loss limit and its approach against the critical point at d = 1e8", () => {
    expect(rows).toHaveLength(1);
    const r = rows[0]!;
    expect(r.isotropy).toBe("Delta(S_d)");
    expect(r.verified).toBe(true);
    // The exact strings, evaluated independently (mathjs, 64 digits), are the printed decimals.
    const approach = r.series!.lossApproach!;
    const lossLimit = r.lossLimit!;
    for (const v of [lossLimit, approach]) expect(Number(math.evaluate(v.exact).toString())).toBeCloseTo(Number(v.decimal), 14);
    // L(d) - limit = c d^power (1 + O(d^(-1/2))): at d = 1e8 the relative remainder is ~1e-4.
    const d = 1e8;
    const loss = familyCriticalPoint(f1b, String(d), 30).loss.toNumber();
    const [num, den = "1"] = approach.dPower.split("/");
    const leading = Number(approach.decimal) * Math.pow(d, Number(num) / Number(den));
    expect(Math.abs((loss - Number(lossLimit.decimal) - leading) / leading)).toBeLessThan(1e-3);
    expect(JSON.parse(read("series/summary.json")).rows[0].family).toBe("1b");
    expect(read("series/summary.md")).toContain(`| 1b (quick) | Delta(S_d) | ${lossLimit.exact} = ${lossLimit.decimal.slice(0, 12)}... |`);
  });

  it("the crossing d: the spectrum has negative eigenvalues just below it and none just above", () => {
    const crossings = rows[0]!.crossings;
    expect(crossings).toHaveLength(1);
    const d = Number(crossings[0]);
    const below = familySpectrum(f1b, String(d * (1 - 1e-9)), 30);
    const above = familySpectrum(f1b, String(d * (1 + 1e-9)), 30);
    expect(below.inertia.negative.toNumber()).toBeGreaterThan(0);
    expect(above.inertia.negative.toNumber()).toBe(0);
  });

  it("the bifurcation files: the crossings of the crossing file, the pitchforks at the saddle-to-minimum one above d*, its diagram", () => {
    for (const infix of ["", ".fixed"]) {
      const crossing = JSON.parse(read(`series/1b${infix}.crossing.json`));
      const b = JSON.parse(read(`series/1b${infix}.bifurcation.json`));
      expect(b.crossings.map((c: { d: string }) => c.d)).toEqual(crossing.crossings.map((c: { d: string }) => c.d));
      const toMinimum = b.crossings.find((c: { direction: string }) => c.direction === "saddle to minimum");
      // One branch per axial subgroup of [n-2,1,1] (docs/bifurcation.md §2).
      expect(toMinimum.branches.map((x: { subgroup: string; type: string; side: string }) => [x.subgroup, x.type, x.side])).toEqual([
        ["S_{n-2}", "pitchfork", "above"],
        ["S_{n-3} x S_2", "pitchfork", "above"],
        ["S_{n-3} x Z_3 (3-cycle)", "pitchfork", "above"],
      ]);
      // Followed to the top of the quick configuration.
      expect(Math.max(...toMinimum.branches[0].points.map((p: { d: string }) => Number(p.d)))).toBe(Number(QUICK_CONFIG.bifurcation.top));
      expect(read(`series/plots/1b${infix.replace(".", "-")}-bifurcation.svg`)).toContain(`d* = ${Number(toMinimum.d).toPrecision(6)}`);
    }
  });

  it("the spectrum file: d = 2, 20, 1e4, d^2 + d eigenvalues at d = 20, the full-Hessian check passed", () => {
    const j = JSON.parse(read("series/1b.spectrum.json"));
    expect(j.spectra.map((s: { d: string }) => s.d)).toEqual(["2", "20", "1e4"]);
    const at20 = j.spectra[1].inertia;
    expect(Number(at20.negative) + Number(at20.zero) + Number(at20.positive)).toBe(420);
    expect(j.fullHessianCheck).toMatchObject({ d: 20, size: 420, passed: true });
  });

  it("discovery, eigen-series order, plots and docs", () => {
    const discovery = JSON.parse(read("series/discovery.json"));
    expect([discovery.d, discovery.runs, discovery.seed]).toEqual([QUICK_CONFIG.discovery.d, QUICK_CONFIG.discovery.runs, QUICK_CONFIG.discovery.seed]);
    expect(JSON.parse(read("series/1b.eigen.json")).order).toBe(QUICK_CONFIG.eigenOrder);
    expect(rows[0]!.eigenSeries).toBe(`order ${QUICK_CONFIG.eigenOrder}`);
    expect(read("series/plots/1b-spectrum.svg")).toMatch(/^<svg/);
    expect(read("docs/cli.md")).toBe(cliReference(commands));
    expect(JSON.parse(read("series/1b.json")).order).toBe(QUICK_CONFIG.seriesOrder);
    // The census page: a row per model at each d of the configuration, and its two plots.
    const census = read("series/census.md");
    for (const d of QUICK_CONFIG.census.ds) expect(census.split("\n").filter((l) => l.startsWith(`| ${d} |`))).toHaveLength(2);
    // What random training reaches at the d of the runs, per model (docs/census.md §10).
    expect(census.match(new RegExp(`^## What random training reaches: d = ${QUICK_CONFIG.census.runs.d},`, "gm"))).toHaveLength(2);
    expect(read("series/plots/census-minima.svg")).toMatch(/^<svg/);
    expect(read("series/plots/census-p.svg")).toMatch(/^<svg/);
  });
});

describe("parallel and serial runs", () => {
  it("--jobs 1 (in this thread, in order) writes the same bytes as --jobs 2 (worker threads), file for file", async () => {
    const serial = mkdtempSync(join(tmpdir(), "spurious-reproduce-serial-"));
    const lines: string[] = [];
    const r = await reproduce({ families: [f1b], root: serial, config: QUICK_CONFIG, jobs: 1, cliReference: cliReference(commands), log: (l) => lines.push(l) });
    expect(r.written).toEqual(written);
    const a = snapshot(root);
    const b = snapshot(serial);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [path, text] of a) expect(Buffer.from(b.get(path)!).equals(Buffer.from(text)), path).toBe(true);
    // One line per write, each naming its step (and family).
    expect(lines.every((l) => !l.includes("\n") && /^reproduce: (?:(discovery|census|series 1b|spectrum 1b|eigen-series 1b|crossing 1b|annihilation|plots|docs)\b|crossing:)/.test(l)), lines.join("\n")).toBe(true);
  }, 120_000);
});

describe("atomicity", () => {
  it.each(["discovery", "series"] as StepName[])("a run failing after the %s step leaves every file as it was", async (step) => {
    const before = snapshot(root);
    const failing = reproduce({
      families: [f1b],
      root,
      config: QUICK_CONFIG,
      jobs: 1,
      cliReference: cliReference(commands),
      log: silent,
      afterStep: (s) => {
        if (s === step) throw new Error(`injected failure after ${s}`);
      },
    });
    await expect(failing).rejects.toThrow(`injected failure after ${step}`);
    expect(snapshot(root)).toEqual(before);
  }, 60_000);

  it("a task failing in a worker fails the run, naming the task and its error, stops the other workers, and leaves every file as it was", async () => {
    const before = snapshot(root);
    // A family the workers cannot find (they look families up by name): its tasks fail at once (the first to
    // fail is named), while the other worker runs family 1b's crossings (seconds of work), which are stopped.
    const unknown = { ...f1b, name: "9z" };
    const lines: string[] = [];
    const failing = reproduce({ families: [f1b, unknown], root, config: QUICK_CONFIG, jobs: 2, cliReference: cliReference(commands), log: (l) => lines.push(l) });
    await expect(failing).rejects.toThrow(/^(crossing|plots|eigen-series|series|spectrum) 9z failed: unknown family '9z'/);
    expect(lines.some((l) => l.startsWith("reproduce: crossing 1b done"))).toBe(false);
    expect(snapshot(root)).toEqual(before);
  }, 60_000);

  it("a staging folder left by an interrupted run is removed by the next", () => {
    const dir = mkdtempSync(join(tmpdir(), "spurious-staging-"));
    mkdirSync(join(dir, STAGING_NAME, "series"), { recursive: true });
    writeFileSync(join(dir, STAGING_NAME, "series", "half.json"), "{");
    const s = new Staging(dir);
    expect(readdirSync(s.dir)).toEqual([]);
    s.write(new Map([["series/x.json", "1\n"]]));
    s.commit();
    expect(snapshot(dir)).toEqual(new Map([["series/x.json", "1\n"]]));
  });
});

describe("committed eigen-series orders", () => {
  it("every family's series/<family>.eigen.json has the order a full reproduction regenerates (none for bounded families)", () => {
    for (const f of FAMILIES) {
      if (f.series === undefined) {
        expect(existsSync(join("series", `${f.name}.eigen.json`))).toBe(false);
        continue;
      }
      const path = join("series", `${f.name}.eigen.json`);
      expect(existsSync(path), path).toBe(true);
      expect(JSON.parse(readFileSync(path, "utf8")).order, path).toBe(FULL_CONFIG.eigenOrder);
    }
  });
});

describe("the committed annihilation table", () => {
  it("has a row per family at k = d and model, each smallest H the first H whose verdict is saddle (0: the family is a saddle)", () => {
    const table = JSON.parse(readFileSync(join("series", "annihilation.json"), "utf8")) as {
      neurons: number[];
      rows: { family: string; model: { secondLayer: string }; familyIsMinimum: boolean; verdicts: { neurons: number; verdict: string }[]; smallestH: number | null }[];
    };
    const expected = FAMILIES.filter((f) => familyWidthOffset(f) === 0).flatMap((f) => familyModels(f).map((m) => `${f.name} ${m.secondLayer}`));
    expect(table.rows.map((r) => `${r.family} ${r.model.secondLayer}`)).toEqual(expected);
    for (const r of table.rows) {
      expect(r.verdicts.map((v) => v.neurons)).toEqual(table.neurons);
      const firstSaddle = r.verdicts.find((v) => v.verdict === "saddle")?.neurons;
      if (!r.familyIsMinimum) expect(r.smallestH, r.family).toBe(0);
      else if (firstSaddle !== undefined) expect(r.smallestH, `${r.family} ${r.model.secondLayer}`).toBe(firstSaddle);
      else expect(r.smallestH === null || r.smallestH > table.neurons[table.neurons.length - 1]!, r.family).toBe(true);
    }
  });
});
