import { UsageError, type Command, type OptionValues } from "./command.js";

/**
 * Split a command's arguments into positionals and option values: `--name value` or `--name=value` for a
 * string option, `--name` for a boolean one; `--` ends the options. Unknown, repeated or valueless options
 * are a UsageError naming the option and what the command accepts.
 */
export function parseCommandArgs(command: Command, args: readonly string[]): { positionals: string[]; values: OptionValues } {
  const positionals: string[] = [];
  const values: OptionValues = {};
  const known = command.options.map((o) => `--${o.name}`).join(", ");
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--") {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith("--")) {
      if (/^-[^\d.]/.test(arg)) throw new UsageError(`${command.name}: unknown option '${arg}' (options: ${known === "" ? "none" : known})`);
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const spec = command.options.find((o) => o.name === name);
    if (spec === undefined) throw new UsageError(`${command.name}: unknown option '--${name}' (options: ${known === "" ? "none" : known})`);
    if (values[name] !== undefined) throw new UsageError(`${command.name}: --${name} is given twice`);
    if (spec.kind === "boolean") {
      if (eq >= 0) throw new UsageError(`${command.name}: --${name} takes no value, got '${arg}'`);
      values[name] = true;
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else if (i + 1 < args.length && !args[i + 1]!.startsWith("--")) value = args[++i];
    if (value === undefined || value === "") throw new UsageError(`${command.name}: --${name} needs a value ${spec.value ?? "<value>"}: ${spec.description}`);
    values[name] = value;
  }
  return { positionals, values };
}
