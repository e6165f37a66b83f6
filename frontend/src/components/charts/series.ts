/**
 * The data of the charts: points on a regular grid of time with explicit
 * gaps, integer axes for counts, and the figures shown beside a chart's
 * title. Pure functions, so the rules are tested without a chart.
 */

/** A point of a time chart: its time (ms) and a value per series (null: nothing measured). */
export type TimePoint = { time: number } & Record<string, number | null>;

/** The grid of a time chart: from start (the first bucket) to end (exclusive), a bucket per step. */
export interface TimeGrid {
  start: number;
  end: number;
  step: number;
}

/**
 * fillGaps lays measured points on every slot of the grid, oldest first. A
 * slot without a point gets null for every series, which a chart draws as a
 * gap (with connectNulls off) instead of a line across the missing time. A
 * point off the grid (another alignment) is kept at its own time.
 */
export function fillGaps(
  grid: TimeGrid | undefined,
  measured: TimePoint[],
  series: readonly string[],
): TimePoint[] {
  if (!grid || !(grid.step > 0) || !(grid.end > grid.start)) {
    return [...measured].sort((a, b) => a.time - b.time);
  }
  const byTime = new Map(measured.map((p) => [p.time, p]));
  const empty = Object.fromEntries(series.map((s) => [s, null]));
  const points: TimePoint[] = [];
  for (let time = grid.start; time < grid.end; time += grid.step) {
    points.push(byTime.get(time) ?? { time, ...empty });
  }
  const onGrid = new Set(points.map((p) => p.time));
  for (const p of measured) if (!onGrid.has(p.time)) points.push(p);
  return points.sort((a, b) => a.time - b.time);
}

/** hasValues tells whether any point has a value (else the chart says there is no data). */
export function hasValues(points: TimePoint[]): boolean {
  return points.some((p) => Object.entries(p).some(([k, v]) => k !== "time" && v !== null));
}

/**
 * isolatedPoints lists, per series, the points that have a value while both
 * neighbours have none: a line does not draw them, so the chart marks them
 * with a dot.
 */
export function isolatedPoints(points: TimePoint[], series: readonly string[]) {
  const has = (i: number, key: string) => typeof points[i]?.[key] === "number";
  return Object.fromEntries(
    series.map((key) => [
      key,
      new Set(
        points.flatMap((_, i) => (has(i, key) && !has(i - 1, key) && !has(i + 1, key) ? [i] : [])),
      ),
    ]),
  ) as Record<string, Set<number>>;
}

/** latestValue is the series' most recent value, undefined when it has none. */
export function latestValue(points: TimePoint[], key: string): number | undefined {
  for (let i = points.length - 1; i >= 0; i--) {
    const value = points[i]?.[key];
    if (typeof value === "number") return value;
  }
  return undefined;
}

/** averageValue is the mean of the series' values over the points that have one. */
export function averageValue(points: TimePoint[], key: string): number | undefined {
  const values = points.map((p) => p[key]).filter((v): v is number => typeof v === "number");
  return values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * integerTicks are the ticks of an axis of counts (runs, samples): whole
 * numbers from 0 with a round step (1, 2, 5, 10, 20, 50, …), at most about
 * maxTicks of them, the last at or above max. A chart of nothing gets 0 and 1.
 */
export function integerTicks(max: number, maxTicks = 5): number[] {
  const top = Math.max(1, Math.ceil(max));
  let step = 1;
  // 1, 2, 5, 10, 20, 50, …: the first that needs at most maxTicks steps to the top.
  for (let magnitude = 1; Math.ceil(top / step) > maxTicks; magnitude *= 10) {
    step =
      [1, 2, 5].map((m) => m * magnitude).find((s) => Math.ceil(top / s) <= maxTicks) ??
      10 * magnitude;
  }
  const ticks: number[] = [];
  // The first multiple of the step at or above the top ends the axis.
  for (let v = 0; v < top + step; v += step) ticks.push(v);
  return ticks;
}
