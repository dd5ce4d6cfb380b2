/** Default grid of the plots: 25 log-spaced d from just above p + 2 (the scan bottom) to 10^3. */
export const PLOT_POINTS = 25;
export const PLOT_TOP = "1000";
/** Default working digits of the plots (ample for pixels; the crossing d keeps digits - 5). */
export const PLOT_DIGITS = 20;
