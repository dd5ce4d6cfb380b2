import { progressLine } from "../cli/progress.js";

/** Progress of a reproduction on stderr: a line when a step starts and ends, with elapsed seconds. */
export interface StepProgress {
  /** Start a step (e.g. "series", family "1b"); returns its inner progress and its end. */
  begin(step: string, family?: string): { update(text: string): void; done(result?: string): void };
}

export function stepProgress(log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): StepProgress {
  const start = Date.now();
  const seconds = (from: number): string => `${((Date.now() - from) / 1000).toFixed(1)} s`;
  return {
    begin(step, family) {
      const label = family === undefined ? step : `${step} ${family}`;
      const began = Date.now();
      log(`reproduce: ${label} ... (at ${seconds(start)})`);
      const inner = progressLine(`reproduce: ${label}`);
      return {
        update: (text) => inner.update(text),
        done(result) {
          inner.done();
          log(`reproduce: ${label} done in ${seconds(began)}${result === undefined ? "" : `: ${result}`}`);
        },
      };
    },
  };
}
