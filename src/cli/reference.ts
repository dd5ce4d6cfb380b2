import type { Command } from "./command.js";

/** The CLI reference in Markdown, generated from the commands' own definitions (docs/cli.md). */
export function cliReference(commands: readonly Command[]): string {
  const out = [
    "# spurious command reference",
    "",
    "Generated from the command definitions in `src/cli/` by `npm run docs:cli`; do not edit by hand.",
    "Bad input to any command gets one line on stderr naming the bad value and what is allowed, and exit status 2.",
    "",
  ];
  for (const c of commands) {
    out.push(`## \`spurious ${c.name}${c.positionals === undefined ? "" : ` ${c.positionals}`}\``, "", c.summary, "");
    if (c.options.length > 0) {
      out.push("| option | meaning | default |", "| --- | --- | --- |");
      for (const o of c.options) {
        const flag = o.kind === "boolean" ? `--${o.name}` : `--${o.name} ${o.value ?? "<value>"}`;
        out.push(`| \`${flag}\` | ${o.description.replace(/\|/g, "\\|")} | ${o.default ?? ""} |`);
      }
      out.push("");
    }
  }
  return out.join("\n");
}
