import type { RealField } from "../../src/numbers/field.js";

/**
 * max_p |x_p - y_p| / max(floor, max_p |y_p|) over two equally shaped (nested up to depth 3) arrays, as a
 * float64 number: relative to the reference y, and absolute below `floor` (floor 1 compares with zeros).
 */
export function relativeDistance<T>(F: RealField<T>, x: readonly unknown[], y: readonly unknown[], floor = 1): number {
  const xs = x.flat(2) as T[];
  const ys = y.flat(2) as T[];
  if (xs.length !== ys.length) throw new RangeError(`relativeDistance: ${xs.length} entries against ${ys.length}`);
  let diff = F.zero();
  let scale = F.fromInt(floor);
  xs.forEach((xp, p) => {
    const d = F.abs(F.sub(xp, ys[p]!));
    if (F.lt(diff, d)) diff = d;
    const s = F.abs(ys[p]!);
    if (F.lt(scale, s)) scale = s;
  });
  return F.toNumber(F.div(diff, scale));
}
