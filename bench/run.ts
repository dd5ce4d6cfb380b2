import { benchEvaluator } from "./evaluator.js";

// `npm run bench`: one line per benchmark, the figure last. Speed is measured here, never in tests.
benchEvaluator();
