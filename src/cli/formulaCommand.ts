import { restrictedLossFormula } from "../formula/restrictedFormula.js";
import { formulaLatex, formulaText } from "../output/formulaDocument.js";
import { oneFamily } from "./args.js";
import { UsageError, type Command } from "./command.js";
import { printJson } from "./format.js";

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
    const doc = restrictedLossFormula(family, { gradient: options.gradient === true });
    if (formats[0] === "json") printJson(doc);
    else process.stdout.write(formats[0] === "latex" ? formulaLatex(doc) : formulaText(doc));
  },
};
