/** Time `fn` over repeated runs until `minMs` has passed; returns milliseconds per run. */
export function msPerRun(fn: () => unknown, minMs = 1000, maxRuns = 1000): number {
  fn(); // warm-up
  let runs = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs && runs < maxRuns) {
    fn();
    runs++;
    elapsed = performance.now() - start;
  }
  return elapsed / runs;
}

/** One benchmark line: the description, then the figure last. */
export function report(description: string, figure: string): void {
  process.stdout.write(`${description.padEnd(72)} ${figure}\n`);
}
