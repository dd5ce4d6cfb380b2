/**
 * The documented order of src/ (docs/architecture.md): every folder in its layer, what it holds, and the
 * folders it imports. test/architecture.test.ts checks the imports of every file of src/ against this
 * table, and docs/architecture.md prints it (npm run docs:architecture).
 */

export type Layer = "computation" | "results" | "presentation" | "tooling";

export interface FolderRule {
  readonly folder: string;
  readonly layer: Layer;
  /** What the folder holds, in a few words. */
  readonly holds: string;
  /** The folders its files import, each earlier in FOLDERS (no folder imports a later one). */
  readonly imports: readonly string[];
  /** Why an import is there, where that needs saying. */
  readonly note?: string;
}

/** The layers, bottom up: a layer imports only from itself and the layers before it. */
export const LAYERS: readonly { readonly layer: Layer; readonly holds: string }[] = [
  { layer: "computation", holds: "the mathematics: numbers to crossings, exact and high-precision, no files and no printing" },
  { layer: "results", holds: "the published documents: JSON, Markdown, LaTeX and SVG, their shapes and their files" },
  { layer: "presentation", holds: "what a user runs: the command line, the reproduction, the tutorial, and the helpers they share" },
  { layer: "tooling", holds: "checks of the code itself (this table and the import graph)" },
];

