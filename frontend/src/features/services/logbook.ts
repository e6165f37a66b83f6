import type { LogbookEntry } from "@leitstand/sdk/leitstand/admin/v1/service_instance_service_pb.js";
import { isMessageKey, type I18n } from "@/lib/i18n/i18n";

/** A logbook entry's text in the interface's language, and what is shown beside it as it is. */
export interface LogbookText {
  text: string;
  /** The reason given, shown beside the wording as it was written. */
  reason: string;
  /** The text is the server's English (a code this interface does not know). */
  english: boolean;
}

function statusLabel(t: I18n["t"], name: string): string {
  const key = `services.status.${name}`;
  return isMessageKey(key) ? t(key) : name;
}

/**
 * logbookText words an entry: what people wrote as they wrote it; what the
 * platform wrote by its code, with prices, times and statuses in the
 * interface's language.
 */
export function logbookText(
  i18n: Pick<I18n, "t" | "formatMoney" | "formatDateTime">,
  entry: LogbookEntry,
): LogbookText {
  const { t, formatMoney, formatDateTime } = i18n;
  const p = entry.params;
  const reason = p.reason ?? "";
  const key = `services.logbook.code.${entry.code}`;
  if (!entry.code) return { text: entry.text, reason: "", english: false };
  if (!isMessageKey(key)) return { text: entry.text, reason: "", english: true };
  const currency = p.currency || "EUR";
  const money = (cents: string | undefined) =>
    /^-?\d+$/.test(cents ?? "") ? formatMoney(BigInt(cents!), currency) : (cents ?? "");
  const time = (s: string | undefined) => {
    const d = new Date(s ?? "");
    return Number.isNaN(d.getTime()) ? (s ?? "") : formatDateTime(d);
  };
  switch (entry.code) {
    case "service-booked":
      return {
        text: t(key, { item: p.item ?? "", price: money(p.price_cents) }),
        reason,
        english: false,
      };
    case "status-changed":
      return {
        text: t(key, { from: statusLabel(t, p.from ?? ""), to: statusLabel(t, p.to ?? "") }),
        reason,
        english: false,
      };
    case "price-changed":
      return {
        text: t(key, { from: money(p.from_cents), to: money(p.to_cents) }),
        reason,
        english: false,
      };
    case "credential-revealed":
      return { text: t(key, { name: p.name ?? "", by: p.by ?? "" }), reason, english: false };
    case "status-followed":
      return {
        text: t(key, {
          from: statusLabel(t, p.from ?? ""),
          to: statusLabel(t, p.to ?? ""),
          primaries: p.primaries ?? "",
          healthy: p.healthy ?? "",
          running: p.running ?? "",
        }),
        reason: "",
        english: false,
      };
    case "container-linked": {
      const roleKey = `services.logbook.role.${p.role ?? ""}`;
      const role = isMessageKey(roleKey) ? t(roleKey) : (p.role ?? "");
      return {
        text: t(key, {
          container: p.container ?? "",
          server: p.server ?? "",
          role: p.primary === "true" ? t("services.logbook.role.primary", { role }) : role,
        }),
        reason: "",
        english: false,
      };
    }
    case "container-unlinked":
      return {
        text: t(key, { container: p.container ?? "", server: p.server ?? "" }),
        reason: "",
        english: false,
      };
    case "service-action": {
      const actionKey = `services.logbook.action.${p.action ?? ""}`;
      const action = isMessageKey(actionKey) ? t(actionKey) : (p.action ?? "");
      const done = p.succeeded || "—";
      const containers = p.failed
        ? t("services.logbook.actionFailed", { containers: done, failed: p.failed })
        : done;
      return { text: t(key, { action, containers }), reason, english: false };
    }
    case "decommissioned":
      return {
        text: p.stopped
          ? t("services.logbook.decommissionStopped", { stopped: p.stopped })
          : t(key),
        reason: "",
        english: false,
      };
    case "decommission-postponed":
      return { text: t(key, { failed: p.failed ?? "" }), reason: "", english: false };
    default:
      return { text: t(key, { time: time(p.time) }), reason, english: false };
  }
}
