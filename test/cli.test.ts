import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { FAMILIES } from "../src/families/registry.js";

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ["bin/spurious.js", ...args], { encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("the spurious command line", () => {
  it("lists its commands under --help", () => {
    const r = run("--help");
    expect(r.status).toBe(0);
    for (const name of ["discover", "families", "critical", "series", "verify"]) expect(r.stdout).toContain(name);
  });

  it.each([
    [["frobnicate"], /unknown command 'frobnicate'/],
    [["critical", "2a", "--d", "abc"], /--d: 'abc' is not a number/],
    [["critical", "9z", "--d", "10"], /unknown family '9z'/],
    [["critical", "2a", "--d", "1e20"], /outside family 2a's range/],
    [["critical", "2a", "--d", "10", "--digits", "3"], /--digits: 3 is outside the allowed range/],
    [["series", "1b", "--order", "-1"], /--order/],
    [["series", "1b", "--json", "--md"], /one output format/],
  ])("rejects %j with one line naming the bad value, and exit status 2", (args, message) => {
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
});

describe("docs/cli.md", () => {
  it("is the reference generated from the command definitions (npm run docs:cli)", async () => {
    const { readFileSync } = await import("node:fs");
    const { commands } = await import("../src/cli/commands.js");
    const { cliReference } = await import("../src/cli/reference.js");
    expect(readFileSync("docs/cli.md", "utf8")).toBe(cliReference(commands));
  });
});
