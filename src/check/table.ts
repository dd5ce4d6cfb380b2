import { parse as parseCsv } from "csv-parse/sync";
import { marked, type Tokens } from "marked";

/** One data row of a transcribed table: its line in the file and its cells by (lower-case) column name. */
export interface TableRow {
  readonly line: number;
  readonly cells: Readonly<Record<string, string>>;
}

export interface Table {
  readonly columns: readonly string[];
  readonly rows: readonly TableRow[];
}

/** Bad input in a table file: `file:line: what`, printed as one line. */
export class TableError extends RangeError {
  constructor(file: string, line: number, what: string) {
    super(`${file}:${line}: ${what}`);
  }
}

const isMarkdown = (file: string, text: string): boolean => /\.(md|markdown)$/i.test(file) || /^\s*\|/m.test(text);

/** A CSV table (RFC 4180 quoting, csv-parse) or a Markdown pipe table (marked's table token). */
export function readTable(file: string, text: string): Table {
  if (text.trim() === "") throw new TableError(file, 1, "the file is empty (expected a CSV or Markdown table with a header: family, quantity, power, value)");
  return isMarkdown(file, text) ? readMarkdown(file, text) : readCsv(file, text);
}

function readCsv(file: string, text: string): Table {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(text, { info: true, skip_empty_lines: true, trim: true, relax_column_count: false }) as unknown as typeof records;
  } catch (e) {
    const line = (e as { lines?: number }).lines ?? 1;
    throw new TableError(file, line, `not a CSV table: ${(e as Error).message}`);
  }
  const [header, ...data] = records;
  const columns = header!.record.map((c) => c.trim().toLowerCase());
  return { columns, rows: data.map((r) => ({ line: r.info.lines, cells: Object.fromEntries(columns.map((c, i) => [c, r.record[i] ?? ""])) })) };
}

function readMarkdown(file: string, text: string): Table {
  const tokens = marked.lexer(text);
  let offset = 0;
  for (const token of tokens) {
    if (token.type === "table") {
      const table = token as Tokens.Table;
      const firstLine = text.slice(0, text.indexOf(token.raw, offset)).split("\n").length;
      const columns = table.header.map((h) => h.text.trim().toLowerCase());
      // Header, delimiter row, then one line per row.
      const rows = table.rows.map((r, i) => ({ line: firstLine + 2 + i, cells: Object.fromEntries(columns.map((c, j) => [c, unquote(r[j]?.text ?? "")])) }));
      return { columns, rows };
    }
    offset += token.raw.length;
  }
  throw new TableError(file, 1, "no Markdown pipe table found (a header row, a |---| row, then the rows)");
}

/** A Markdown cell may hold its value in backticks, as the series tables print it. */
function unquote(cell: string): string {
  const t = cell.trim().replace(/\\\|/g, "|");
  return /^`[^`]*`$/.test(t) ? t.slice(1, -1).trim() : t;
}
