/**
 * A plan's terms as people read and type them: money in euros (the API
 * keeps cents), support time in hours (the API keeps minutes), 0 caps as
 * "no cap".
 */
import type { PlanTerms } from "@leitstand/sdk/leitstand/admin/v1/plan_service_pb.js";
import type { I18n, MessageKey } from "@/lib/i18n/i18n";

/** The terms, in the order the pages show them. */
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
] as const satisfies readonly (keyof PlanTerms)[];
export type TermField = (typeof termFields)[number];

/** Each term's update-mask path (UpdatePlanRequest.update_mask). */
export const termPaths: Record<TermField, string> = {
  monthlyFeeCents: "terms.monthly_fee_cents",
  includedUsers: "terms.included_users",
  includedStorageGb: "terms.included_storage_gb",
  includedSupportMinutes: "terms.included_support_minutes",
  hourlyRateCents: "terms.hourly_rate_cents",
  storageOverageCentsPerGb: "terms.storage_overage_cents_per_gb",
  maxUsers: "terms.max_users",
  maxStorageGb: "terms.max_storage_gb",
  maxTrafficGb: "terms.max_traffic_gb",
};

export const termLabels: Record<TermField, MessageKey> = {
  monthlyFeeCents: "plans.term.monthlyFee",
  includedUsers: "plans.term.includedUsers",
  includedStorageGb: "plans.term.includedStorage",
  includedSupportMinutes: "plans.term.includedSupport",
  hourlyRateCents: "plans.term.hourlyRate",
  storageOverageCentsPerGb: "plans.term.overage",
  maxUsers: "plans.term.maxUsers",
  maxStorageGb: "plans.term.maxStorage",
  maxTrafficGb: "plans.term.maxTraffic",
};

/** supportHours is support time in hours, to two decimals: 90 → 1.5. */
export function supportHours(minutes: number): number {
  return Math.round((minutes / 60) * 100) / 100;
}

/** supportMinutes is the inverse of supportHours: 1.5 → 90. */
export function supportMinutes(hours: number): number {
  return Math.round(hours * 60);
}

/** termText is a term's value as the pages show it: "€29.00", "5", "50 GB", "1.5 h", "no cap". */
export function termText(i18n: I18n, terms: PlanTerms, field: TermField): string {
  const { t, formatMoney, formatNumber } = i18n;
  const money = (cents: bigint) => formatMoney(cents, terms.currency || "EUR");
  switch (field) {
    case "monthlyFeeCents":
    case "hourlyRateCents":
    case "storageOverageCentsPerGb":
      return money(terms[field]);
    case "includedUsers":
      return formatNumber(terms.includedUsers);
    case "includedStorageGb":
      return t("plans.gb", { gb: formatNumber(terms.includedStorageGb) });
    case "includedSupportMinutes":
      return t("plans.hours", { hours: formatNumber(supportHours(terms.includedSupportMinutes)) });
    case "maxUsers":
      return terms.maxUsers === 0 ? t("plans.noCap") : formatNumber(terms.maxUsers);
    case "maxStorageGb":
    case "maxTrafficGb":
      return terms[field] === 0
        ? t("plans.noCap")
        : t("plans.gb", { gb: formatNumber(terms[field]) });
  }
}

/** changedTerms lists the terms that differ between two versions' terms. */
export function changedTerms(
  before: PlanTerms | undefined,
  after: PlanTerms | undefined,
): TermField[] {
  if (!before || !after) return [];
  return termFields.filter((f) => before[f] !== after[f]);
}
