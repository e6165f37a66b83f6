import {
  BankLineMatch,
  BankLineStatus,
} from "@leitstand/sdk/leitstand/admin/v1/bank_statement_service_pb.js";
import type { Tone } from "@/components/ui/Badges";
import type { MessageKey } from "@/lib/i18n/i18n";

/** How an entry of a bank statement reads: what the import made of it, and how it judged it. */

export const lineStatusKey: Record<BankLineStatus, MessageKey> = {
  [BankLineStatus.UNSPECIFIED]: "payments.bank.status.UNSPECIFIED",
  [BankLineStatus.MATCHED]: "payments.bank.status.MATCHED",
  [BankLineStatus.UNMATCHED]: "payments.bank.status.UNMATCHED",
  [BankLineStatus.IGNORED]: "payments.bank.status.IGNORED",
};

export const lineStatusTone: Record<BankLineStatus, Tone> = {
  [BankLineStatus.UNSPECIFIED]: "unknown",
  [BankLineStatus.MATCHED]: "ok",
  [BankLineStatus.UNMATCHED]: "warning",
  [BankLineStatus.IGNORED]: "neutral",
};

export const matchKey: Record<BankLineMatch, MessageKey> = {
  [BankLineMatch.UNSPECIFIED]: "payments.bank.match.UNSPECIFIED",
  [BankLineMatch.EXACT]: "payments.bank.match.EXACT",
  [BankLineMatch.PARTIAL]: "payments.bank.match.PARTIAL",
  [BankLineMatch.AMBIGUOUS]: "payments.bank.match.AMBIGUOUS",
  [BankLineMatch.UNKNOWN]: "payments.bank.match.UNKNOWN",
  [BankLineMatch.IGNORED]: "payments.bank.match.IGNORED",
};
