import { spawnSync } from "node:child_process";
import { TUTORIAL_INTRO, TUTORIAL_STEPS, TUTORIAL_TITLE, type TutorialStep } from "./steps.js";

/**
 * docs/tutorial.md: every tutorial command run as a user would (`spurious ...` through tsx, from the
 * repository root) with its output pasted below it. Throws, naming the command, if one fails.
 */
export function tutorialMarkdown(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): string {
  const parts = [`# ${TUTORIAL_TITLE}`, "", TUTORIAL_INTRO, ""];
  for (const step of TUTORIAL_STEPS) {
    parts.push(`## ${step.heading}`, "", step.before, "", "```", `$ spurious ${step.args.join(" ")}`, runStep(step, log), "```", "");
    if (step.after !== undefined) parts.push(step.after, "");
  }
  return parts.join("\n");
}

function runStep(step: TutorialStep, log: (line: string) => void): string {
  const started = Date.now();
  const result = spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...step.args], { encoding: "utf8", maxBuffer: 1 << 26 });
  log(`tutorial: spurious ${step.args.join(" ")} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (result.status !== 0) throw new Error(`tutorial: spurious ${step.args.join(" ")} failed (exit ${result.status}): ${result.stderr.trim().split("\n").pop()}`);
  return result.stdout.trimEnd();
}
