import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { FAMILIES } from "../src/families/registry.js";
import { UsageError } from "../src/cli/command.js";
import { runCli } from "../src/cli/run.js";
import { spawnBin, spawnCli as run } from "./support/spawnCli.js";

describe("the spurious command line (spawned)", () => {
  it("lists its commands under --help", () => {
    const r = run("--help");
    expect(r.status).toBe(0);
    for (const name of ["discover", "families", "critical", "series", "verify", "reproduce"]) expect(r.stdout).toContain(name);
  });

  it("bin/spurious.js, the installed command, runs the compiled dist/ (npm install and npm test build it)", () => {
    const r = spawnBin("--help");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(run("--help").stdout);
  });

  it.each([
    [["frobnicate"], /unknown command 'frobnicate'/],
    [["critical", "2a", "--d", "1e20"], /outside family 2a's range/],
  ])("rejects %j with one line on stderr, nothing on stdout, and exit status 2", (args, message) => {
    const r = run(...args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });

  it("families --json lists every family with its multiplicity formula", () => {
    const r = run("families", "--json");
    expect(r.status).toBe(0);
    const rows = JSON.parse(r.stdout) as { family: string; multiplicity: string }[];
    expect(rows.map((x) => x.family)).toEqual(FAMILIES.map((f) => f.name));
  });

  it("critical --json reports a critical point whose gradient norm is tiny", () => {
    const r = run("critical", "1b", "--d", "7.25", "--digits", "20", "--json");
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout) as { family: string; params: Record<string, string>; gradientNorm: string };
    expect(j.family).toBe("1b");
    expect(Object.keys(j.params)).toEqual(["x1", "x2", "y1"]);
    expect(Number(j.gradientNorm)).toBeLessThan(1e-15);
  });

  it("formula --json --gradient gives the definitions, the loss and one derivative per parameter", () => {
    const r = run("formula", "2a", "--json", "--gradient");
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout) as { family: string; pattern: string; parameters: { name: string }[]; gauge: Record<string, number>; definitions: { name: string; text: string; latex: string }[]; loss: { text: string; latex: string }; gradient: { parameter: string }[] };
    expect(j.family).toBe("2a");
    expect(j.pattern).toBe("(d-1 | 1)");
    expect(j.parameters.map((p) => p.name)).toEqual(["x1", "x2", "x3", "x4", "x5", "y1", "y2"]);
    expect(j.gauge).toEqual({ y1: 1, y2: 1 });
    expect(j.gradient.map((g) => g.parameter)).toEqual(j.parameters.map((p) => p.name));
    expect(j.loss.text).toContain("K_AA");
    expect(j.definitions.find((x) => x.name === "t_AA")?.text).toBe("atan2(r_AA, p_AA)");
  });
});

// Bad input to every command, run in-process: the error is a UsageError or RangeError (main prints it as
// one line with exit status 2), its one-line message names the bad value and what is allowed, nothing is
// printed before it, and no --out folder is created.
const scratch = mkdtempSync(join(tmpdir(), "spurious-cli-"));
const aFile = join(scratch, "a-file");
writeFileSync(aFile, "not a folder\n");
const fresh = (name: string): string => join(scratch, name);
afterAll(() => vi.restoreAllMocks());

