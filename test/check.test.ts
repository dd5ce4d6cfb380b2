import { all, create } from "mathjs";
import { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { checkTable } from "../src/check/checkTable.js";
import { CHECK_FIELD, decimalOf, parseExactValue } from "../src/check/exactValue.js";
import { readComponentName, literatureName } from "../src/representations/componentNames.js";
import { deriveFamilySeries } from "../src/ift/familySeries.js";
import { familyEigenSeries } from "../src/eigenseries/eigenSeries.js";
import { findFamily } from "../src/families/registry.js";
import { powerOfD, seriesTerms } from "../src/output/seriesTables.js";

// The engine's own exact series: the rows of the tables below are its coefficients, exact or perturbed.
const ORDER = 5;
// An independent evaluator of the same text: mathjs in BigNumber arithmetic at 50 digits.
const bigMath = create(all, { number: "BigNumber", precision: 50 });
const series2a = deriveFamilySeries(findFamily("2a"), ORDER);
const terms = (alias: string): { power: string; exact: string; decimal: string }[] =>
  seriesTerms(series2a.field, alias === "loss" ? series2a.loss : series2a.params.find((p) => p.alias === alias)!.series).map((t) => ({ power: t.power, exact: t.exact!, decimal: t.decimal }));

const csv = (rows: string[][]): string => ["family,quantity,power,value,component,label,source", ...rows.map((r) => r.map((c) => `"${c}"`).join(","))].join("\n");

describe("the exact value parser", () => {
  it.each(["8/pi - 4", "(pi-2)/(2*pi)", "4/3 + 16/pi", "-(3*pi^2 - 2)/(pi^3 + 7)", "sqrt(2)/pi + sqrt(3)*(1 - sqrt(2))^3", "2^-3 * pi^-2"])("%s agrees with mathjs' BigNumber evaluation to 40 digits", (text) => {
    const exact = decimalOf(parseExactValue(text), 45);
    const numeric = new Decimal(String(bigMath.evaluate(text)));
    expect(exact.sub(numeric).div(numeric).abs().lt("1e-40")).toBe(true);
  });

  it("decides equalities in Q(pi, sqrt 2, sqrt 3) exactly", () => {
    const E = (a: string, b: string): boolean => CHECK_FIELD.equals(parseExactValue(a), parseExactValue(b));
    expect(E("sqrt(2)*sqrt(3)*(pi/pi)", "sqrt(3)*sqrt(2)")).toBe(true);
    expect(E("(1 + sqrt(2))^2", "3 + 2*sqrt(2)")).toBe(true);
    expect(E("(1 + sqrt(2))^2", "3 + 2*sqrt(3)")).toBe(false);
    expect(() => parseExactValue("sqrt(5)")).toThrow(/only sqrt\(2\) and sqrt\(3\)/);
    expect(() => parseExactValue("e + 1")).toThrow(/unknown symbol 'e'/);
  });
});

describe("check against the engine's own series (family 2a)", () => {
  it("agrees with every exact coefficient and with its decimals to 12 places", () => {
    const rows = ["x1", "x2", "y1", "loss"].flatMap((q) => terms(q).flatMap((t) => [["2a", q, t.power, t.exact, "", "", "s"], ["2a", q, t.power, new Decimal(t.decimal).toFixed(12), "", "", "s"]]));
    const r = checkTable(csv(rows), { order: ORDER });
    expect(r.disagree + r.notComputed).toBe(0);
    expect(r.agree).toBe(rows.length);
    expect(r.rows[0]!.columns).toEqual({ source: "s" });
  });

  it("names each deliberate error", () => {
    const [lead, next] = terms("x2");
    const flipped = lead!.exact.startsWith("-") ? lead!.exact.slice(1) : `-(${lead!.exact})`;
    const decimal = new Decimal(next!.decimal).toFixed(10);
    const i = decimal.length - 3;
    const oneDigit = decimal.slice(0, i) + ((Number(decimal[i]) + 1) % 10) + decimal.slice(i + 1);
    const rows = [
      ["2a", "x2", lead!.power, flipped],
      ["2a", "x2", next!.power, oneDigit],
      ["2a", "x2", lead!.power, `2*(${lead!.exact})`],
      ["2a", "x2", lead!.power, `pi*(${lead!.exact})`],
      ["2a", "x2", lead!.power, next!.exact],
      ["2a", "x2", "-1/3", "0"],
      ["2a", "x6", "0", "1"],
      ["2a", "x2", powerOfD(ORDER + 2), "0"],
    ].map((r) => [...r, "", "", ""]);
    const out = checkTable(csv(rows), { order: ORDER }).rows;
    expect(out.map((r) => r.verdict)).toEqual(["disagree", "disagree", "disagree", "disagree", "disagree", "agree", "not computed", "not computed"]);
    expect(out[0]!.hint).toBe("opposite sign");
    expect(out[1]!.hint).toMatch(/^one digit changed/);
    expect(out[1]!.digits).toBeGreaterThanOrEqual(2);
    expect(out[2]!.hint).toMatch(/factor 2 /);
    expect(out[3]!.hint).toMatch(/factor pi /);
    expect(out[4]!.hint).toBe(`the coefficient of the neighbouring power d^(${next!.power})`);
  });

  it("matches an eigenvalue label to the eigenvalue whose series agrees most, under either component name", () => {
    const eig = familyEigenSeries(findFamily("1b"), 1);
    const c = eig.components.find((x) => x.component.name === "[n-1,1]")!;
    const rows = c.eigenvalues.flatMap((e, i) =>
      e.gauge ? [] : seriesTerms(e.field, e.series).map((t, j) => ["1b", "eigenvalue", t.power, j === 0 ? t.exact! : `${t.exact!} + 1`, i % 2 === 0 ? "standard" : "[n-1,1]", `L${i}`]),
    );
    const out = checkTable(["family,quantity,power,value,component,label", ...rows.map((r) => r.map((x) => `"${x}"`).join(","))].join("\n"), { order: 1 }).rows;
    for (const r of out) expect(r.eigenvalue).toBe(Number(r.label!.slice(1)) + 1);
    expect(out.filter((r) => r.verdict === "agree").length).toBe(new Set(rows.map((r) => r[5])).size);
  });
});

describe("reading tables", () => {
  it("reads a Markdown pipe table with backticked values, with its line numbers", () => {
    const [t] = terms("x1");
    const md = ["# copied", "", "| family | quantity | power | value | page |", "| --- | --- | --- | --- | --- |", `| 2a | x1 | ${t!.power} | \`${t!.exact}\` | 3 |`, `| 2a | x1 | ${t!.power} | 7 | 3 |`].join("\n");
    const r = checkTable(md, { order: 0 });
    expect(r.rows.map((x) => [x.line, x.verdict])).toEqual([[5, "agree"], [6, "disagree"]]);
  });

  it.each([
    ["", /t.csv:1: the file is empty/],
    ["family,quantity,value\n2a,x1,1", /t.csv:1: missing required column power/],
    ["family,quantity,power,value\n9z,x1,0,1", /t.csv:2: unknown family '9z'/],
    ["family,quantity,power,value\n2a,z1,0,1", /t.csv:2: unknown quantity 'z1'/],
    ["family,quantity,power,value\n2a,x1,half,1", /t.csv:2: power 'half' is not a rational/],
    ["family,quantity,power,value\n2a,x1,0,1/(pi-", /t.csv:2: value: '1\/\(pi-' does not parse/],
    ["family,quantity,power,value\n2a,x1,0,e/2", /t.csv:2: value: 'e\/2' uses the unknown symbol 'e'/],
    ["family,quantity,power,value\n2a,eigenvalue,0,1", /t.csv:2: an eigenvalue needs the columns component and label/],
    ["family,quantity,power,value,component,label\n2a,eigenvalue,0,1,cubic,a", /t.csv:2: unknown component 'cubic'/],
  ])("rejects %j naming the file and line", (text, message) => {
    expect(() => checkTable(text, { file: "t.csv" })).toThrow(message);
  });

  it("maps the literature's component names both ways", () => {
    for (const name of ["[n]", "[n-1,1] x sign", "[n-2,2] x trivial", "[n-2,1,1]", "[n] x standard"]) expect(readComponentName(literatureName(name))).toBe(name);
    expect(readComponentName("alternating square ⊗ trivial")).toBe("[n-2,1,1] x trivial");
  });
});
