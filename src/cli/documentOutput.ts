import { UsageError, type OptionSpec, type OptionValues } from "./command.js";
import { printJson } from "./format.js";
import type { PublishedDocument } from "../output/documentFiles.js";

/** The output options shared by the commands that publish documents. */
export function documentOptions(outFiles: string): OptionSpec[] {
  return [
    { name: "json", kind: "boolean", description: "print JSON (exact strings and decimals)" },
    { name: "md", kind: "boolean", description: "print a Markdown table" },
    { name: "latex", kind: "boolean", description: "print a LaTeX align block" },
    { name: "out", kind: "string", value: "<dir>", description: `write ${outFiles} into this folder instead (atomically)` },
  ];
}

/** The chosen format (undefined: Markdown on stdout); a UsageError for two formats or a format with --out. */
export function chosenFormat(command: string, options: OptionValues): "json" | "md" | "latex" | undefined {
  const formats = (["json", "md", "latex"] as const).filter((k) => options[k] === true);
  if (formats.length > 1) throw new UsageError(`${command}: choose one output format, got --${formats.join(" and --")}`);
  if (formats.length > 0 && typeof options.out === "string") throw new UsageError(`${command}: --out writes all three formats; drop --${formats[0]}`);
  return formats[0];
}

/** Print a document in the chosen format. */
export function printDocument(doc: PublishedDocument, format: "json" | "md" | "latex" | undefined): void {
  if (format === "json") printJson(doc.json);
  else if (format === "latex") process.stdout.write(doc.latex);
  else process.stdout.write(doc.markdown);
}
