import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import { runTask, taskLabel, type Task, type TaskResult } from "./tasks.js";

// Running the tasks of a reproduction: in this thread one after another (jobs = 1), or on a pool of worker
// threads (piscina) that post their progress to this thread (docs/reproduce.md, "Parallel runs").

/** A task as sent to a worker: its number tags the worker's progress messages. */
export interface WorkerTask {
  readonly id: number;
  readonly task: Task;
}

/** What a worker posts to the main thread while it runs a task. */
export type WorkerMessage = { readonly id: number; readonly kind: "begin" } | { readonly id: number; readonly kind: "update"; readonly text: string };

/** What the caller hears of each task, by its index in the list. */
export interface TaskEvents {
  begin(index: number): void;
  update(index: number, text: string): void;
  /** The task's result; may throw (the run then fails as if the task had). */
  done(index: number, result: TaskResult): void | Promise<void>;
}

/**
 * The worker's entry file: the one place that knows where the worker lives. Run from TypeScript (src/,
 * through tsx) it is workerLoader.mjs next to this file, which registers tsx's loader in the worker thread
 * and loads worker.ts; run from compiled JavaScript it is worker.js next to this file, loaded as is.
 */
export function workerEntry(): string {
  const here = import.meta.url;
  return fileURLToPath(new URL(here.endsWith(".ts") ? "./workerLoader.mjs" : "./worker.js", here));
}

/** The error of a failed task, naming it (e.g. "crossing 2a failed: ..."). */
function taskError(t: Task, e: unknown): Error {
  return new Error(`${taskLabel(t)} failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
}

/**
 * Run every task, on `jobs` worker threads (1: in this thread, in the given order); a pool starts them in the
 * given order as workers come free. The first failure (of a task or of `events.done`) stops the other
 * workers and rejects, naming the task.
 */
export async function runTasks(tasks: readonly Task[], jobs: number, events: TaskEvents): Promise<void> {
  if (jobs <= 1) {
    for (const [i, t] of tasks.entries()) {
      events.begin(i);
      let result: TaskResult;
      try {
        result = await runTask(t, (text) => events.update(i, text));
      } catch (e) {
        throw taskError(t, e);
      }
      await events.done(i, result);
    }
    return;
  }
  const threads = Math.min(jobs, tasks.length);
  const pool = new Piscina<WorkerTask, TaskResult>({ filename: workerEntry(), minThreads: threads, maxThreads: threads, idleTimeout: Infinity });
  let failure: Error | undefined;
  pool.on("message", (m: WorkerMessage) => {
    if (failure !== undefined) return;
    if (m.kind === "begin") events.begin(m.id);
    else events.update(m.id, m.text);
  });
  const fail = (e: Error): void => {
    if (failure !== undefined) return;
    failure = e;
    void pool.destroy();
  };
  // At most one task per worker is handed to the pool at a time: piscina's queue does not keep the order
  // of submission, and the order matters (the longest tasks first).
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < tasks.length && failure === undefined) {
      const i = next++;
      const t = tasks[i]!;
      let result: TaskResult;
      try {
        result = await pool.run({ id: i, task: t });
      } catch (e) {
        fail(taskError(t, e));
        return;
      }
      if (failure !== undefined) return;
      // Not awaited: the next task starts while this one's step finishes (e.g. the loss plot is drawn).
      finishing.push(
        (async () => {
          try {
            await events.done(i, result);
          } catch (e) {
            fail(e instanceof Error ? e : new Error(String(e)));
          }
        })(),
      );
    }
  };
  const finishing: Promise<void>[] = [];
  try {
    await Promise.all(Array.from({ length: threads }, lane));
    await Promise.all(finishing);
  } finally {
    await pool.destroy();
  }
  if (failure !== undefined) throw failure;
}
