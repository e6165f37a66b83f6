/**
 * Discounts as people type and read them: a percentage with up to two
 * decimals ("10", "12.5", "12,75"), which the API keeps in basis points
 * (1000 is 10 %).
 */
import { DiscountKind } from "@leitstand/sdk/leitstand/admin/v1/contract_service_pb.js";
import type { Locale, MessageKey } from "@/lib/i18n/i18n";

/** The most a discount takes off: 100 %. */
export const maxBasisPoints = 10000;

/**
 * parsePercent reads a percentage typed with up to two decimals, a point or
 * a comma, and an optional "%" into basis points, exactly ("12.5" is 1250);
 * null when it is no such number or not above 0 % and at most 100 %.
 */
export function parsePercent(text: string): number | null {
  const s = text.replace(/\s|%/g, "");
  const m = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const basisPoints = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
  return basisPoints >= 1 && basisPoints <= maxBasisPoints ? basisPoints : null;
}

/** percentText shows basis points as a percentage: "10%", "12.5%" (en), "10 %", "12,5 %" (de). */
export function percentText(basisPoints: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 2 }).format(
    basisPoints / 10000,
  );
}

/** The kinds a discount is granted as, in the API's order: what it is for. */
export const discountKinds = [
  DiscountKind.COMMERCIAL,
  DiscountKind.SCHOLARSHIP,
  DiscountKind.STAFF,
  DiscountKind.TRIAL,
] as const;

/**
 * The kinds a workspace's discount is granted as from its row: for the
 * people in it (a school class, staff, a trial), not a commercial agreement,
 * which is the whole account's.
 */
export const workspaceKinds = [
  DiscountKind.SCHOLARSHIP,
  DiscountKind.STAFF,
  DiscountKind.TRIAL,
] as const;

/** kindKey is the text of a discount's kind; one granted before kinds were kept is commercial. */
export function kindKey(kind: DiscountKind): MessageKey {
  switch (kind) {
    case DiscountKind.SCHOLARSHIP:
      return "contracts.discount.kind.SCHOLARSHIP";
    case DiscountKind.STAFF:
      return "contracts.discount.kind.STAFF";
    case DiscountKind.TRIAL:
      return "contracts.discount.kind.TRIAL";
    default:
      return "contracts.discount.kind.COMMERCIAL";
  }
}

/** kindHelpKey is what a discount's kind is for, in a sentence. */
export function kindHelpKey(kind: DiscountKind): MessageKey {
  switch (kind) {
    case DiscountKind.SCHOLARSHIP:
      return "contracts.discount.kindHelp.SCHOLARSHIP";
    case DiscountKind.STAFF:
      return "contracts.discount.kindHelp.STAFF";
    case DiscountKind.TRIAL:
      return "contracts.discount.kindHelp.TRIAL";
    default:
      return "contracts.discount.kindHelp.COMMERCIAL";
  }
}

/**
 * The name a discount of each kind gets unless it is given another: the
 * invoice line reads "Rabatt <name>", in the invoices' language, German.
 */
export const kindInvoiceName: Record<(typeof discountKinds)[number], string> = {
  [DiscountKind.COMMERCIAL]: "Sonderkondition",
  [DiscountKind.SCHOLARSHIP]: "Stipendium",
  [DiscountKind.STAFF]: "Mitarbeiter",
  [DiscountKind.TRIAL]: "Testphase",
};
