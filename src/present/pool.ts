import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";

// Running independent units of work: in this thread one after another (jobs = 1), or on a pool of worker
// threads (piscina) that post their progress to this thread (docs/reproduce.md, "Parallel runs"). The
// reproduction's tasks and the families of `spurious series all` run on it.

/** Work the pool runs: a function from plain data (sent to a worker) to plain data (sent back). */
export interface PoolWork<I, R> {
  /** Runs one input in this thread, reporting its inner progress. */
  readonly run: (input: I, progress: (text: string) => void) => R | Promise<R>;
  /** The URL of the module whose default export is `run`, which a worker imports (workModule). */
  readonly module: string;
  /** The input's name in errors, e.g. "series 1b". */
  label(input: I): string;
}

/** An input as sent to a worker: its number tags the worker's progress messages. */
export interface WorkerTask {
  readonly id: number;
  readonly module: string;
  readonly input: unknown;
}

/** What a worker posts to the main thread while it runs an input. */
export type WorkerMessage = { readonly id: number; readonly kind: "begin" } | { readonly id: number; readonly kind: "update"; readonly text: string };

/** What the caller hears of each input, by its index in the list. */
export interface TaskEvents<R> {
  begin(index: number): void;
  update(index: number, text: string): void;
  /** The input's result; may throw (the run then fails as if the work had). */
  done(index: number, result: R): void | Promise<void>;
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

/** The URL of the module `name` ("./x.js") next to `base` (an import.meta.url): x.ts when run from TypeScript. */
export function workModule(base: string, name: string): string {
  return new URL(base.endsWith(".ts") ? name.replace(/\.js$/, ".ts") : name, base).href;
}

/** The error of a failed input, naming it (e.g. "crossing 2a failed: ..."). */
function workError<I>(work: PoolWork<I, unknown>, input: I, e: unknown): Error {
  return new Error(`${work.label(input)} failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
}

/** Threads that run work, opened once for several runs (openPool); close() ends them. */
export interface WorkerPool {
  /**
   * Run `work` on every input (in this thread, in the given order, when the pool has one thread; else
   * started in the given order as threads come free). The first failure (of an input or of `events.done`)
   * stops the other threads and rejects, naming the input; the pool is then closed.
   */
  run<I, R>(work: PoolWork<I, R>, inputs: readonly I[], events: TaskEvents<R>): Promise<void>;
  close(): Promise<void>;
}

/** Run `work` on every input on `jobs` worker threads (1: in this thread), as WorkerPool.run on a pool of its own. */
export async function runPool<I, R>(work: PoolWork<I, R>, inputs: readonly I[], jobs: number, events: TaskEvents<R>): Promise<void> {
  const pool = jobs <= 1 ? thisThread() : threadPool(Math.max(1, Math.min(jobs, inputs.length)));
  try {
    await pool.run(work, inputs, events);
  } finally {
    await pool.close();
  }
}

/** A pool of `jobs` worker threads (piscina), or this thread alone when jobs <= 1. */
export function openPool(jobs: number): WorkerPool {
  return jobs <= 1 ? thisThread() : threadPool(jobs);
}

/** The work run in this thread, one input after another. */
function thisThread(): WorkerPool {
  return {
    async run(work, inputs, events) {
      for (const [i, input] of inputs.entries()) {
        events.begin(i);
        let result;
        try {
          result = await work.run(input, (text) => events.update(i, text));
        } catch (e) {
          throw workError(work, input, e);
        }
        await events.done(i, result);
      }
    },
    close: async () => undefined,
  };
}

/** A pool of `jobs` worker threads (piscina). */
function threadPool(jobs: number): WorkerPool {
  const pool = new Piscina<WorkerTask, unknown>({ filename: workerEntry(), minThreads: jobs, maxThreads: jobs, idleTimeout: Infinity });
  let listener: ((m: WorkerMessage) => void) | undefined;
  pool.on("message", (m: WorkerMessage) => listener?.(m));
  return {
    async run<I, R>(work: PoolWork<I, R>, inputs: readonly I[], events: TaskEvents<R>): Promise<void> {
      let failure: Error | undefined;
      listener = (m) => {
        if (failure !== undefined) return;
        if (m.kind === "begin") events.begin(m.id);
        else events.update(m.id, m.text);
      };
      const fail = (e: Error): void => {
        if (failure !== undefined) return;
        failure = e;
        void pool.destroy();
      };
      // At most one input per thread is handed to the pool at a time: piscina's queue does not keep the
      // order of submission, and the order matters (the longest first).
      let next = 0;
      const finishing: Promise<void>[] = [];
      const lane = async (): Promise<void> => {
        while (next < inputs.length && failure === undefined) {
          const i = next++;
          const input = inputs[i]!;
          let result: R;
          try {
            result = (await pool.run({ id: i, module: work.module, input })) as R;
          } catch (e) {
            fail(workError(work, input, e));
            return;
          }
          if (failure !== undefined) return;
          // Not awaited: the next input starts while this one's step finishes (e.g. the loss plot is drawn).
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
      await Promise.all(Array.from({ length: Math.min(jobs, inputs.length) }, lane));
      await Promise.all(finishing);
      listener = undefined;
      if (failure !== undefined) throw failure;
    },
    close: () => pool.destroy(),
  };
}
