/** The isotropy group Delta(S_{d-p} x S_p) as text (S_d for p = 0). */
export function isotropyName(p: number): string {
  return p === 0 ? "Delta(S_d)" : `Delta(S_{d-${p}} x S_${p})`;
}
