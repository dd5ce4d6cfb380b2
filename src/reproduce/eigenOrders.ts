import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's committed series/ folder. */
const COMMITTED_SERIES = fileURLToPath(new URL("../../series/", import.meta.url));

/**
 * The order of the committed eigenvalue series of a family (series/<family>.eigen.json), or undefined when
 * none is committed: the reproduction regenerates the eigen-series at the order committed today.
 */
export function committedEigenOrder(family: string, dir: string = COMMITTED_SERIES): number | undefined {
  const path = join(dir, `${family}.eigen.json`);
  if (!existsSync(path)) return undefined;
  const order = (JSON.parse(readFileSync(path, "utf8")) as { order?: unknown }).order;
  if (typeof order !== "number" || !Number.isInteger(order)) throw new Error(`${path} has no integer order`);
  return order;
}
