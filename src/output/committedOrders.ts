/** The order of the committed series/ files: terms to d^(-5). */
export const COMMITTED_SERIES_ORDER = 10;
/** The order (in eps) of the committed eigenvalue series series/<family>.eigen.*: error O(d^(-5/2)). */
export const COMMITTED_EIGEN_ORDER = 4;
