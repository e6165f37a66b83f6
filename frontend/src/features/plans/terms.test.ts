import { describe, expect, it } from "vitest";
import { aPlanVersion } from "@/test/builders";
import { changedTerms, supportHours, supportMinutes } from "./terms";

describe("support time", () => {
  it.each([
    [0, 0],
    [60, 1],
    [90, 1.5],
    [240, 4],
    [50, 0.83],
    [44640, 744],
  ])("%i minutes are %d hours and back", (minutes, hours) => {
    expect(supportHours(minutes)).toBe(hours);
    expect(supportMinutes(hours)).toBe(minutes);
  });

  it("rounds typed hours to whole minutes", () => {
    expect(supportMinutes(0.1)).toBe(6);
    expect(supportMinutes(1.33)).toBe(80);
  });
});

describe("changedTerms", () => {
  it("names the terms that differ, in the pages' order", () => {
    const before = aPlanVersion().terms!;
    const after = aPlanVersion({
      terms: { ...before, maxUsers: 30, monthlyFeeCents: 3490n },
    }).terms;
    expect(changedTerms(before, after)).toEqual(["monthlyFeeCents", "maxUsers"]);
    expect(changedTerms(before, before)).toEqual([]);
    expect(changedTerms(undefined, after)).toEqual([]);
  });
});
