import { timestampDate, type Timestamp } from "@bufbuild/protobuf/wkt";
import type { TimeWindow } from "@leitstand/sdk/leitstand/admin/v1/infrastructure_pb.js";
import { fillGaps, type TimeGrid, type TimePoint } from "@/components/charts/series";

/** A point of a metrics chart: the bucket's start and a value per series (null: no samples). */
export type MetricsPoint = TimePoint;

/** windowGrid is the grid of a metrics window; undefined when the window is incomplete. */
export function windowGrid(window: TimeWindow | undefined): TimeGrid | undefined {
  if (!window?.startTime || !window.endTime || !(window.bucketSeconds > 0)) return undefined;
  return {
    start: timestampDate(window.startTime).getTime(),
    end: timestampDate(window.endTime).getTime(),
    step: window.bucketSeconds * 1000,
  };
}

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
  const measured = buckets
    .filter((b) => b.startTime)
    .map((b) => ({ time: timestampDate(b.startTime!).getTime(), ...values(b) }));
  return fillGaps(windowGrid(window), measured, series);
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
