import {
  AccountRisk,
  type Account,
  type AccountRiskReason,
  type ListAtRiskAccountsResponse,
} from "@leitstand/sdk/leitstand/admin/v1/account_service_pb.js";
import { formatCivilDate, gigabytesOf } from "@/lib/format";
import type { I18n, MessageKey } from "@/lib/i18n/i18n";

/**
 * How the at-risk list reads: its risks, in their urgency, each in a
 * colour of its own, and each reason in words.
 */

/** The risks, the most urgent first (the API's order). */
export const risks = [
  AccountRisk.HARD_BLOCKED,
  AccountRisk.AT_CAP,
  AccountRisk.OVERDUE,
  AccountRisk.APPROACHING_CAP,
  AccountRisk.DOWNGRADED,
] as const;

/** Each risk in a colour of its own: the more urgent, the warmer. */
export const riskColor: Record<AccountRisk, string> = {
  [AccountRisk.UNSPECIFIED]: "gray",
  [AccountRisk.HARD_BLOCKED]: "red",
  [AccountRisk.AT_CAP]: "orange",
  [AccountRisk.OVERDUE]: "grape",
  [AccountRisk.APPROACHING_CAP]: "yellow",
  [AccountRisk.DOWNGRADED]: "blue",
};

/** riskKey is the name of a risk. */
export function riskKey(risk: AccountRisk): MessageKey {
  switch (risk) {
    case AccountRisk.HARD_BLOCKED:
      return "accounts.risk.HARD_BLOCKED";
    case AccountRisk.AT_CAP:
      return "accounts.risk.AT_CAP";
    case AccountRisk.OVERDUE:
      return "accounts.risk.OVERDUE";
    case AccountRisk.APPROACHING_CAP:
      return "accounts.risk.APPROACHING_CAP";
    case AccountRisk.DOWNGRADED:
      return "accounts.risk.DOWNGRADED";
    default:
      return "accounts.risk.UNSPECIFIED";
  }
}

/** riskHelpKey says what a risk means. */
export function riskHelpKey(risk: AccountRisk): MessageKey | undefined {
  switch (risk) {
    case AccountRisk.HARD_BLOCKED:
      return "accounts.riskHelp.HARD_BLOCKED";
    case AccountRisk.AT_CAP:
      return "accounts.riskHelp.AT_CAP";
    case AccountRisk.OVERDUE:
      return "accounts.riskHelp.OVERDUE";
    case AccountRisk.APPROACHING_CAP:
      return "accounts.riskHelp.APPROACHING_CAP";
    case AccountRisk.DOWNGRADED:
      return "accounts.riskHelp.DOWNGRADED";
    default:
      return undefined;
  }
}

/** riskCount is how many accounts have a risk (one may count under several). */
export function riskCount(response: ListAtRiskAccountsResponse, risk: AccountRisk): number {
  switch (risk) {
    case AccountRisk.HARD_BLOCKED:
      return response.hardBlocked;
    case AccountRisk.AT_CAP:
      return response.atCap;
    case AccountRisk.OVERDUE:
      return response.overdue;
    case AccountRisk.APPROACHING_CAP:
      return response.approachingCap;
    case AccountRisk.DOWNGRADED:
      return response.downgraded;
    default:
      return 0;
  }
}

/**
 * capUsage words what an account uses of a cap, from the rollup's figures:
 * "4 of 1 users", "1.3 of 1 GB"; "" when the account has no such figures.
 */
function capUsage(cap: string, account: Account | undefined, i18n: I18n): string {
  const { t, locale, formatNumber } = i18n;
  if (cap === "users" && account?.users && account.users.cap > 0n) {
    return t("accounts.usage.users", {
      used: formatNumber(account.users.used),
      cap: formatNumber(account.users.cap),
    });
  }
  const bytes =
    cap === "storage" ? account?.storage : cap === "traffic" ? account?.traffic : undefined;
  if (bytes && bytes.cap > 0n) {
    const [used, of] = gigabytesOf(bytes.used, bytes.cap, locale);
    return t("accounts.usage.storage", { used, cap: of });
  }
  return "";
}

/**
 * reasonText words one reason of an account's risk:
 * "Hard-blocked: 4 of 1 users (400%)", "At storage cap: 1.3 of 1 GB (130%)",
 * "Overdue: 2 invoices, €123.45 open", "Approaching storage cap: 92%",
 * "Downgraded Premium → Basis on 2 Dec 2026".
 */
export function reasonText(
  reason: AccountRiskReason,
  account: Account | undefined,
  i18n: I18n,
): string {
  const { t, locale, formatMoney, formatPercent } = i18n;
  const percent = formatPercent(reason.percent / 100);
  const usage = capUsage(reason.cap, account, i18n);
  // Without the rollup's figures the share alone says it.
  const withUsage = (key: MessageKey, keyAlone: MessageKey) =>
    usage ? t(key, { usage, percent }) : t(keyAlone, { percent });
  const storage = reason.cap === "storage";
  const traffic = reason.cap === "traffic";
  switch (reason.risk) {
    case AccountRisk.HARD_BLOCKED:
      return withUsage("accounts.reason.hardBlocked", "accounts.reason.hardBlockedAlone");
    case AccountRisk.AT_CAP:
      if (traffic)
        return withUsage("accounts.reason.atCap.traffic", "accounts.reason.atCap.trafficAlone");
      return storage
        ? withUsage("accounts.reason.atCap.storage", "accounts.reason.atCap.storageAlone")
        : withUsage("accounts.reason.atCap.users", "accounts.reason.atCap.usersAlone");
    case AccountRisk.OVERDUE:
      return t("accounts.reason.overdue", {
        count: reason.overdueInvoices,
        amount: formatMoney(reason.overdueCents, account?.currency || "EUR"),
      });
    case AccountRisk.APPROACHING_CAP:
      return t(
        traffic
          ? "accounts.reason.approaching.traffic"
          : storage
            ? "accounts.reason.approaching.storage"
            : "accounts.reason.approaching.users",
        { percent },
      );
    case AccountRisk.DOWNGRADED:
      return t("accounts.reason.downgraded", {
        from: reason.downgradedFrom || "—",
        to: reason.downgradedTo || "—",
        date: reason.downgradedOn ? formatCivilDate(reason.downgradedOn, locale) : "—",
      });
    default:
      return t("accounts.risk.UNSPECIFIED");
  }
}
