import { describe, expect, it } from "vitest";
import {
  formatBytes,
  formatBytesOf,
  formatDate,
  formatGigabytes,
  formatGigabytesOf,
  formatDateTime,
  formatDuration,
  formatMoney,
  formatNumber,
  formatPercent,
  formatRate,
  formatRelative,
  formatExactTime,
  localDateTime,
  zonedDateTime,
  formatTime,
  zoneName,
  saveTimeZone,
  savedTimeZone,
  displayTimeZone,
  browserTimeZone,
  usageShare,
} from "./format";

// Intl separates amount and currency with a no-break space; compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("formatMoney", () => {
  const cases: {
    name: string;
    cents: bigint | number;
    currency: string;
    de: string;
    en: string;
  }[] = [
    { name: "thousands", cents: 123456, currency: "EUR", de: "1.234,56 €", en: "€1,234.56" },
    { name: "zero", cents: 0, currency: "EUR", de: "0,00 €", en: "€0.00" },
    { name: "cents only", cents: 5, currency: "EUR", de: "0,05 €", en: "€0.05" },
    { name: "negative", cents: -1999, currency: "EUR", de: "-19,99 €", en: "-€19.99" },
    {
      name: "bigint",
      cents: 123456789012345n,
      currency: "EUR",
      de: "1.234.567.890.123,45 €",
      en: "€1,234,567,890,123.45",
    },
    { name: "other currency", cents: 250000, currency: "usd", de: "2.500,00 $", en: "US$2,500.00" },
    { name: "no minor unit", cents: 1500, currency: "JPY", de: "1.500 ¥", en: "JP¥1,500" },
  ];
  for (const c of cases) {
    it(`${c.name} in German`, () => {
      expect(plain(formatMoney(c.cents, c.currency, "de"))).toBe(c.de);
    });
    it(`${c.name} in English`, () => {
      expect(plain(formatMoney(c.cents, c.currency, "en"))).toBe(c.en);
    });
  }
});

describe("formatNumber", () => {
  it("groups per locale", () => {
    expect(formatNumber(1234567, "de")).toBe("1.234.567");
    expect(formatNumber(1234567, "en")).toBe("1,234,567");
  });
});

describe("dates", () => {
  const date = new Date(2026, 10, 7, 14, 5, 9);
  it("formats the day", () => {
    expect(formatDate(date, "de")).toBe("07.11.2026");
    expect(formatDate(date, "en")).toBe("7 Nov 2026");
  });
  it("formats day and time", () => {
    expect(plain(formatDateTime(date, "de"))).toBe("07.11.2026, 14:05");
    expect(plain(formatDateTime(date, "en"))).toBe("7 Nov 2026, 14:05");
    expect(plain(formatDateTime(date, "de", true))).toBe("07.11.2026, 14:05:09");
  });
  it("says how long ago", () => {
    const now = new Date(2026, 10, 10, 12, 0, 0);
    expect(formatRelative(new Date(2026, 10, 7, 12, 0, 0), "de", now)).toBe("vor 3 Tagen");
    expect(formatRelative(new Date(2026, 10, 7, 12, 0, 0), "en", now)).toBe("3 days ago");
    expect(formatRelative(new Date(2026, 10, 10, 11, 0, 0), "en", now)).toBe("1 hour ago");
  });
});

describe("formatDuration", () => {
  it("picks a unit for the size", () => {
    expect(formatDuration(0, "en")).toBe("0 ms");
    expect(formatDuration(350.4, "en")).toBe("350 ms");
    expect(formatDuration(1.5, "en")).toBe("1.5 ms");
    expect(formatDuration(1.5, "de")).toBe("1,5 ms");
    expect(formatDuration(2, "en")).toBe("2 ms");
    expect(formatDuration(1234, "en")).toBe("1.2 s");
    expect(formatDuration(1234, "de")).toBe("1,2 s");
    expect(formatDuration(12_345, "en")).toBe("12 s");
    expect(formatDuration(185_000, "en")).toBe("3 min 5 s");
    expect(formatDuration(180_000, "de")).toBe("3 min");
    expect(formatDuration(7_800_000, "en")).toBe("2 h 10 min");
    expect(formatDuration(7_200_000, "en")).toBe("2 h");
  });
});

describe("formatPercent", () => {
  it("rounds to whole percent", () => {
    expect(plain(formatPercent(0.974, "en"))).toBe("97%");
    expect(plain(formatPercent(0.974, "de"))).toBe("97 %");
    expect(plain(formatPercent(1, "de"))).toBe("100 %");
  });
});

describe("formatBytes", () => {
  it("uses binary units", () => {
    expect(formatBytes(0, "en")).toBe("0 B");
    expect(formatBytes(1023, "en")).toBe("1,023 B");
    expect(formatBytes(1536, "en")).toBe("1.5 KiB");
    expect(formatBytes(1536, "de")).toBe("1,5 KiB");
    expect(formatBytes(8 * 1024 ** 3, "en")).toBe("8 GiB");
    expect(formatBytes(512 * 1024 ** 2, "en")).toBe("512 MiB");
    expect(formatBytes(2.25 * 1024 ** 4, "en")).toBe("2.3 TiB");
    expect(formatBytes(123n * 1024n ** 3n, "en")).toBe("123 GiB");
  });
  it("moves up a unit just below a round number", () => {
    expect(formatBytes(1024 ** 3 - 1, "en")).toBe("1 GiB");
  });
  it("writes used of total in the total's unit", () => {
    expect(formatBytesOf(3.2 * 1024 ** 3, 8 * 1024 ** 3, "en")).toBe("3.2 / 8 GiB");
    expect(formatBytesOf(300 * 1024 ** 2, 2 * 1024 ** 3, "de")).toBe("0,3 / 2 GiB");
    expect(formatBytesOf(0, 64 * 1024 ** 3, "en")).toBe("0 / 64 GiB");
  });
});

