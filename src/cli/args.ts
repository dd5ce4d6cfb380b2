import { UsageError } from "./command.js";

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A real number given on the command line, as its decimal string, within [min, max]. */
export function parseReal(option: string, raw: string | boolean | undefined, range: { min?: number; max?: number } = {}): string {
  if (typeof raw !== "string" || !NUMBER.test(raw.trim())) {
    throw new UsageError(`--${option}: '${String(raw ?? "")}' is not a number (expected a decimal such as 7.25 or 1e6)`);
  }
  const value = Number(raw);
  if (range.min !== undefined && value < range.min) {
    throw new UsageError(`--${option}: ${raw} is below the allowed minimum ${range.min}`);
  }
  if (range.max !== undefined && value > range.max) {
    throw new UsageError(`--${option}: ${raw} is above the allowed maximum ${range.max}`);
  }
  return raw.trim();
}

/** An integer given on the command line, within [min, max]. */
export function parseInteger(option: string, raw: string | boolean | undefined, range: { min: number; max: number }): number {
  if (typeof raw !== "string" || !/^[+-]?\d+$/.test(raw.trim())) {
    throw new UsageError(`--${option}: '${String(raw ?? "")}' is not an integer (allowed: ${range.min} to ${range.max})`);
  }
  const value = Number(raw);
  if (value < range.min || value > range.max) {
    throw new UsageError(`--${option}: ${raw} is outside the allowed range ${range.min} to ${range.max}`);
  }
  return value;
}
