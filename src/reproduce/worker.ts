import { parentPort } from "node:worker_threads";
import type { WorkerMessage, WorkerTask } from "./pool.js";
import { runTask, type TaskResult } from "./tasks.js";

// The entry of a reproduction's worker threads (the pool of src/reproduce/pool.ts loads it, see workerEntry
// there): runs one task and posts its progress to the main thread, which prints it.

/** Inner progress is posted at most this often (the main thread prints at most a line per 2 s anyway). */
const POST_EVERY_MS = 100;

export default async function runWorkerTask(w: WorkerTask): Promise<TaskResult> {
  const post = (m: WorkerMessage): void => parentPort?.postMessage(m);
  post({ id: w.id, kind: "begin" });
  let last = 0;
  return runTask(w.task, (text) => {
    const now = Date.now();
    if (now - last < POST_EVERY_MS) return;
    last = now;
    post({ id: w.id, kind: "update", text });
  });
}
