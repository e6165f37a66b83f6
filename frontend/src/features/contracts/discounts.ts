/**
 * Discounts as people read them: their kinds (the percentage is read and
 * written by lib/percent).
 */
import { DiscountKind } from "@leitstand/sdk/leitstand/admin/v1/contract_service_pb.js";
import type { MessageKey } from "@/lib/i18n/i18n";

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
