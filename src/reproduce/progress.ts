import { progressLine, type ProgressStream } from "../present/progress.js";

/** Progress of a reproduction: a line when a step starts and ends, with elapsed seconds, and its inner progress. */
export interface StepProgress {
  /** The stream of the inner progress (stderr, or the custom log). */
  readonly stream: ProgressStream;
  /** Start a step (e.g. "series", family "1b"); returns its inner progress and its end. */
  begin(step: string, family?: string): { update(text: string): void; done(result?: string): void };
  /** A line of its own, e.g. "plots: loss.svg kept: ...". */
  note(text: string): void;
}

/**
 * On a terminal, the inner progress is a line rewritten in place; several steps run at once share it, so
 * every whole line first clears it: the stream stays one line after another, never two half lines.
 */
function oneLineAtATime(out: ProgressStream): ProgressStream {
  if (out.isTTY !== true) return out;
  let partial = false;
  return {
    isTTY: true,
    write(text: string): unknown {
      const t = partial && !text.startsWith("\r") ? `\r\x1b[2K${text}` : text;
      partial = !t.endsWith("\n");
      return out.write(t);
    },
  };
}

/**
 * Progress to `log` (default: stderr, with the inner progress rewritten in place on a terminal). Every line
 * names its step and family ("reproduce: crossing 2a: ..."), since with worker threads several run at once.
 */
export function stepProgress(log?: (line: string) => void): StepProgress {
  const stream: ProgressStream = log === undefined ? oneLineAtATime(process.stderr) : { write: (text: string) => log(text.trimEnd()) };
  const line = (text: string): unknown => stream.write(`${text}\n`);
  const start = Date.now();
  const seconds = (from: number): string => `${((Date.now() - from) / 1000).toFixed(1)} s`;
  return {
    stream,
    begin(step, family) {
      const label = family === undefined ? step : `${step} ${family}`;
      const began = Date.now();
      line(`reproduce: ${label} ... (at ${seconds(start)})`);
      const inner = progressLine(`reproduce: ${label}`, 2000, stream);
      return {
        update: (text) => inner.update(text),
        done(result) {
          inner.done();
          line(`reproduce: ${label} done in ${seconds(began)}${result === undefined ? "" : `: ${result}`}`);
        },
      };
    },
    note: (text) => void line(`reproduce: ${text}`),
  };
}
