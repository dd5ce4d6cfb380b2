/**
 * The tutorial (docs/tutorial.md): one family, 2a, from discovery to its crossing dimension. Each step is
 * prose followed by one `spurious` command whose output is pasted below it when the tutorial is generated
 * (`npm run docs:tutorial`), so every number shown is what the command prints today.
 */
export interface TutorialStep {
  readonly heading: string;
  /** Markdown before the command. */
  readonly before: string;
  /** The arguments of `spurious` (no shell quoting needed). */
  readonly args: readonly string[];
  /** Markdown after the output. */
  readonly after?: string;
}

export const TUTORIAL_TITLE = "Tutorial: family 2a from discovery to its crossing dimension";

export const TUTORIAL_INTRO = `This walks through one family end to end with the command line, in the order a researcher would meet
it. Family 2a is a critical point of the loss with isotropy \`Delta(S_{d-1} x S_1)\`: one row and column of
\`W\` are special, the other \`d - 1\` are interchangeable. It is a spurious minimum for large \`d\` (its loss
decays like \`1/d\` but is never zero), and a saddle for small \`d\`. Every output below was produced by the
command above it (\`npm run docs:tutorial\` regenerates this page). The mathematics is in docs/index.md;
each step names the page that explains it.`;

export const TUTORIAL_STEPS: readonly TutorialStep[] = [
  {
    heading: "1. Discovery: train, and read off the symmetry",
    before: `Gradient descent from 50 random (Xavier-like) starts at \`d = 14\`, each run polished until the gradient
norm is tiny, the gauge \`|a_i| = 1\` normalised, and the isotropy detected as the largest
\`Delta(S_{d-p} x S_p)\` that fixes the point up to a simultaneous permutation of rows and columns
(docs/discovery.md). Runs that end at the same point up to symmetry are grouped; each group is matched to a
family of derivations/.`,
    args: ["discover", "--d", "14", "--runs", "50", "--seed", "1"],
    after: `Family 2a is among the points training finds. Its declarative file, derivations/2a.json, records the
isotropy (\`p = 1\`), the signs of the second layer, a seed point at \`d = 20\` and the range of \`d\` over which the
branch was followed.`,
  },
  {
    heading: "2. The critical point at a fractional dimension",
    before: `Restricted to the fixed-point space of its isotropy, the loss is an explicit function of seven numbers
(five entries of \`W\`, two of \`a\`) and of \`d\` as a real number (docs/patterns.md, eq. (P1)-(P4)).
\`critical\` continues the seed in \`d\` and polishes it by Newton's method at the requested digits plus guard
digits; a second solve with 10 more digits confirms the digits printed (docs/families.md). Here \`d = 5.5\`,
which no network has, but the branch does:`,
    args: ["critical", "2a", "--d", "5.5"],
  },
  {
    heading: "3. Scalings: how each parameter behaves as d grows",
    before: `The family is a power series in \`eps = d^(-1/2)\` only after each parameter is scaled right.
\`propose\` solves the critical point numerically at \`d = 10^8 .. 10^12\`, reads off each parameter's limit and
rate, writes \`x_k = known_k(eps) + eps^s_k xt_k\` and confirms the guess exactly: the leading system must be
solvable with an invertible Jacobian (docs/series-derivation.md). For 2a one parameter has a singular first
guess and the proposal is deepened by one known term.`,
    args: ["propose", "2a"],
  },
  {
    heading: "4. The leading system",
    before: `The declared scalings (copied from the proposal into derivations/2a.json) give this leading system over
\`Q(pi)\`, checked exactly: \`F(xt(0), 0) = 0\` and \`det J(0) != 0\`. The implicit function theorem then gives a
unique real-analytic branch in \`eps\` (docs/leading-systems.md).`,
    args: ["leading", "2a"],
  },
  {
    heading: "5. The series, exactly",
    before: `Newton–Hensel lifting over truncated series with coefficients in \`Q(pi)\` (no floating point) gives every
parameter and the loss to any order; \`--order 6\` means an error \`O(eps^7) = O(d^(-7/2))\` (docs/series-derivation.md).
The committed tables in series/2a.{json,md,tex} go to \`d^(-5)\`.`,
    args: ["series", "2a", "--order", "6"],
  },
  {
    heading: "6. Checking the series against the high-precision critical point",
    before: `\`verify\` sums the series at \`d = 10^3 .. 10^6\` and compares every parameter and the loss with Newton's
critical point at 60 digits; the error must fall like the first omitted order, \`d^(-7/2)\` here (the fitted
slope is printed).`,
    args: ["verify", "2a", "--order", "6"],
  },
  {
    heading: "7. The Hessian by isotypic component",
    before: `The Hessian commutes with the isotropy group, so it splits into one small block per irreducible component;
each block eigenvalue occurs with the dimension of its irreducible as multiplicity (a polynomial in \`d\`).
The blocks are Hessians of the loss restricted to finer patterns, so \`d\` stays real (docs/hessian.md). The
\`d\` zero eigenvalues of the rescaling gauge \`(w_i, a_i) -> (s w_i, a_i / s)\` are named. At \`d = 20\` every
non-gauge eigenvalue is positive: a strict minimum up to the gauge.`,
    args: ["spectrum", "2a", "--d", "20"],
    after: `At integer \`d\` the tests compare these blocks, eigenvalue by eigenvalue with multiplicities, with the
spectrum of the full \`(d^2 + d) x (d^2 + d)\` Hessian of the independent evaluator (test/fullHessian*.test.ts).`,
  },
  {
    heading: "8. Eigenvalues as series",
    before: `Each block's characteristic polynomial has series coefficients; its roots are series in \`eps\` found by
Newton polygons, with Puiseux steps where leading terms coincide (docs/hessian.md, "eigenvalue series").
Eigenvalues of size \`d\` (the directions that move \`W\` along the bulk) and of size 1 appear side by side.`,
    args: ["eigen-series", "2a", "--order", "2"],
  },
  {
    heading: "9. Where the saddle becomes a minimum",
    before: `Scanning \`d\` downwards, one block eigenvalue changes sign. \`crossing\` brackets it and then solves the
critical-point equations and "the carrying block eigenvalue = 0" (a factor of \`det(block) = 0\`, better
conditioned) together for \`(x, d)\` by Newton's method at high precision; the component that
carries the sign change and the direction are reported, and the inertia at the neighbouring integers is
checked against the full Hessian (docs/crossing.md).`,
    args: ["crossing", "2a"],
    after: `So 2a is a saddle for \`d\` below the crossing and a spurious minimum above it up to the top of the scan;
beyond, the eigenvalue series of step 8 have positive leading terms in every block, so it stays a minimum
for all large \`d\`. The picture (\`spurious plot 2a --out series/plots\`, docs/plots.md):

![Family 2a: block eigenvalues against d](../series/plots/2a-spectrum.svg)

Everything on this page, for all families, is regenerated by \`npm run reproduce\` (docs/reproduce.md).`,
  },
  {
    heading: "10. The fixed second layer",
    before: `Most of the literature fixes the second layer at \`a = 1\` and trains \`W\` alone. By Euler's identity
\`w_i . grad_{w_i} L = a_i dL/da_i\`, the points of 2a (whose \`a\` is \`+1\`) are critical points of that model
too, with the same series; its Hessian is the \`W\`-block, \`d^2 x d^2\`, with no gauge zeros. The
\`W\`-block is congruent to the trained Hessian modulo the gauge directions, component by component
(docs/models.md), so the inertia and the crossing are the same; the eigenvalues differ only in the
components that the second layer carries (here \`[n]\` and \`[n-1,1]\`):`,
    args: ["crossing", "2a", "--second-layer", "fixed"],
    after: `The crossing \`d\` is the trained model's of step 9 to every digit; \`spurious spectrum 2a --d 10
--second-layer fixed\` and \`spurious eigen-series 2a --second-layer fixed\` give the fixed model's
eigenvalues (committed as \`series/2a.fixed.*\`), and \`--second-layer\` works with every command that
takes a family.`,
  },
];
