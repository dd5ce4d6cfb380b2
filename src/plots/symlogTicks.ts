/**
 * Tick values for a symlog axis (Vega's own symlog ticks are evenly spaced, which hides the scale): zero,
 * and +-10^k for every power of ten from the symlog constant up to the largest |value| in [min, max].
 */
export function symlogTicks(min: number, max: number, constant: number): number[] {
  const ticks = [0];
  const top = Math.max(Math.abs(min), Math.abs(max));
  for (let k = Math.ceil(Math.log10(constant)); 10 ** k <= top * 1.0001; k++) {
    const t = Number((10 ** k).toPrecision(1));
    if (t <= max) ticks.push(t);
    if (-t >= min) ticks.push(-t);
  }
  return ticks.sort((a, b) => a - b);
}
