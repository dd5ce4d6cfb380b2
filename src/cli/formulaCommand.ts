import type { FamilyDefinition } from "../families/definition.js";
import { oneFamily } from "./args.js";
import { UsageError, type Command } from "./command.js";
import { printJson } from "./format.js";

/** Build the formula (its modules load here, not at start) and print it in the chosen format. */
async function printFormula(family: FamilyDefinition, gradient: boolean, format: "text" | "latex" | "json"): Promise<void> {
  const { restrictedLossFormula } = await import("../formula/restrictedFormula.js");
  const { formulaLatex, formulaText } = await import("../output/formulaDocument.js");
  const doc = restrictedLossFormula(family, { gradient });
  if (format === "json") printJson(doc);
  else process.stdout.write(format === "latex" ? formulaLatex(doc) : formulaText(doc));
}

export const formulaCommand: Command = {
  name: "formula",
  summary: "The restricted loss of a family's pattern as a closed form in its parameters and d (and its gradient)",
  positionals: "<family>",
  options: [
    { name: "gradient", kind: "boolean", description: "add every partial derivative dL/dx1, .., dL/dy2 (chain rule through the named quantities)" },
    { name: "text", kind: "boolean", description: "print plain text that mathjs and nerdamer parse (the default)" },
    { name: "latex", kind: "boolean", description: "print a LaTeX align* block" },
    { name: "json", kind: "boolean", description: "print JSON: {family, pattern, parameters, gauge, definitions: [{name, latexName, meaning, text, latex}], loss: {text, latex}, gradient?: [{parameter, text, latex}]}" },
  ],
  run(positionals, options) {
    const family = oneFamily("formula", positionals, "spurious formula 2a --latex");
    const formats = (["text", "latex", "json"] as const).filter((k) => options[k] === true);
    if (formats.length > 1) throw new UsageError(`formula: choose one output format (--text, --latex or --json), got --${formats.join(" and --")}`);
    return printFormula(family, options.gradient === true, formats[0] ?? "text");
  },
};
