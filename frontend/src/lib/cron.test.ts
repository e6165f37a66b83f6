import { describe, expect, it } from "vitest";
import { describeSchedule, ordinal } from "./cron";

describe("describeSchedule", () => {
  const cases: { expression: string; en: string; de: string }[] = [
    { expression: "* * * * *", en: "Every minute", de: "Jede Minute" },
    { expression: "0 * * * *", en: "Every hour at :00 (UTC)", de: "Stündlich um :00 (UTC)" },
    { expression: "15 * * * *", en: "Every hour at :15 (UTC)", de: "Stündlich um :15 (UTC)" },
    { expression: "0 2 * * *", en: "Daily at 02:00 UTC", de: "Täglich um 02:00 UTC" },
    { expression: "30 23 * * *", en: "Daily at 23:30 UTC", de: "Täglich um 23:30 UTC" },
    { expression: "0 3 * * 0", en: "Sundays at 03:00 UTC", de: "Sonntags um 03:00 UTC" },
    { expression: "0 3 * * 7", en: "Sundays at 03:00 UTC", de: "Sonntags um 03:00 UTC" },
    { expression: "5 6 * * MON", en: "Mondays at 06:05 UTC", de: "Montags um 06:05 UTC" },
    {
      expression: "0 0 1 * *",
      en: "1st of the month at 00:00 UTC",
      de: "Am 1. des Monats um 00:00 UTC",
    },
    {
      expression: "0 12 22 * *",
      en: "22nd of the month at 12:00 UTC",
      de: "Am 22. des Monats um 12:00 UTC",
    },
    { expression: "  0   2 * * *  ", en: "Daily at 02:00 UTC", de: "Täglich um 02:00 UTC" },
  ];
  for (const c of cases) {
    it(`describes "${c.expression}"`, () => {
      expect(describeSchedule(c.expression, "en")).toBe(c.en);
      expect(describeSchedule(c.expression, "de")).toBe(c.de);
    });
  }

  it("returns other expressions as they are", () => {
    for (const expression of [
      "*/5 * * * *",
      "0 */2 * * *",
      "0 9 * * 1-5",
      "0 9 1,15 * *",
      "0 0 1 1 *",
      "0 0 1 * 1",
      "60 * * * *",
      "0 24 * * *",
      "0 0 32 * *",
      "* 2 * * *",
      "0 * 1 * *",
      "@hourly",
      "0 2 * *",
      "",
    ]) {
      expect(describeSchedule(expression, "en")).toBe(expression.trim());
    }
  });
});

describe("ordinal", () => {
  it("writes English and German ordinals", () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 31].map((n) => ordinal(n, "en"))).toEqual([
      "1st",
      "2nd",
      "3rd",
      "4th",
      "11th",
      "12th",
      "13th",
      "21st",
      "22nd",
      "23rd",
      "31st",
    ]);
    expect(ordinal(3, "de")).toBe("3.");
  });
});

describe("describeSchedule in a display time zone", () => {
  it("gives the times of the zone at the next run, labelled with it", () => {
    const berlin = (next: Date) => ({ timeZone: "Europe/Berlin", next });
    const winter = new Date(Date.UTC(2026, 0, 12, 2, 0));
    const summer = new Date(Date.UTC(2026, 6, 13, 2, 0));
    expect(describeSchedule("0 2 * * *", "en", berlin(winter))).toBe("Daily at 03:00 CET");
    expect(describeSchedule("0 2 * * *", "en", berlin(summer))).toBe("Daily at 04:00 CEST");
    expect(
      describeSchedule("0 23 * * 0", "de", berlin(new Date(Date.UTC(2026, 0, 11, 23, 0)))),
    ).toBe("Montags um 00:00 MEZ");
    expect(describeSchedule("0 * * * *", "en", { timeZone: "Asia/Kolkata", next: winter })).toBe(
      "Every hour at :30 (GMT+5:30)",
    );
    // The 1st at 23:00 UTC is the 2nd in Berlin: that stays in UTC.
    expect(
      describeSchedule("0 23 1 * *", "en", berlin(new Date(Date.UTC(2026, 1, 1, 23, 0)))),
    ).toBe("1st of the month at 23:00 UTC");
    expect(describeSchedule("0 2 * * *", "en", { timeZone: "UTC", next: winter })).toBe(
      "Daily at 02:00 UTC",
    );
  });
});
