import {
  InvoiceKind,
  InvoiceStatus,
  type InvoiceLine,
} from "@leitstand/sdk/leitstand/admin/v1/invoice_service_pb.js";
import type { Tone } from "@/components/ui/Badges";
import { formatDate, formatNumber, type Locale } from "@/lib/format";
import type { MessageKey } from "@/lib/i18n/i18n";

/**
 * How an invoice's values read: civil dates, periods, units and unit
 * prices, as the PDF writes them (server/internal/billing/invoicepdf).
 */

/** The units a manual line may have (UN/ECE Rec 20), piece first. */
export const manualUnits = ["C62", "HUR", "MON", "DAY", "MIN", "E34"] as const;
export type Unit = (typeof manualUnits)[number];

// The abbreviations, singular and plural, as the invoice prints them.
const unitNames: Record<Locale, Record<string, [string, string]>> = {
  de: {
    C62: ["Stk.", "Stk."],
    MON: ["Monat", "Monate"],
    DAY: ["Tag", "Tage"],
    HUR: ["Std.", "Std."],
    MIN: ["Min.", "Min."],
    E34: ["GB", "GB"],
  },
  en: {
    C62: ["pc.", "pcs."],
    MON: ["month", "months"],
    DAY: ["day", "days"],
    HUR: ["h", "h"],
    MIN: ["min", "min"],
    E34: ["GB", "GB"],
  },
};

/** unitName is a unit as it follows a quantity of n: "1 Monat", "3 Monate". */
export function unitName(unit: string, n: bigint | number, locale: Locale): string {
  const names = unitNames[locale][unit || "C62"];
  if (!names) return unit;
  return BigInt(n) === 1n || BigInt(n) === -1n ? names[0] : names[1];
}

/** formatQuantity writes a quantity with its unit: "3 Stk.", "90 Min.". */
export function formatQuantity(line: InvoiceLine, locale: Locale): string {
  return `${formatNumber(line.quantity, locale)}\u00a0${unitName(line.unit, line.quantity, locale)}`;
}

/**
 * formatUnitPrice writes a line's price per base quantity: "12,00 € / Monat",
 * "95,00 € / Std." for 60 minutes, otherwise "0,50 € / 100 GB".
 */
export function formatUnitPrice(
  line: InvoiceLine,
  money: (cents: bigint) => string,
  locale: Locale,
): string {
  const price = money(line.unitPriceCents);
  if (line.baseQuantity <= 1n) return `${price} / ${unitName(line.unit, 1, locale)}`;
  if (line.unit === "MIN" && line.baseQuantity === 60n) {
    return `${price} / ${unitName("HUR", 1, locale)}`;
  }
  return `${price} / ${formatNumber(line.baseQuantity, locale)}\u00a0${unitName(line.unit, line.baseQuantity, locale)}`;
}

/** dayDate reads a civil date (YYYY-MM-DD) as midnight UTC, to be formatted in UTC. */
function dayDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

/** formatDay writes a civil date: 17.01.2027 / 17 Jan 2027; "" stays "". */
export function formatDay(day: string, locale: Locale): string {
  return day ? formatDate(dayDate(day), locale, "UTC") : "";
}

/** lastDay is the day before a period's end (the API's end is excluded). */
export function lastDay(end: string): string {
  const d = dayDate(end);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** formatPeriod writes the days a period covers, its last day included; "" for none. */
export function formatPeriod(start: string, end: string, locale: Locale): string {
  if (!start) return "";
  const last = end ? lastDay(end) : start;
  if (last <= start) return formatDay(start, locale);
  return `${formatDay(start, locale)} – ${formatDay(last, locale)}`;
}

/** formatRate writes a VAT rate of basis points: "19 %", "5,5 %" (de) / "19%", "5.5%" (en). */
export function formatRate(basisPoints: number, locale: Locale): string {
  const value = new Intl.NumberFormat(locale === "de" ? "de-DE" : "en-GB", {
    maximumFractionDigits: 2,
  }).format(basisPoints / 100);
  return locale === "de" ? `${value}\u00a0%` : `${value}%`;
}

/** today is the civil date of now in the browser's calendar (YYYY-MM-DD). */
export function today(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export const statusKey: Record<InvoiceStatus, MessageKey> = {
  [InvoiceStatus.UNSPECIFIED]: "invoices.status.UNSPECIFIED",
  [InvoiceStatus.ISSUED]: "invoices.status.ISSUED",
  [InvoiceStatus.PAID]: "invoices.status.PAID",
  [InvoiceStatus.OVERDUE]: "invoices.status.OVERDUE",
  [InvoiceStatus.CANCELLED]: "invoices.status.CANCELLED",
};

export const statusTone: Record<InvoiceStatus, Tone> = {
  [InvoiceStatus.UNSPECIFIED]: "unknown",
  [InvoiceStatus.ISSUED]: "active",
  [InvoiceStatus.PAID]: "ok",
  [InvoiceStatus.OVERDUE]: "warning",
  [InvoiceStatus.CANCELLED]: "neutral",
};

export const kindKey: Record<InvoiceKind, MessageKey> = {
  [InvoiceKind.UNSPECIFIED]: "invoices.kind.UNSPECIFIED",
  [InvoiceKind.INVOICE]: "invoices.kind.INVOICE",
  [InvoiceKind.CANCELLATION]: "invoices.kind.CANCELLATION",
};
