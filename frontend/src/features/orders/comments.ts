import type { OrderComment } from "@leitstand/sdk/leitstand/admin/v1/order_service_pb.js";
import { isMessageKey, type I18n } from "@/lib/i18n/i18n";

/** A comment's text in the interface's language, and what is shown beside it as it is. */
export interface CommentText {
  text: string;
  /** The reason given, shown beside the wording as it was written. */
  reason: string;
  /** The text is the server's English (a code this interface does not know). */
  english: boolean;
}

function statusLabel(t: I18n["t"], name: string): string {
  const key = `orders.status.${name}`;
  return isMessageKey(key) ? t(key) : name;
}

/**
 * commentText words a comment: what people wrote as they wrote it; what the
 * platform wrote (a status change) by its code, with the statuses in the
 * interface's language.
 */
export function commentText(i18n: Pick<I18n, "t">, comment: OrderComment): CommentText {
  const { t } = i18n;
  const p = comment.params;
  if (!comment.code) return { text: comment.text, reason: "", english: false };
  const key = `orders.comment.code.${comment.code}`;
  if (!isMessageKey(key)) return { text: comment.text, reason: "", english: true };
  switch (comment.code) {
    case "status-changed":
      return {
        text: t(key, { from: statusLabel(t, p.from ?? ""), to: statusLabel(t, p.to ?? "") }),
        reason: p.reason ?? "",
        english: false,
      };
    default:
      return { text: t(key), reason: p.reason ?? "", english: false };
  }
}