const BAD_INPUT: [string[], RegExp][] = [
  [["frobnicate"], /unknown command 'frobnicate' \(commands: discover, .*reproduce\)/],
  // discover
  [["discover", "--runs", "5"], /--d <int> is required \(2 to 60\)/],
  [["discover", "--d", "abc", "--runs", "5"], /--d: 'abc' is not an integer \(allowed: 2 to 60\)/],
  [["discover", "--d", "61", "--runs", "5"], /--d: 61 is outside the allowed range 2 to 60/],
  [["discover", "--d", "14", "--runs", "0"], /--runs: 0 is outside the allowed range 1 to 10000/],
  [["discover", "--d", "14", "--runs", "-3"], /--runs: -3 is outside the allowed range 1 to 10000/],
  [["discover", "--d", "NaN", "--runs", "5"], /--d: 'NaN' is not an integer/],
  [["discover", "--d", "14", "--runs", "5", "--seed", "1.5"], /--seed: '1.5' is not an integer \(allowed: 0 to 4294967295\)/],
  [["discover", "--d", "14", "--runs", "5", "--init", "foo"], /--init: 'foo' is not an initialisation \(allowed: all, xavier/],
  [["discover", "--d", "14", "--frob"], /discover: unknown option '--frob' \(options: --d, --runs/],
  [["discover", "extra", "--d", "14", "--runs", "5"], /discover: takes no positional arguments, got 'extra'/],
  // census
  [["census"], /census: --d <int> is required \(4 to 1000\)/],
  [["census", "--d", "3"], /--d: 3 is outside the allowed range 4 to 1000/],
  [["census", "--d", "1001"], /--d: 1001 is outside the allowed range 4 to 1000/],
  [["census", "--d", "12.5"], /--d: '12.5' is not an integer \(allowed: 4 to 1000\)/],
  [["census", "--d", "20", "--classes", "0"], /--classes: 0 is outside the allowed range 1 to 3/],
  [["census", "--d", "20", "--classes", "4"], /--classes: 4 is outside the allowed range 1 to 3/],
  [["census", "--d", "20", "--second-layer", "frozen"], /--second-layer: 'frozen' is not a second layer \(allowed: trained, fixed\)/],
  [["census", "--d", "20", "--all=yes"], /--all takes no value/],
  [["census", "12", "--d", "20"], /census: takes no positional arguments, got '12'/],
  [["census", "--d", "20", "--runs", "-1"], /--runs: -1 is outside the allowed range 1 to 100000/],
  [["census", "--d", "20", "--runs", "1.5"], /--runs: '1.5' is not an integer \(allowed: 1 to 100000\)/],
  [["census", "--d", "20", "--runs", "abc"], /--runs: 'abc' is not an integer \(allowed: 1 to 100000\)/],
  [["census", "--d", "20", "--runs", "5", "--init", "zeros"], /--init: 'zeros' is not an initialisation \(allowed: xavier, minus, mixed\)/],
  [["census", "--d", "20", "--runs", "5", "--seed", "-3"], /--seed: -3 is outside the allowed range 0 to 4294967295/],
  [["census", "--d", "20", "--seed", "3"], /census: --seed needs --runs <int>/],
  // families
  [["families", "1b"], /families: takes no positional arguments/],
  [["families", "--json=yes"], /--json takes no value/],
  // critical
  [["critical"], /critical: give exactly one family/],
  [["critical", "9z", "--d", "10"], /unknown family '9z' \(known families: 1a, 1b, 2a/],
  [["critical", "2a"], /--d <real> is required \(family 2a: d in \[3, 1e12\]\)/],
  [["critical", "2a", "--d"], /critical: --d needs a value <real>/],
  [["critical", "2a", "--d", "1e20"], /--d: 1e20 is outside family 2a's range \[3, 1e12\]/],
  [["critical", "2a", "--d", "2"], /--d: 2 is outside family 2a's range \[3, 1e12\]/],
  [["critical", "2a", "--p", "7", "--d", "30"], /--p: family 2a has no template \(templates: a, b, c/],
  [["critical", "a", "--d", "30"], /a is a template: give --p \(p = 1 to 40\)/],
  [["critical", "a", "--p", "41", "--d", "30"], /template a is declared for p = 1 to 40/],
  [["critical", "a", "--p", "x", "--d", "30"], /--p: 'x' is not an integer/],
  [["critical", "a", "--p", "7", "--d", "8"], /--d: 8 is outside family a.p7's range \[9, 1e12\]/],
  [["crossing", "2a", "--p", "3"], /--p: family 2a has no template/],
  [["crossing", "c", "--p", "2"], /template c is declared for p = 3 to 17/],
  [["propose", "4", "--p", "3"], /--p: family 4 has no template/],
  [["critical", "2a", "--d", "0"], /--d: 0 is outside family 2a's range/],
  [["critical", "2a", "--d", "-5"], /--d: -5 is outside family 2a's range/],
  [["critical", "2a", "--d", "Infinity"], /--d: 'Infinity' is not a number/],
  [["critical", "2a", "--d", "NaN"], /--d: 'NaN' is not a number/],
  [["critical", "2a", "--d", "ten"], /--d: 'ten' is not a number/],
  [["critical", "2a", "--d", "10", "--digits", "3"], /--digits: 3 is outside the allowed range 10 to 1000/],
  [["critical", "2a", "--d", "10", "--digits", "1001"], /--digits: 1001 is outside the allowed range 10 to 1000/],
  [["critical", "2a", "--d", "10", "--d", "11"], /critical: --d is given twice/],
  // spectrum
  [["spectrum", "2a", "--d", "2.5"], /--d: 2.5 is outside family 2a's range \[3, 1e12\]/],
  [["spectrum", "4", "--d", "1e13"], /--d: 1e13 is outside family 4's range \[5, 1e12\]/],
  [["spectrum", "2a", "--d", "10", "--digits", "5000"], /--digits: 5000 is outside the allowed range 10 to 1000/],
  [["spectrum", "2a", "--d", "10", "--out", "x"], /spectrum: unknown option '--out'/],
  // annihilation
  [["annihilation", "9z"], /unknown family '9z' \(known families: 1a, 1b, 2a/],
  [["annihilation", "2a", "--d", "1e20"], /--d: 1e20 is outside family 2a's range \[3, 1e12\]/],
  [["annihilation", "2a", "--d", "2"], /--d: 2 is outside family 2a's range \[3, 1e12\]/],
  [["annihilation", "2a", "--neurons", "0"], /--neurons: 0 is outside the allowed range 1 to 10/],
  [["annihilation", "2a", "--neurons", "-1"], /--neurons: -1 is outside the allowed range 1 to 10/],
  [["annihilation", "2a", "--neurons", "1.5"], /--neurons: '1.5' is not an integer \(allowed: 1 to 10\)/],
  [["annihilation", "2a", "--series", "-1"], /--series: -1 is outside the allowed range 0 to 6/],
  [["annihilation", "2a", "--series", "7"], /--series: 7 is outside the allowed range 0 to 6/],
  [["annihilation", "2a", "--series", "1.5"], /--series: '1.5' is not an integer \(allowed: 0 to 6\)/],
  [["annihilation", "2a", "--second-layer", "bogus"], /--second-layer: 'bogus' is not a second layer \(allowed: trained, fixed\)/],
  [["annihilation", "2a", "--width", "d+1"], /annihilation: unknown option '--width'/],
  [["annihilation", "2a.d+1"], /family 2a\.d\+1 is at width d\+1: annihilation adds neurons to a family at k = d \(allowed: 1a, 1b, 2a, 2b, 3a, 3b, 4, 4b\)/],
  [["annihilation", "1b.d-1", "--d", "8"], /family 1b\.d-1 is at width d-1: annihilation adds neurons to a family at k = d \(allowed: 1a, 1b/],
  // series
  [["series", "zz"], /unknown family 'zz'/],
  [["series", "1b", "--order", "41"], /--order: 41 is outside the allowed range 0 to 40/],
  [["series", "1b", "--order", "-1"], /--order: -1 is outside the allowed range 0 to 40/],
  [["series", "1b", "--order", "2.5"], /--order: '2.5' is not an integer \(allowed: 0 to 40\)/],
  [["series", "all"], /series: 'all' needs --out <dir>/],
  [["series", "1b", "--json", "--md"], /one output format/],
  [["series", "1b", "--out", aFile], /--out: '.*a-file' exists and is not a folder/],
  [["series", "1b", "--out", fresh("series"), "--order", "50"], /--order: 50 is outside the allowed range 0 to 40/],
  [["series", "1b", "--out", "/proc/x"], /--out: cannot create '\/proc\/x' \(\/proc: /],
  [["series", "2a", "--p", "symbolic"], /--p symbolic: '2a' is not a template with a series declaration \(allowed: a, b\)/],
  [["series", "c", "--p", "symbolic"], /--p symbolic: 'c' is not a template with a series declaration \(allowed: a, b\)/],
  [["series", "a", "b", "--p", "symbolic"], /series: give exactly one template with --p symbolic/],
  [["series", "a", "--p", "symbolic", "--order", "13"], /--order: 13 is outside the allowed range 0 to 12/],
  [["series", "a", "--p", "symbolic", "--second-layer", "fixed"], /--p symbolic: the series in p is that of the trained model at width d; leave out --second-layer and --width/],
  [["series", "a", "--p", "symbolic", "--out", "/proc/x"], /--out: cannot create '\/proc\/x' \(\/proc: /],
  [["series", "a", "--p", "x"], /--p: 'x' is not an integer/],
  [["series", "a", "--p", "41"], /template a is declared for p = 1 to 40/],
  [["series", "2a", "--p", "3"], /--p: family 2a has no template/],
  [["series", "all", "--out", join(aFile, "sub")], /--out: cannot create '.*a-file\/sub': '.*a-file' is not a folder/],
  // eigen-series
  [["eigen-series", "1b", "--order", "21"], /--order: 21 is outside the allowed range 0 to 20/],
  [["eigen-series", "1b", "--out", fresh("eigen"), "--json"], /--out writes all three formats; drop --json/],
  [["eigen-series", "1b", "2a"], /eigen-series: give exactly one family/],
  [["eigen-series", "1b", "--out", "/proc/x"], /--out: cannot create '\/proc\/x' \(\/proc: /],
  // crossing
  [["crossing", "1b", "--digits", "14"], /--digits: 14 is outside the allowed range 15 to 200/],
  [["crossing", "1b", "--digits", "x"], /--digits: 'x' is not an integer \(allowed: 15 to 200\)/],
  [["crossing", "9z"], /unknown family '9z'/],
  // bifurcation
  [["bifurcation", "9z"], /unknown family '9z'/],
  [["bifurcation", "2a", "--d", "x"], /--d: 'x' is not a number/],
  [["bifurcation", "2a", "--d", "1e20"], /--d: 1e20 is outside family 2a's range/],
  [["bifurcation", "2a", "--second-layer", "free"], /--second-layer: 'free' is not a second layer \(allowed: trained, fixed\)/],
  [["bifurcation", "2a", "--top", "1e9"], /--top: 1e9 is outside the allowed range 3 to 1e4/],
  [["bifurcation", "2a", "--plot", "diagram.png"], /--plot: 'diagram.png' does not end in .svg/],
  [["bifurcation", "2a", "--plot", "/proc/x/diagram.svg"], /--plot: cannot create/],
  // plot
  [["plot", "1b"], /plot: --out <dir> is required/],
  [["plot", "xx", "--out", fresh("plot1")], /unknown family 'xx'/],
  [["plot", "1b", "--out", fresh("plot2"), "--points", "3"], /--points: 3 is outside the allowed range 4 to 200/],
  [["plot", "1b", "--out", fresh("plot3"), "--digits", "101"], /--digits: 101 is outside the allowed range 15 to 100/],
  [["plot", "all", "--out", "/proc/x"], /--out: cannot create '\/proc\/x' \(\/proc: /],
  // verify
  [["verify", "1b", "--order", "41"], /--order: 41 is outside the allowed range 0 to 40/],
  [["verify", "1b", "--digits", "29"], /--digits: 29 is outside the allowed range 30 to 200/],
  // propose, leading
  [["propose"], /propose: give exactly one family/],
  [["propose", "9z"], /unknown family '9z'/],
  [["leading", "9z"], /unknown family '9z'/],
  [["leading", "2a", "--d", "3"], /leading: unknown option '--d' \(options: --json\)/],
  // check
  [["check", fresh("no-such.csv")], /check: .*no-such.csv: no such file/],
  [["check"], /check: give exactly one table file/],
  [["check", aFile], /a-file:1: missing required columns family, quantity, power, value/],
  [["check", aFile, "--order", "-1"], /--order: -1 is outside the allowed range 0 to 40/],
  // formula
  [["formula"], /formula: give exactly one family/],
  [["formula", "2a", "2b"], /formula: give exactly one family/],
  [["formula", "9z"], /unknown family '9z' \(known families: 1a, 1b, 2a/],
  [["formula", "2a", "--latex", "--text"], /formula: choose one output format \(--text, --latex or --json\), got --text and --latex/],
  [["formula", "2a", "--json", "--latex"], /formula: choose one output format \(--text, --latex or --json\), got --latex and --json/],
  [["formula", "2a", "--d", "3"], /formula: unknown option '--d' \(options: --gradient, --text, --latex, --json\)/],
  [["formula", "2a", "--gradient=yes"], /--gradient takes no value/],
  // the model options (docs/models.md)
  [["critical", "2a", "--d", "10", "--second-layer", "frozen"], /--second-layer: 'frozen' is not a second layer \(allowed: trained, fixed\)/],
  [["spectrum", "2a", "--d", "10", "--width", "2d"], /--width: '2d' is not a width \(allowed: d, d\+H or d-H with H from 1 to 10\)/],
  [["spectrum", "2a", "--d", "10", "--width", "d+11"], /--width: 'd\+11' is not a width/],
  [["spectrum", "2a", "--d", "10", "--width", "d+0"], /--width: 'd\+0' is not a width/],
  // a bounded family (docs/models.md §5.1): no series, no closed form; a = -1 on its extra neuron: no fixed model
  [["eigen-series", "3c.d+1"], /family 3c\.d\+1 has no series declaration in derivations\/3c\.d\+1\.json \(a bounded family: its branch ends at d = 45/],
  [["series", "3c.d+1"], /family 3c\.d\+1 has no series declaration .*a bounded family/],
  [["formula", "3c.d+1"], /formula: family 3c\.d\+1's pattern splits its special indices/],
  [["spectrum", "3c.d+1", "--d", "10", "--second-layer", "fixed"], /family 3c\.d\+1 has not been derived for the model with a fixed second layer, k = d\+1 \(its models: trained second layer, k = d\+1\)/],
  [["critical", "3c.d+1", "--d", "50"], /--d: 50 is outside family 3c\.d\+1's range \[7, 45\]/],
  [["eigen-series", "1b", "--width", "d+1"], /family 1b has not been derived for the model with a trained second layer, k = d\+1 \(its models: trained second layer, k = d; fixed second layer, k = d\)/],
  [["crossing", "2a", "--second-layer", "fixed", "--width", "d-1"], /family 2a has not been derived for the model with a fixed second layer, k = d-1/],
  [["series", "all", "--second-layer", "both", "--out", fresh("m1")], /--second-layer: 'both' is not a second layer/],
  [["verify", "1b", "--second-layer"], /--second-layer needs a value/],
  [["families", "--second-layer", "none"], /--second-layer: 'none' is not a second layer/],
  [["families", "--width", "k"], /--width: 'k' is not a width/],
  [["discover", "--d", "6", "--runs", "2", "--second-layer", "free"], /--second-layer: 'free' is not a second layer/],
  [["discover", "--d", "6", "--runs", "2", "--width", "d-6"], /--width: k = d-6 is 0 at d = 6; the student needs at least one neuron/],
  [["discover", "--d", "6", "--runs", "2", "--width", "k"], /--width: .k. is not a width \(allowed: d, d\+H or d-H with H from 1 to 10\)/],
  // reproduce
  [["reproduce", "--families", "1b,9z", "--out", fresh("r1")], /unknown family '9z'/],
  [["reproduce", "--families", "1b,1b", "--out", fresh("r2")], /--families: family '1b' is listed twice/],
  [["reproduce", "--families", "", "--out", fresh("r3")], /reproduce: --families needs a value <list>/],
  [["reproduce", "--quick"], /--quick needs --out <dir>/],
  [["reproduce", "--out", aFile], /--out: '.*a-file' exists and is not a folder/],
  [["reproduce", "all"], /reproduce: takes no positional arguments, got 'all'/],
  [["reproduce", "--out", "/proc/x"], /--out: cannot create '\/proc\/x' \(\/proc: /],
  [["reproduce", "--quick", "--out", "/proc/x/y"], /--out: cannot create '\/proc\/x\/y' \(\/proc: /],
  [["reproduce", "--jobs", "0", "--out", fresh("r4")], /--jobs: 0 is outside the allowed range 1 to 256/],
  [["reproduce", "--jobs", "-1", "--out", fresh("r5")], /--jobs: -1 is outside the allowed range 1 to 256/],
  [["reproduce", "--jobs", "1.5", "--out", fresh("r6")], /--jobs: '1.5' is not an integer \(allowed: 1 to 256\)/],
  [["reproduce", "--jobs", "x", "--out", fresh("r7")], /--jobs: 'x' is not an integer \(allowed: 1 to 256\)/],
];

describe("bad input to every command", () => {
  it.each(BAD_INPUT)("%j is rejected with one line naming the value, before any output or file", async (args, message) => {
    const stdout = vi.spyOn(process.stdout, "write");
    const stderr = vi.spyOn(process.stderr, "write");
    const log = vi.spyOn(console, "log");
    let error: unknown;
    try {
      await runCli(args);
    } catch (e) {
      error = e;
    }
    const printed = [stdout.mock.calls.length, stderr.mock.calls.length, log.mock.calls.length];
    vi.restoreAllMocks();
    expect(error instanceof UsageError || error instanceof RangeError, String(error)).toBe(true);
    const text = (error as Error).message;
    expect(text).toMatch(message);
    expect(text).not.toContain("\n");
    expect(printed).toEqual([0, 0, 0]);
    const out = args.indexOf("--out");
    if (out >= 0 && args[out + 1] !== aFile) expect(existsSync(args[out + 1]!)).toBe(false);
    expect(readdirSync(scratch).filter((f) => f.startsWith(".spurious")), "probe folders left behind").toEqual([]);
  });

  it("every command is covered by the table", async () => {
    const { commands } = await import("../src/cli/commands.js");
    const covered = new Set(BAD_INPUT.map(([args]) => args[0]));
    for (const c of commands) expect(covered.has(c.name), c.name).toBe(true);
  });
});

describe("docs/cli.md", () => {
  it("is the reference generated from the command definitions (npm run docs:cli)", async () => {
    const { commands } = await import("../src/cli/commands.js");
    const { cliReference } = await import("../src/cli/reference.js");
    expect(readFileSync("docs/cli.md", "utf8")).toBe(cliReference(commands));
  });
});
