import * as z from "zod/mini";
import type {
  GetWholesaleReportResponse,
  WholesaleRow,
} from "@leitstand/sdk/leitstand/admin/v1/billing_entity_service_pb.js";
import { displayTimeZone } from "@/lib/format";

/** thisMonth is the month it is now in the display time zone, YYYY-MM: the report's default. */
export function thisMonth(timeZone: string = displayTimeZone(), now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    year: "numeric",
    month: "2-digit",
    timeZone,
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}`;
}

const month = z.string().check(z.regex(/^(\d{4}-(0[1-9]|1[0-2]))?$/));

export const wholesaleSearchDefaults = { from: "", to: "", entity: "" } as const;

/**
 * The report's months and reseller live in the URL: ?from=2026-10&to=2026-12&entity=be_…
 * (this month when absent; every reseller the caller sees without entity).
 */
export const wholesaleSearchSchema = z.object({
  from: z.catch(z._default(month, ""), ""),
  to: z.catch(z._default(month, ""), ""),
  entity: z.catch(z._default(z.string().check(z.regex(/^(be_[0-9a-z]+)?$/)), ""), ""),
});

export type WholesaleSearch = z.infer<typeof wholesaleSearchSchema>;

/** The report's request of the URL: a range given backwards is read forwards. */
export function wholesaleInput(search: WholesaleSearch, now: string = thisMonth()) {
  const from = search.from || search.to || now;
  const to = search.to || search.from || now;
  return {
    firstMonth: from <= to ? from : to,
    lastMonth: from <= to ? to : from,
    billingEntityId: search.entity,
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
