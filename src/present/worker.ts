import { parentPort } from "node:worker_threads";
import type { WorkerMessage, WorkerTask } from "./pool.js";

// The entry of the worker threads of the pool (src/present/pool.ts loads it, see workerEntry there): imports
// the module of the work (its default export runs one input), runs the input and posts its progress to the
// main thread, which prints it.

/** Inner progress is posted at most this often (the main thread prints at most a line per 2 s anyway). */
const POST_EVERY_MS = 100;

type Run = (input: unknown, progress: (text: string) => void) => unknown;

export default async function runWorkerTask(w: WorkerTask): Promise<unknown> {
  const post = (m: WorkerMessage): void => parentPort?.postMessage(m);
  post({ id: w.id, kind: "begin" });
  const { default: run } = (await import(w.module)) as { default: Run };
  let last = 0;
  return run(w.input, (text) => {
    const now = Date.now();
    if (now - last < POST_EVERY_MS) return;
    last = now;
    post({ id: w.id, kind: "update", text });
  });
}
