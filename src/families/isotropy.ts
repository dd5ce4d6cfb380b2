/**
 * The isotropy group of Pattern.isotropy(p, h) as text: Delta(S_{d-p} x S_p) (S_d for p = 0) at k = d; at
 * k = d + h, h > 0, times S_h permuting the extra rows ("rows"); at h < 0 the bulk loses the -h columns
 * without a student row, which S_{-h} permutes ("columns"). A split of the special indices into classes of
 * s and t gives S_s x S_t in place of S_p.
 */
export function isotropyName(p: number, h = 0, split?: readonly [number, number]): string {
  const c = p + Math.max(0, -h);
  const bulk = c === 0 ? "S_d" : `S_{d-${c}}`;
  const special = split === undefined ? `S_${p}` : `S_${split[0]} x S_${split[1]}`;
  const diagonal = p === 0 ? `Delta(${bulk})` : `Delta(${bulk} x ${special})`;
  if (h === 0) return diagonal;
  return `${diagonal} x S_${Math.abs(h)} (${h > 0 ? "rows" : "columns"})`;
}