/** Every folder of src/, in the documented order: a folder imports only folders before it. */
export const FOLDERS: readonly FolderRule[] = [
  { folder: "numbers", layer: "computation", holds: "the fields Q, Q(pi), Q(pi)(p), Decimal, BigFloat, float64; PSLQ and recognition", imports: [] },
  { folder: "linalg", layer: "computation", holds: "elimination, determinant, symmetric eigenvalues over any field (truncated series among them), one Newton solver, one float64 predictor-corrector for branches", imports: ["numbers"] },
  { folder: "series", layer: "computation", holds: "truncated Laurent series in eps = d^(-1/2)", imports: ["numbers", "linalg"] },
  { folder: "model", layer: "computation", holds: "the independent evaluator: loss, gradient, full Hessian of (W, a)", imports: ["numbers"] },
  { folder: "diff", layer: "computation", holds: "jets (forward-mode derivatives) and adjoints (reverse mode) over any field", imports: ["numbers"] },
  { folder: "patterns", layer: "computation", holds: "fixed-point spaces, the restricted loss for real d, the metric", imports: ["numbers", "diff"] },
  { folder: "representations", layer: "computation", holds: "representation theory of the isotropy: characters, the isotypic decomposition, dimensions as polynomials in d, split patterns, component names, permutation groups and their real isotypic projectors", imports: ["numbers", "linalg", "model", "patterns"] },
  { folder: "discovery", layer: "computation", holds: "training, gauge, isotropy detection, index", imports: ["numbers", "linalg", "model", "patterns"] },
  {
    folder: "families",
    layer: "computation",
    holds: "the families (read from derivations/*.json), Newton, continuation in d",
    imports: ["numbers", "linalg", "model", "patterns"],
  },
  { folder: "formula", layer: "computation", holds: "the restricted loss as a closed form: a symbolic scalar, named quantities, the gradient by the chain rule", imports: ["numbers", "patterns", "families"] },
  { folder: "ift", layer: "computation", holds: "scalings, leading systems, Newton-Hensel lifting of the family series, and of a template's series with p a symbol", imports: ["numbers", "series", "linalg", "patterns", "families"] },
  {
    folder: "hessian",
    layer: "computation",
    holds: "the Hessian blocks of a family at real d (restrictions to finer patterns) and its spectrum by component",
    imports: ["numbers", "linalg", "model", "diff", "patterns", "representations", "families"],
  },
  {
    folder: "eigenseries",
    layer: "computation",
    holds: "the eigenvalues of the Hessian blocks as series in eps: the blocks over the family series, their pencil determinant, its Puiseux roots",
    imports: ["numbers", "linalg", "series", "model", "patterns", "representations", "families", "ift", "hessian"],
  },
  { folder: "crossing", layer: "computation", holds: "the walk along a family, brackets, the crossing d by joint Newton", imports: ["numbers", "linalg", "model", "diff", "patterns", "representations", "families", "hessian"] },
  {
    folder: "bifurcation",
    layer: "computation",
    holds: "what bifurcates at a crossing: the kernel vector of the carrying block, its axial pattern (computed), the Lyapunov-Schmidt coefficients, the branch continued on both sides",
    imports: ["numbers", "linalg", "model", "diff", "patterns", "representations", "families", "hessian", "crossing"],
  },
  {
    folder: "annihilation",
    layer: "computation",
    holds: "what adding neurons does to a family: g(w) = E[relu(w.x) r(x)] on cells at real d, its minimum on the sphere, the split test, the embeddings into width d + H with descent directions",
    imports: ["numbers", "linalg", "series", "model", "patterns", "representations", "families", "hessian", "eigenseries", "crossing"],
  },
  {
    folder: "census",
    layer: "computation",
    holds: "the census at an integer d: every isotropy type of few classes, descent on its restricted loss, the points up to S_d x S_d, Newton, the spectrum by the Young decomposition",
    imports: ["numbers", "linalg", "model", "patterns", "discovery", "families", "hessian"],
  },
  { folder: "output", layer: "results", holds: "JSON, Markdown and LaTeX documents of series, eigen-series, spectra, crossings, discovery, annihilation, the census; atomic writes", imports: ["numbers", "series", "model", "patterns", "representations", "discovery", "families", "formula", "ift", "hessian", "eigenseries", "crossing", "annihilation", "bifurcation", "census"] },
  { folder: "check", layer: "results", holds: "spurious check: a transcribed table of coefficients against the engine's exact series", imports: ["numbers", "series", "representations", "families", "ift", "eigenseries", "output"] },
  { folder: "plots", layer: "results", holds: "the SVG plots: the sweep, Vega-Lite specs, rendering, the bifurcation diagram (from its JSON document)", imports: ["model", "families", "crossing", "output"] },
  { folder: "present", layer: "presentation", holds: "what cli and reproduce share: progress lines, text tables, the plot files with progress, the pool of worker threads (and the census on it), a template's series in p checked against the fixed-p series", imports: ["model", "families", "ift", "census", "output", "plots"] },
  {
    folder: "api",
    layer: "presentation",
    holds: "the library API (package.json exports, docs/api.md): one function per --json command, same documents, same argument checks",
    imports: ["model", "discovery", "families", "formula", "ift", "hessian", "eigenseries", "crossing", "annihilation", "bifurcation", "census", "output", "check", "plots", "present"],
  },
  { folder: "tutorial", layer: "presentation", holds: "docs/tutorial.md: its steps, run as commands in a child process", imports: ["output"] },
  {
    folder: "reproduce",
    layer: "presentation",
    holds: "npm run reproduce: every result regenerated (its tasks on worker threads), staged and moved into place",
    imports: ["numbers", "linalg", "model", "patterns", "discovery", "families", "ift", "hessian", "eigenseries", "crossing", "bifurcation", "annihilation", "census", "output", "plots", "present", "tutorial"],
  },
  {
    folder: "cli",
    layer: "presentation",
    holds: "the spurious command line and docs/cli.md",
    imports: ["model", "representations", "discovery", "families", "formula", "ift", "hessian", "eigenseries", "crossing", "annihilation", "bifurcation", "census", "output", "check", "plots", "present", "reproduce"],
    note: "reproduce: the reproduce command runs the pipeline and passes it docs/cli.md; reproduce never imports cli",
  },
  { folder: "architecture", layer: "tooling", holds: "this table, the import graph of src/ and docs/architecture.md", imports: [] },
];
