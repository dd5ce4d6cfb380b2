/** Where progress goes: stderr, or any writer (not a terminal). */
export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/**
 * Progress on stderr, never stdout: a rewritten line on a terminal, else at most one line per `every`
 * milliseconds (so logs of long CI runs stay short).
 */
export function progressLine(label: string, every = 2000, out: ProgressStream = process.stderr): { update(text: string): void; done(): void } {
  const tty = out.isTTY === true;
  let last = 0;
  let shown = false;
  return {
    update(text: string): void {
      const now = Date.now();
      if (tty) {
        out.write(`\r\x1b[2K${label}: ${text}`);
        shown = true;
      } else if (now - last >= every) {
        out.write(`${label}: ${text}\n`);
        last = now;
      }
    },
    done(): void {
      if (tty && shown) out.write("\r\x1b[2K");
    },
  };
}
