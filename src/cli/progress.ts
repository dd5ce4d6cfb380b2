/**
 * Progress on stderr, never stdout: a rewritten line on a terminal, else at most one line per `every`
 * milliseconds (so logs of long CI runs stay short).
 */
export function progressLine(label: string, every = 2000): { update(text: string): void; done(): void } {
  const tty = process.stderr.isTTY === true;
  let last = 0;
  let shown = false;
  return {
    update(text: string): void {
      const now = Date.now();
      if (tty) {
        process.stderr.write(`\r\x1b[2K${label}: ${text}`);
        shown = true;
      } else if (now - last >= every) {
        process.stderr.write(`${label}: ${text}\n`);
        last = now;
      }
    },
    done(): void {
      if (tty && shown) process.stderr.write("\r\x1b[2K");
    },
  };
}
