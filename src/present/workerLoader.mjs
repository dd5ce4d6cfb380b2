// The worker entry when the pool runs from TypeScript (src/ through tsx): a worker thread does not
// inherit tsx's loader, and Node 20 ignores `--import` in a worker's execArgv, so this plain module registers
// the loader in the worker, then loads the TypeScript worker (see workerEntry in pool.ts).
import { register } from "tsx/esm/api";

register();
const { default: runWorkerTask } = await import("./worker.ts");
export default runWorkerTask;
