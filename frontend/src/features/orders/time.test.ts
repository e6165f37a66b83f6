import { describe, expect, it } from "vitest";
import { formatElapsed, formatMinutes, moveItem, parseDuration, progress } from "./time";

describe("time worked", () => {
  it.each([
    [0, "0:00"],
    [5, "0:05"],
    [90, "1:30"],
    [1440, "24:00"],
  ])("shows %i minutes as %s", (minutes, shown) => {
    expect(formatMinutes(minutes)).toBe(shown);
    expect(formatMinutes(BigInt(minutes))).toBe(shown);
  });

  it.each([
    ["1:30", 90],
    [" 0:05 ", 5],
    ["90", 90],
    ["1.5", 90],
    ["1,25", 75],
    ["24:00", 1440],
    ["0", null],
    ["0:00", null],
    ["24:01", null],
    ["1:75", null],
    ["abc", null],
    ["", null],
    ["-5", null],
  ])("reads %j as %j minutes", (text, minutes) => {
    expect(parseDuration(text)).toBe(minutes);
  });

  it("shows a running timer's time in hours, minutes and seconds", () => {
    const start = new Date("2026-03-02T08:00:00Z");
    expect(formatElapsed(start, new Date("2026-03-02T08:00:09Z"))).toBe("0:00:09");
    expect(formatElapsed(start, new Date("2026-03-02T09:02:03Z"))).toBe("1:02:03");
    // A clock slightly behind the server's shows no negative time.
    expect(formatElapsed(start, new Date("2026-03-02T07:59:58Z"))).toBe("0:00:00");
  });
});

describe("processes and templates", () => {
  it("counts the steps done", () => {
    expect(progress([{ doneTime: {} }, {}, { doneTime: {} }])).toEqual({ done: 2, total: 3 });
    expect(progress([])).toEqual({ done: 0, total: 0 });
  });

  it("moves a step up and down, and not past the ends", () => {
    expect(moveItem(["a", "b", "c"], 2, -1)).toEqual(["a", "c", "b"]);
    expect(moveItem(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    expect(moveItem(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
    expect(moveItem(["a", "b", "c"], 2, 1)).toEqual(["a", "b", "c"]);
  });
});
