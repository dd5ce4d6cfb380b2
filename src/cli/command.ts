/** One option of a CLI command: its definition is also the source of the generated CLI reference. */
export interface OptionSpec {
  readonly name: string;
  readonly kind: "string" | "boolean";
  /** Placeholder for the value in usage lines, e.g. "<real>". */
  readonly value?: string;
  readonly description: string;
  readonly default?: string;
}

export type OptionValues = Record<string, string | boolean | undefined>;

/** A CLI command: name, what it does, its options and its action. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  /** Positional arguments in the usage line, e.g. "<family>". */
  readonly positionals?: string;
  readonly options: readonly OptionSpec[];
  run(positionals: readonly string[], options: OptionValues): Promise<void> | void;
}

/** Bad input from the user: printed as one line, exit status 2, nothing written. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
