import { benchEvaluator } from "./evaluator.js";
import { benchQPi } from "./qpi.js";
import { benchPatterns } from "./patterns.js";
import { benchSeries } from "./series.js";
import { benchHessian } from "./hessian.js";
import { benchLinalg } from "./linalg.js";
import { benchCrossing } from "./crossing.js";
import { benchCensus, benchTrainingRun } from "./census.js";

// `npm run bench`: one line per benchmark, the figure last. Speed is measured here, never in tests.
benchQPi();
benchEvaluator();
benchPatterns();
benchHessian();
benchLinalg();
benchSeries();
benchCrossing();
benchTrainingRun();
benchCensus();
