/**
 * A contract's terms as people read and type them: money in euros (the API
 * keeps cents), support time in hours (the API keeps minutes), 0 caps as
 * "no cap".
 */
import type { MessageInitShape } from "@bufbuild/protobuf";
import type {
  CustomTerms,
  CustomTermsSchema,
} from "@leitstand/sdk/leitstand/admin/v1/contract_service_pb.js";
import type { PlanTerms } from "@leitstand/sdk/leitstand/admin/v1/plan_service_pb.js";
import type { I18n, Locale, MessageKey } from "@/lib/i18n/i18n";
import { parsePrice, priceInput } from "@/lib/price";

/** The terms, in the order the tab shows them. */
export const termFields = [
  "monthlyFeeCents",
  "includedUsers",
  "includedStorageGb",
  "includedSupportMinutes",
  "hourlyRateCents",
  "storageOverageCentsPerGb",
  "maxUsers",
  "maxStorageGb",
  "maxTrafficGb",
] as const satisfies readonly (keyof PlanTerms & keyof CustomTerms)[];
export type TermField = (typeof termFields)[number];

export const termLabels: Record<TermField, MessageKey> = {
  monthlyFeeCents: "contracts.term.monthlyFee",
  includedUsers: "contracts.term.includedUsers",
  includedStorageGb: "contracts.term.includedStorage",
  includedSupportMinutes: "contracts.term.includedSupport",
  hourlyRateCents: "contracts.term.hourlyRate",
  storageOverageCentsPerGb: "contracts.term.overage",
  maxUsers: "contracts.term.maxUsers",
  maxStorageGb: "contracts.term.maxStorage",
  maxTrafficGb: "contracts.term.maxTraffic",
};

/** How a term is typed: euros, hours, or a whole number (GB, users). */
export type TermKind = "money" | "hours" | "count";

export const termKind: Record<TermField, TermKind> = {
  monthlyFeeCents: "money",
  includedUsers: "count",
  includedStorageGb: "count",
  includedSupportMinutes: "hours",
  hourlyRateCents: "money",
  storageOverageCentsPerGb: "money",
  maxUsers: "count",
  maxStorageGb: "count",
  maxTrafficGb: "count",
};

/** The terms where 0 means "no cap". */
export const capFields: readonly TermField[] = ["maxUsers", "maxStorageGb", "maxTrafficGb"];

/** The value of a term, whatever its type, as a bigint (cents, minutes, a count). */
function termValue(terms: PlanTerms, field: TermField): bigint {
  return BigInt(terms[field]);
}

/** overridden lists the terms the custom terms set. */
export function overridden(custom: CustomTerms | undefined): TermField[] {
  if (!custom) return [];
  return termFields.filter((f) => custom[f] !== undefined);
}

/** termText is a term's value as the tab shows it: "€29.00", "5", "50 GB", "1.5 h", "no cap". */
export function termText(i18n: I18n, terms: PlanTerms, field: TermField): string {
  const { t, formatMoney, formatNumber } = i18n;
  const value = termValue(terms, field);
  if (termKind[field] === "money") return formatMoney(value, terms.currency || "EUR");
  if (capFields.includes(field) && value === 0n) return t("contracts.noCap");
  switch (field) {
    case "includedSupportMinutes":
      return t("contracts.hours", { hours: formatNumber(Number(value) / 60) });
    case "includedStorageGb":
    case "maxStorageGb":
    case "maxTrafficGb":
      return t("contracts.gb", { gb: formatNumber(value) });
    default:
      return formatNumber(value);
  }
}

/** termInput writes a term's value as the form shows it: "19.99", "1.5", "25". */
export function termInput(terms: PlanTerms, field: TermField, locale: Locale): string {
  const value = termValue(terms, field);
  switch (termKind[field]) {
    case "money":
      return priceInput(value, locale);
    case "hours": {
      const hours = String(Math.round((Number(value) / 60) * 100) / 100);
      return locale === "de" ? hours.replace(".", ",") : hours;
    }
    default:
      return value.toString();
  }
}

/**
 * parseTerm reads what was typed for a term into the API's unit: euros into
 * cents (exactly, "19.99" is 1999), hours into minutes, a whole number as
 * it is; null when it is none of these.
 */
export function parseTerm(field: TermField, text: string): bigint | null {
  const s = text.trim();
  switch (termKind[field]) {
    case "money":
      return parsePrice(s);
    case "hours": {
      const m = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(s);
      if (!m) return null;
      // Hundredths of an hour, so that "1.5" is exactly 90 minutes.
      const hundredths = BigInt(m[1]!) * 100n + BigInt((m[2] ?? "").padEnd(2, "0"));
      return (hundredths * 60n + 50n) / 100n;
    }
    default:
      return /^\d+$/.test(s) ? BigInt(s) : null;
  }
}

/** customTermsOf builds the custom terms of the overridden fields' parsed values. */
export function customTermsOf(
  values: Partial<Record<TermField, bigint>>,
): MessageInitShape<typeof CustomTermsSchema> {
  const custom: Record<string, bigint | number> = {};
  for (const field of termFields) {
    const value = values[field];
    if (value === undefined) continue;
    // Money is int64 (bigint), the counts and minutes int32 (number).
    custom[field] = termKind[field] === "money" ? value : Number(value);
  }
  return custom;
}
