/**
 * The catalog's values as people type and read them: setup times in
 * minutes, hours or days (prices: lib/price.ts).
 */

export type SetupUnit = "minutes" | "hours" | "days";

/** setupParts splits minutes into the largest whole unit: 90 → 90 minutes, 120 → 2 hours, 2880 → 2 days. */
export function setupParts(minutes: number): { value: number; unit: SetupUnit } {
  if (minutes > 0 && minutes % (24 * 60) === 0) return { value: minutes / (24 * 60), unit: "days" };
  if (minutes > 0 && minutes % 60 === 0) return { value: minutes / 60, unit: "hours" };
  return { value: minutes, unit: "minutes" };
}

/** setupMinutes is the inverse of setupParts. */
export function setupMinutes(value: number, unit: SetupUnit): number {
  return unit === "days" ? value * 24 * 60 : unit === "hours" ? value * 60 : value;
}

/** The largest icon the server accepts. */
export const maxIconBytes = 256 * 1024;
