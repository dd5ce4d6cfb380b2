import { spawnSync } from "node:child_process";

/** What a spawned command printed and its exit status. */
export interface SpawnedCli {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Run `spurious <args>` in a child process from the current sources (src/cli/main.ts through tsx's loader),
 * so a test never runs a stale dist/; `spawnBin` runs the installed entry bin/spurious.js (dist/, built by
 * `npm install` and by `npm test`).
 */
export function spawnCli(...args: string[]): SpawnedCli {
  const r = spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], { encoding: "utf8", maxBuffer: 1 << 26 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Run bin/spurious.js, the package's command (it imports dist/cli/main.js). */
export function spawnBin(...args: string[]): SpawnedCli {
  const r = spawnSync(process.execPath, ["bin/spurious.js", ...args], { encoding: "utf8", maxBuffer: 1 << 26 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
