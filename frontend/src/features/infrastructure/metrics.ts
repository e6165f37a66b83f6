import { timestampDate, type Timestamp } from "@bufbuild/protobuf/wkt";
import type { TimeWindow } from "@leitstand/sdk/leitstand/admin/v1/infrastructure_pb.js";

/** A point of a metrics chart: the bucket's start and a value per series (null: no samples). */
export type MetricsPoint = { time: number } & Record<string, number | null>;

/**
 * metricsPoints lays the buckets out on every slot of the window, oldest
 * first. The API leaves out buckets without samples; their slots get null
 * values, which the charts draw as gaps.
 */
export function metricsPoints<B extends { startTime?: Timestamp }>(
  window: TimeWindow | undefined,
  buckets: B[],
  values: (bucket: B) => Record<string, number>,
  series: readonly string[],
): MetricsPoint[] {
  const byStart = new Map<number, B>();
  for (const b of buckets) {
    if (b.startTime) byStart.set(timestampDate(b.startTime).getTime(), b);
  }
  const step = (window?.bucketSeconds ?? 0) * 1000;
  if (!window?.startTime || !window.endTime || step <= 0) {
    return buckets
      .filter((b) => b.startTime)
      .map((b) => ({ time: timestampDate(b.startTime!).getTime(), ...values(b) }));
  }
  const start = timestampDate(window.startTime).getTime();
  const end = timestampDate(window.endTime).getTime();
  const empty = Object.fromEntries(series.map((s) => [s, null]));
  const points: MetricsPoint[] = [];
  for (let time = start; time < end; time += step) {
    const bucket = byStart.get(time);
    points.push({ time, ...(bucket ? values(bucket) : empty) });
  }
  // A bucket off the grid (another alignment) is kept at its own place.
  const onGrid = new Set(points.map((p) => p.time));
  for (const [time, bucket] of byStart) {
    if (!onGrid.has(time)) points.push({ time, ...values(bucket) });
  }
  return points.sort((a, b) => a.time - b.time);
}

/** hasValues tells whether any point has a value (else the chart says "no data"). */
export function hasValues(points: MetricsPoint[]): boolean {
  return points.some((p) => Object.entries(p).some(([k, v]) => k !== "time" && v !== null));
}

/**
 * measuredShare is the share of a total in use, 0–1, or undefined when the
 * providers do not report it: a used amount of 0 (no machine uses no memory
 * or disk) means "not reported", as the server's health check reads it too.
 */
export function measuredShare(used: bigint | number, total: bigint | number): number | undefined {
  const u = Number(used);
  const t = Number(total);
  if (!(u > 0) || !(t > 0)) return undefined;
  return Math.min(1, u / t);
}

/**
 * isolatedPoints lists, per series, the points that have a value while both
 * neighbours have none: a line does not draw them, so the chart marks them
 * with a dot.
 */
export function isolatedPoints(points: MetricsPoint[], series: readonly string[]) {
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
