import { create } from "@bufbuild/protobuf";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { describe, expect, it } from "vitest";
import { TimeWindowSchema } from "@leitstand/sdk/leitstand/admin/v1/infrastructure_pb.js";
import { hasValues } from "@/components/charts/series";
import { measuredShare, metricsPoints } from "./metrics";

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 21, 12) + minutes * 60_000);
const bucket = (minutes: number, value: number) => ({
  startTime: timestampFromDate(at(minutes)),
  value,
});

describe("metricsPoints", () => {
  const window = create(TimeWindowSchema, {
    startTime: timestampFromDate(at(0)),
    endTime: timestampFromDate(at(5)),
    bucketSeconds: 60,
  });

  it("puts a null where a bucket is missing, so the chart shows a gap", () => {
    const points = metricsPoints(
      window,
      [bucket(0, 1), bucket(1, 2), bucket(4, 5)],
      (b) => ({ cpu: b.value }),
      ["cpu"],
    );
    expect(points.map((p) => p.cpu)).toEqual([1, 2, null, null, 5]);
    expect(points.map((p) => p.time)).toEqual([0, 1, 2, 3, 4].map((m) => at(m).getTime()));
  });

  it("keeps a bucket that is off the grid", () => {
    const points = metricsPoints(window, [bucket(2.5, 7)], (b) => ({ cpu: b.value }), ["cpu"]);
    expect(points).toHaveLength(6);
    expect(points.find((p) => p.cpu === 7)?.time).toBe(at(2.5).getTime());
  });

  it("uses the buckets as they are without a window", () => {
    const points = metricsPoints(undefined, [bucket(3, 1)], (b) => ({ cpu: b.value }), ["cpu"]);
    expect(points).toEqual([{ time: at(3).getTime(), cpu: 1 }]);
  });

  it("tells an empty range", () => {
    expect(hasValues(metricsPoints(window, [], () => ({}), ["cpu"]))).toBe(false);
    expect(
      hasValues(metricsPoints(window, [bucket(1, 0)], (b) => ({ cpu: b.value }), ["cpu"])),
    ).toBe(true);
  });
});

describe("measuredShare", () => {
  it("is the share in use, and unknown where nothing is reported", () => {
    expect(measuredShare(2n, 8n)).toBe(0.25);
    expect(measuredShare(9, 8)).toBe(1);
    expect(measuredShare(0n, 8n * 1024n ** 3n)).toBeUndefined();
    expect(measuredShare(5n, 0n)).toBeUndefined();
  });
});
