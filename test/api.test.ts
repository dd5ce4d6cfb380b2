import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it, vi } from "vitest";
import { runCli } from "../src/cli/run.js";
import * as api from "../src/api/index.js";

// docs/api.md: every ```ts example runs (its `from "spurious"` pointed at src/api/index.ts, so the current
// sources are tested), and what each returns is the --json output of the matching command, run in-process.

const page = readFileSync("docs/api.md", "utf8");
const examples = [...page.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
const scratch = mkdtempSync(join(tmpdir(), "spurious-api-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Run one example as a module (console silenced); its top-level `const`s are exported for the checks. */
async function runExample(code: string, index: number): Promise<Record<string, unknown>> {
  const names = [...code.matchAll(/^const (\w+)/gm)].map((m) => m[1]!);
  const source = code.replaceAll('from "spurious"', `from ${JSON.stringify(resolve("src/api/index.ts"))}`) + `\nexport { ${names.join(", ")} };\n`;
  // A .tmp.ts file in the checkout (git ignores *.tmp.ts), so vitest compiles it like the tests.
  const file = resolve(`test/api-example-${index}-${process.pid}.tmp.ts`);
  writeFileSync(file, source);
  const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
  try {
    return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } finally {
    log.mockRestore();
    rmSync(file, { force: true });
  }
}

/** What `spurious <args>` prints on stdout, run in-process (progress on stderr silenced). */
async function cliJson(args: string[]): Promise<unknown> {
  let out = "";
  const stdout = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  try {
    await runCli(args);
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
    process.exitCode = undefined;
  }
  return JSON.parse(out);
}

const tableFile = join(scratch, "table.csv");
writeFileSync(tableFile, ["family,quantity,power,value", "1b,x1,0,-1", "1b,x1,-1,2"].join("\n"));

/** Each function's example in docs/api.md: the variable holding its result and the command that prints the same. */
const MATCHING: Record<string, { variable: string; command: string[] }> = {
  families: { variable: "rows", command: ["families", "--json"] },
  criticalPoint: { variable: "point", command: ["critical", "2a", "--d", "10000", "--digits", "20", "--json"] },
  series: { variable: "s", command: ["series", "1b", "--order", "2", "--json"] },
  spectrum: { variable: "h", command: ["spectrum", "2a", "--d", "10000", "--digits", "20", "--json"] },
  eigenSeries: { variable: "e", command: ["eigen-series", "1b", "--order", "1", "--json"] },
  crossings: { variable: "c", command: ["crossing", "1b", "--digits", "15", "--second-layer", "fixed", "--json"] },
  templateCrossing: { variable: "t", command: ["crossing", "a", "--p", "2", "--digits", "15", "--json"] },
  templateSeries: { variable: "s", command: ["series", "b", "--p", "symbolic", "--order", "2", "--json"] },
  bifurcation: { variable: "b", command: ["bifurcation", "2a", "--top", "5", "--json"] },
  bifurcationDiagram: { variable: "b", command: ["bifurcation", "2a", "--top", "5", "--json"] },
  annihilation: { variable: "a", command: ["annihilation", "2a", "--d", "6", "--second-layer", "fixed", "--json"] },
  formula: { variable: "loss", command: ["formula", "2a", "--gradient", "--json"] },
  check: { variable: "verdicts", command: ["check", tableFile, "--order", "2", "--json"] },
  discover: { variable: "found", command: ["discover", "--d", "6", "--runs", "4", "--seed", "1", "--json"] },
  census: { variable: "points", command: ["census", "--d", "6", "--classes", "2", "--second-layer", "fixed", "--runs", "4", "--json"] },
};

/** The function an example shows: the one it imports, under a heading of that name. */
const sections = [...page.matchAll(/^## (\w+)\n[\s\S]*?```ts\n([\s\S]*?)```/gm)].map((m) => ({ name: m[1]!, code: m[2]! }));

describe("docs/api.md", () => {
  it("has one section with one example per function of the library, and the error example", () => {
    const functions = Object.entries(api).filter(([, v]) => typeof v === "function").map(([k]) => k).sort();
    expect(sections.map((s) => s.name).sort()).toEqual(functions);
    expect(Object.keys(MATCHING).sort()).toEqual(functions);
    expect(examples).toHaveLength(functions.length + 1);
    for (const s of sections) expect(s.code).toContain(`import { ${s.name} } from "spurious";`);
  });

  it("the error example throws a RangeError naming the value and the family's range", async () => {
    await expect(runExample(examples[0]!, 0)).resolves.toBeDefined();
    await expect(api.criticalPoint("2a", 1e20)).rejects.toThrow(new RangeError("d: 100000000000000000000 is outside family 2a's range [3, 1e12]"));
  });

  it.each(sections.map((s, i) => [s.name, s.code, i + 1] as const))("%s: the example runs and returns the command's --json", async (name, code, index) => {
    const { variable, command } = MATCHING[name]!;
    const exported = await runExample(code, index);
    expect(exported[variable], `${name} example's ${variable}`).toBeDefined();
    expect(exported[variable]).toEqual(await cliJson(command));
  }, 600_000);
});

describe("the library checks its arguments as the command line does", () => {
  it.each([
    [() => api.criticalPoint("9z", 10), /unknown family '9z' \(known families: 1a, 1b, 2a/],
    [() => api.criticalPoint("2a", 2), /d: 2 is outside family 2a's range \[3, 1e12\]/],
    [() => api.criticalPoint("2a", 10, { p: 3 }), /family 2a has no template/],
    [() => api.templateCrossing("a", 41), /template a is declared for p = 1 to 40/],
    [() => api.templateSeries("c"), /template: 'c' is not a template with a series declaration \(allowed: a, b\)/],
    [() => api.templateSeries("a", { order: 13 }), /order: 13 is outside the allowed range 0 to 12/],
    [() => api.spectrum("4", "1e13"), /d: 1e13 is outside family 4's range \[5, 1e12\]/],
    [() => api.spectrum("2a", Number.NaN), /d: 'NaN' is not a number/],
    [() => api.criticalPoint("2a", 10, { digits: 5 }), /digits: 5 is outside the allowed range 10 to 1000/],
    [() => api.series("1b", { order: 41 }), /order: 41 is outside the allowed range 0 to 40/],
    [() => api.series("1b", { order: 2.5 }), /order: '2.5' is not an integer \(allowed: 0 to 40\)/],
    [() => api.eigenSeries("1b", { order: 21 }), /order: 21 is outside the allowed range 0 to 20/],
    [() => api.crossings("1b", { digits: 14 }), /digits: 14 is outside the allowed range 15 to 200/],
    [() => api.check("family,quantity,power,value\n", { order: -1 }), /order: -1 is outside the allowed range 0 to 40/],
    [() => api.spectrum("2a", 10, { secondLayer: "frozen" as never }), /secondLayer: 'frozen' is not a second layer \(allowed: trained, fixed\)/],
    [() => api.crossings("2a", { width: "d+2" }), /family 2a has not been derived for the model with a trained second layer, k = d\+2/],
    [() => api.bifurcationDiagram({} as never), /document: not a document of bifurcation\(\)/],
    [() => api.annihilation("2a", { neurons: 0 }), /neurons: 0 is outside the allowed range 1 to 10/],
    [() => api.annihilation("2a", { d: 2 }), /d: 2 is outside family 2a's range \[3, 1e12\]/],
    [() => api.annihilation("2a", { series: 7 }), /series: 7 is outside the allowed range 0 to 6/],
    [() => api.annihilation("2a.d+1"), /family 2a\.d\+1 is at width d\+1: annihilation adds neurons to a family at k = d/],
    [() => api.discover({ d: 61, runs: 5 }), /d: 61 is outside the allowed range 2 to 60/],
    [() => api.census({ d: 3 }), /d: 3 is outside the allowed range 4 to 1000/],
    [() => api.census({ d: 10, classes: 4 }), /classes: 4 is outside the allowed range 1 to 3/],
    [() => api.census({ d: 10, secondLayer: "frozen" as never }), /secondLayer: 'frozen' is not a second layer/],
    [() => api.census({ d: 10, runs: -1 }), /runs: -1 is outside the allowed range 1 to 100000/],
    [() => api.census({ d: 10, runs: 5, init: "zeros" }), /init: 'zeros' is not an initialisation \(allowed: xavier, minus, mixed\)/],
    [() => api.census({ d: 10, threads: 0 }), /threads: 0 is outside the allowed range 1 to 256/],
    [() => api.discover({ d: 6, runs: 5, init: "gaussian" as never }), /init: 'gaussian' is not an initialisation \(allowed: all, xavier/],
  ])("%#: a RangeError naming the value", async (call, message) => {
    const error = await call().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(RangeError);
    expect((error as Error).message).toMatch(message);
  });
});
