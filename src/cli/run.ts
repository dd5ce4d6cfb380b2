import { UsageError, type Command } from "./command.js";
import { commands } from "./commands.js";
import { parseCommandArgs } from "./parse.js";

function usageLine(c: Command): string {
  const opts = c.options.map((o) => (o.kind === "boolean" ? `[--${o.name}]` : `[--${o.name} ${o.value ?? "<value>"}]`));
  return ["spurious", c.name, c.positionals ?? "", ...opts].filter((s) => s !== "").join(" ");
}

function commandHelp(c: Command): string {
  const lines = [`usage: ${usageLine(c)}`, "", c.summary];
  if (c.options.length > 0) {
    lines.push("", "options:");
    for (const o of c.options) {
      const flag = o.kind === "boolean" ? `--${o.name}` : `--${o.name} ${o.value ?? "<value>"}`;
      const def = o.default !== undefined ? ` (default ${o.default})` : "";
      lines.push(`  ${flag.padEnd(24)} ${o.description}${def}`);
    }
  }
  return lines.join("\n");
}

function mainHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    "spurious — exact fractional power series of spurious minima of two-layer ReLU networks",
    "",
    "usage: spurious <command> [options]     (spurious <command> --help for a command's options)",
    "",
    "commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
  ].join("\n");
}

/** Run the command line `argv` (without the program name); bad input throws a UsageError or RangeError. */
export async function runCli(argv: readonly string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    console.log(mainHelp());
    return;
  }
  const command = commands.find((c) => c.name === name);
  if (command === undefined) {
    throw new UsageError(`unknown command '${name}' (commands: ${commands.map((c) => c.name).join(", ")})`);
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    console.log(commandHelp(command));
    return;
  }
  const parsed = parseCommandArgs(command, rest);
  await command.run(parsed.positionals, parsed.values);
}