describe("formatGigabytes", () => {
  it("uses decimal gigabytes, with fewer decimals the larger the figure", () => {
    expect(formatGigabytes(0, "en")).toBe("0 GB");
    expect(formatGigabytes(250_000_000, "en")).toBe("0.25 GB");
    expect(formatGigabytes(12_345_678_901n, "en")).toBe("12.3 GB");
    expect(formatGigabytes(12_345_678_901n, "de")).toBe("12,3 GB");
    expect(formatGigabytes(1_234_500_000_000n, "en")).toBe("1,235 GB");
    expect(formatGigabytes(1_234_500_000_000n, "de")).toBe("1.235 GB");
  });
  it("writes used of a cap in gigabytes", () => {
    expect(formatGigabytesOf(12_345_678_901n, 50_000_000_000n, "en")).toBe("12.3 / 50 GB");
    expect(formatGigabytesOf(250_000_000n, 5_000_000_000n, "de")).toBe("0,25 / 5 GB");
    expect(formatGigabytesOf(0n, 200_000_000_000n, "en")).toBe("0 / 200 GB");
  });
});

describe("formatRate", () => {
  it("uses decimal units per second", () => {
    expect(formatRate(0, "en")).toBe("0 B/s");
    expect(formatRate(999, "en")).toBe("999 B/s");
    expect(formatRate(1500, "en")).toBe("1.5 kB/s");
    expect(formatRate(12_400_000, "en")).toBe("12.4 MB/s");
    expect(formatRate(12_400_000, "de")).toBe("12,4 MB/s");
    expect(formatRate(250_000_000, "en")).toBe("250 MB/s");
    expect(formatRate(-5, "en")).toBe("0 B/s");
  });
});

describe("usageShare", () => {
  it("is the share used, within 0 and 1", () => {
    expect(usageShare(2, 8)).toBe(0.25);
    expect(usageShare(9, 8)).toBe(1);
    expect(usageShare(5, 0)).toBe(0);
    expect(usageShare(4n, 8n)).toBe(0.5);
  });
});

describe("display time zone", () => {
  const moment = new Date(Date.UTC(2026, 2, 14, 9, 30, 5));
  it("formats in the zone given and names it", () => {
    expect(formatExactTime(moment, "en", "Europe/Berlin")).toBe("14 Mar 2026, 10:30:05 CET");
    expect(formatExactTime(moment, "en", "UTC")).toBe("14 Mar 2026, 09:30:05 UTC");
    expect(formatDateTime(moment, "en", false, "America/New_York")).toBe("14 Mar 2026, 05:30");
    expect(zoneName(moment, "de", "Europe/Berlin")).toBe("MEZ");
  });
  it("keeps the choice in this browser, the browser's zone by default", () => {
    saveTimeZone("");
    expect(savedTimeZone()).toBe("");
    expect(displayTimeZone()).toBe(browserTimeZone());
    saveTimeZone("Asia/Kolkata");
    expect(displayTimeZone()).toBe("Asia/Kolkata");
    expect(formatTime(moment, "en")).toBe("15:00");
    saveTimeZone("Not/AZone");
    expect(savedTimeZone()).toBe("");
    expect(displayTimeZone()).toBe(browserTimeZone());
  });
});

describe("a zone's clock", () => {
  it("reads a date and time typed in a zone as the moment it is", () => {
    expect(zonedDateTime("2026-12-04T09:30", "Europe/Berlin")?.toISOString()).toBe(
      "2026-12-04T08:30:00.000Z",
    );
    expect(zonedDateTime("2026-07-01T09:30", "Europe/Berlin")?.toISOString()).toBe(
      "2026-07-01T07:30:00.000Z",
    );
    expect(zonedDateTime("2026-07-01T09:30", "UTC")?.toISOString()).toBe(
      "2026-07-01T09:30:00.000Z",
    );
    expect(zonedDateTime("2026-07-01T09:30", "America/New_York")?.toISOString()).toBe(
      "2026-07-01T13:30:00.000Z",
    );
    expect(zonedDateTime("", "Europe/Berlin")).toBeNull();
    expect(zonedDateTime("tomorrow", "Europe/Berlin")).toBeNull();
  });

  it("takes the first of a time the clock shows twice", () => {
    // 25 October 2026: 02:30 comes in summer time, then again in winter time.
    expect(zonedDateTime("2026-10-25T02:30", "Europe/Berlin")?.toISOString()).toBe(
      "2026-10-25T00:30:00.000Z",
    );
  });

  it("writes a moment as the zone's clock shows it, and reads it back", () => {
    const moment = new Date("2026-12-04T08:30:00Z");
    expect(localDateTime(moment, "Europe/Berlin")).toBe("2026-12-04T09:30");
    expect(localDateTime(moment, "Asia/Kolkata")).toBe("2026-12-04T14:00");
    expect(zonedDateTime(localDateTime(moment, "Asia/Kolkata"), "Asia/Kolkata")).toEqual(moment);
  });
});
