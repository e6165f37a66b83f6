import * as z from "zod/mini";
import { urlMonth } from "@/lib/search";
import type {
  GetWholesaleReportResponse,
  WholesaleRow,
} from "@leitstand/sdk/leitstand/admin/v1/billing_entity_service_pb.js";

const month = z.string().check(z.regex(urlMonth));

export const wholesaleSearchDefaults = { from: "", to: "", entity: "" } as const;

/**
 * The report's months and reseller live in the URL: ?from=2026-10&to=2026-12&entity=be_…
 * (the server's current month when absent; every reseller the caller sees
 * without entity).
 */
export const wholesaleSearchSchema = z.object({
  from: z.catch(z._default(month, ""), ""),
  to: z.catch(z._default(month, ""), ""),
  entity: z.catch(z._default(z.string().check(z.regex(/^(be_[0-9a-z]+)?$/)), ""), ""),
});

export type WholesaleSearch = z.infer<typeof wholesaleSearchSchema>;

/**
 * The report's request of the URL: a range given backwards is read
 * forwards, one month alone is that month, and none leaves the months
 * empty for the server to choose its current one.
 */
export function wholesaleInput(search: WholesaleSearch) {
  const from = search.from || search.to;
  const to = search.to || search.from;
  return {
    firstMonth: from <= to ? from : to,
    lastMonth: from <= to ? to : from,
    billingEntityId: search.entity,
  };
}

/**
 * monthsCovered is the first and last month (YYYY-MM) of the period a
 * report says it covered: from its first day to the day after its last.
 */
export function monthsCovered(
  report: Pick<GetWholesaleReportResponse, "periodStart" | "periodEnd">,
) {
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(report.periodStart) ||
    !/^\d{4}-\d{2}-\d{2}$/.test(report.periodEnd)
  ) {
    return undefined;
  }
  const [year, month] = report.periodEnd.split("-").map(Number) as [number, number];
  const last = new Date(Date.UTC(year, month - 2, 1));
  return {
    first: report.periodStart.slice(0, 7),
    last: `${last.getUTCFullYear()}-${String(last.getUTCMonth() + 1).padStart(2, "0")}`,
  };
}

/** centsText writes cents as a CSV's decimal: 1234 → "12.34", -5 → "-0.05". */
function centsText(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  return `${negative ? "-" : ""}${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")}`;
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * wholesaleCsv is the report's rows as a spreadsheet reads them: one line
 * per reseller, customer and item, amounts in the currency's units with a
 * decimal point.
 */
export function wholesaleCsv(
  report: Pick<GetWholesaleReportResponse, "rows" | "currency" | "totals">,
): string {
  const names = new Map(report.totals.map((t) => [t.billingEntityId, t.billingEntityName]));
  const header = [
    "reseller",
    "customer",
    "item",
    "services",
    "wholesale",
    "resale",
    "margin",
    "currency",
  ];
  const line = (r: WholesaleRow) => [
    names.get(r.billingEntityId) ?? r.billingEntityId,
    r.organizationName,
    r.catalogItemName,
    String(r.services),
    centsText(r.wholesaleCents),
    centsText(r.resaleCents),
    centsText(r.resaleCents - r.wholesaleCents),
    report.currency,
  ];
  return [header, ...report.rows.map(line)]
    .map((fields) => fields.map(csvField).join(","))
    .join("\r\n")
    .concat("\r\n");
}
