import { describe, expect, it } from "vitest";
import { tickFormatter, tickStep, timeTicks } from "./time";

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** The wall-clock times of ticks in a zone, "DD HH:mm". */
const wall = (ticks: number[], timeZone: string) =>
  ticks.map((t) =>
    new Intl.DateTimeFormat("en-GB", {
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZone,
    }).format(new Date(t)),
  );

describe("tickStep", () => {
  it("picks round steps from the range", () => {
    expect(tickStep(hour)).toBe(10 * minute);
    expect(tickStep(day)).toBe(3 * hour);
    expect(tickStep(7 * day)).toBe(day);
    expect(tickStep(30 * day)).toBe(day);
  });
});

describe("timeTicks", () => {
  it("puts the ticks of a day every 3 hours on the clock of the display zone", () => {
    // 21 Nov 2026, 14:37 UTC is 15:37 in Berlin.
    const start = Date.UTC(2026, 10, 21, 14, 37);
    const ticks = timeTicks(start, start + day, 3 * hour, "Europe/Berlin");
    expect(wall(ticks, "Europe/Berlin")).toEqual([
      "21, 18:00",
      "21, 21:00",
      "22, 00:00",
      "22, 03:00",
      "22, 06:00",
      "22, 09:00",
      "22, 12:00",
      "22, 15:00",
    ]);
    // The same moments, 5:30 ahead in Kolkata, round there instead.
    expect(wall(timeTicks(start, start + day, 3 * hour, "Asia/Kolkata"), "Asia/Kolkata")[0]).toBe(
      "21, 21:00",
    );
  });

  it("puts the ticks of a week at each midnight", () => {
    const start = Date.UTC(2026, 10, 21, 14, 37);
    const ticks = timeTicks(start, start + 7 * day, day, "Europe/Berlin");
    expect(ticks).toHaveLength(7);
    expect(wall(ticks, "Europe/Berlin").every((w) => w.endsWith("00:00"))).toBe(true);
    expect(ticks.every((t) => t >= start && t <= start + 7 * day)).toBe(true);
  });

  it("stays on round hours across the change from summer time", () => {
    // Berlin leaves summer time on 25 Oct 2026 at 03:00 (back to 02:00).
    const start = Date.UTC(2026, 9, 24, 12);
    const ticks = timeTicks(start, start + day, 3 * hour, "Europe/Berlin");
    expect(wall(ticks, "Europe/Berlin").map((w) => w.slice(4))).toEqual([
      "15:00",
      "18:00",
      "21:00",
      "00:00",
      "03:00",
      "06:00",
      "09:00",
      "12:00",
    ]);
    // 00:00 to 03:00 that night is four hours.
    expect(ticks[4]! - ticks[3]!).toBe(4 * hour);
  });

  it("has no ticks for an empty range", () => {
    expect(timeTicks(5, 5, hour, "UTC")).toEqual([]);
  });
});

describe("tickFormatter", () => {
  it("labels times of day, and midnight and day steps with the date", () => {
    const midnight = Date.UTC(2026, 10, 21, 23); // 22 Nov, 00:00 in Berlin
    const hours = tickFormatter(3 * hour, "en", "Europe/Berlin");
    expect(hours(midnight + 3 * hour)).toBe("03:00");
    expect(hours(midnight)).toBe("22 Nov");
    expect(tickFormatter(day, "de", "Europe/Berlin")(midnight)).toBe("22. Nov.");
  });
});
