import { create } from "@bufbuild/protobuf";
import { RevenueMonthSchema } from "@leitstand/sdk/leitstand/admin/v1/dashboard_service_pb.js";
import { describe, expect, it } from "vitest";
import {
  compactMoney,
  firstDay,
  formatChange,
  monthLabel,
  monthName,
  mrrChange,
  revenuePoints,
  totalInvoiced,
} from "./revenue";

// Intl separates amount and unit with a no-break space; compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

const month = (m: string, mrrCents: bigint, invoicedNetCents = 0n) =>
  create(RevenueMonthSchema, { month: m, mrrCents, invoicedNetCents });

describe("the revenue's months", () => {
  it("are named on the axis, in the tooltip and as the day the change counts from", () => {
    expect(monthLabel("2026-11", "en")).toBe("Nov 26");
    expect(monthLabel("2026-11", "de")).toBe("Nov. 26");
    expect(monthName("2026-03", "en")).toBe("March 2026");
    expect(monthName("2026-03", "de")).toBe("März 2026");
    expect(firstDay("2026-11", "en")).toBe("1 Nov");
    expect(firstDay("2026-11", "de")).toBe("1. Nov.");
    // Whatever else the server sends is shown as it is.
    expect(monthLabel("later", "en")).toBe("later");
  });

  it("become points of whole euros, and sum up in cents", () => {
    const months = [month("2026-11", 120000n, 99999n), month("2026-12", 123456n, -5000n)];
    expect(revenuePoints(months, "EUR")).toEqual([
      { month: "2026-11", mrr: 1200, invoiced: 999.99 },
      { month: "2026-12", mrr: 1234.56, invoiced: -50 },
    ]);
    expect(revenuePoints(months, "JPY")[0]).toEqual({
      month: "2026-11",
      mrr: 120000,
      invoiced: 99999,
    });
    expect(totalInvoiced(months)).toBe(94999n);
  });
});

describe("the MRR's change", () => {
  it("is measured from the first day of last month", () => {
    const months = [month("2026-10", 1n), month("2026-11", 120000n), month("2026-12", 123456n)];
    expect(mrrChange(123456n, months)).toEqual({ since: "2026-11", cents: 3456n, share: 0.0288 });
    expect(formatChange(0.0288, "en")).toBe("+2.9%");
    expect(plain(formatChange(0.0288, "de"))).toBe("+2,9 %");
    expect(formatChange(-0.1, "en")).toBe("-10%");
    expect(formatChange(0, "en")).toBe("0%");
  });

  it("has no share from nothing, and is not there without a last month", () => {
    expect(mrrChange(5000n, [month("2026-11", 0n), month("2026-12", 5000n)])).toEqual({
      since: "2026-11",
      cents: 5000n,
      share: undefined,
    });
    expect(mrrChange(5000n, [month("2026-12", 5000n)])).toBeUndefined();
  });
});

describe("compactMoney", () => {
  it("writes the axis's amounts briefly", () => {
    expect(compactMoney(0, "EUR", "en")).toBe("€0");
    expect(compactMoney(12500, "EUR", "en")).toBe("€12.5k");
    expect(plain(compactMoney(12500, "EUR", "de"))).toBe("12.500 €");
    expect(plain(compactMoney(1_234_567, "EUR", "de"))).toBe("1,2 Mio. €");
  });
});
