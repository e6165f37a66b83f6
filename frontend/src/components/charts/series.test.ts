import { describe, expect, it } from "vitest";
import {
  averageValue,
  fillGaps,
  hasValues,
  integerTicks,
  isolatedPoints,
  latestValue,
} from "./series";

const grid = { start: 0, end: 5 * 60_000, step: 60_000 };
const at = (m: number, cpu: number) => ({ time: m * 60_000, cpu });

describe("fillGaps", () => {
  it("puts a null on every slot without a point, so the line breaks there", () => {
    const points = fillGaps(grid, [at(0, 1), at(1, 2), at(4, 5)], ["cpu"]);
    expect(points.map((p) => p.cpu)).toEqual([1, 2, null, null, 5]);
    expect(points.map((p) => p.time)).toEqual([0, 1, 2, 3, 4].map((m) => m * 60_000));
  });

  it("keeps a point off the grid in its place", () => {
    const points = fillGaps(grid, [at(2.5, 7)], ["cpu"]);
    expect(points).toHaveLength(6);
    expect(points.map((p) => p.cpu)).toEqual([null, null, null, 7, null, null]);
  });

  it("sorts the points as they are without a grid", () => {
    expect(fillGaps(undefined, [at(3, 1), at(1, 2)], ["cpu"])).toEqual([at(1, 2), at(3, 1)]);
  });
});

describe("the figures", () => {
  const points = [at(0, 10), { time: 1, cpu: null }, at(2, 30), { time: 3, cpu: null }];
  it("take the latest value and the average over the points measured", () => {
    expect(latestValue(points, "cpu")).toBe(30);
    expect(averageValue(points, "cpu")).toBe(20);
    expect(latestValue([], "cpu")).toBeUndefined();
    expect(averageValue([{ time: 0, cpu: null }], "cpu")).toBeUndefined();
  });

  it("tell a chart without any value", () => {
    expect(hasValues([{ time: 0, cpu: null }])).toBe(false);
    expect(hasValues([at(0, 0)])).toBe(true);
  });

  it("mark the values with no neighbour, which a line cannot draw", () => {
    const p = (cpu: number | null) => ({ time: 0, cpu });
    const list = [p(1), p(null), p(2), p(3), p(null), p(4)];
    expect([...(isolatedPoints(list, ["cpu"]).cpu ?? [])]).toEqual([0, 5]);
  });
});

describe("integerTicks", () => {
  it("counts in whole numbers with a round step", () => {
    expect(integerTicks(0)).toEqual([0, 1]);
    expect(integerTicks(3)).toEqual([0, 1, 2, 3]);
    expect(integerTicks(2.4)).toEqual([0, 1, 2, 3]);
    expect(integerTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(integerTicks(23)).toEqual([0, 5, 10, 15, 20, 25]);
    expect(integerTicks(140)).toEqual([0, 50, 100, 150]);
  });

  it("never has a fraction, at most about the ticks asked for", () => {
    for (let max = 0; max < 2000; max += 7) {
      const ticks = integerTicks(max);
      expect(ticks.every(Number.isInteger)).toBe(true);
      expect(ticks.at(-1)).toBeGreaterThanOrEqual(max);
      expect(ticks.length).toBeLessThanOrEqual(6);
    }
  });
});
