import { RevenueClass } from "@leitstand/sdk/leitstand/admin/v1/account_service_pb.js";
import type { MessageKey } from "@/lib/i18n/i18n";

/**
 * How the rollup's values read: its months, its revenue classes and its
 * admins' contacts.
 */

/** monthDays are a month's first and last day, YYYY-MM-DD. */
export function monthDays(month: string): { first: string; last: string } {
  const [year, number] = month.split("-").map(Number) as [number, number];
  const days = new Date(Date.UTC(year, number, 0)).getUTCDate();
  return { first: `${month}-01`, last: `${month}-${String(days).padStart(2, "0")}` };
}

/** The revenue classes' names (the keys of their texts), in the API's order. */
export const revenueClasses = [
  RevenueClass.TRIAL,
  RevenueClass.MANAGED,
  RevenueClass.PAYING,
  RevenueClass.COMPED,
] as const;

/** classKey is the text of a revenue class. */
export function classKey(c: RevenueClass): MessageKey {
  switch (c) {
    case RevenueClass.TRIAL:
      return "accounts.class.TRIAL";
    case RevenueClass.MANAGED:
      return "accounts.class.MANAGED";
    case RevenueClass.PAYING:
      return "accounts.class.PAYING";
    case RevenueClass.COMPED:
      return "accounts.class.COMPED";
    default:
      return "accounts.class.UNSPECIFIED";
  }
}

/** Each revenue class in a colour of its own, the same in the table, the totals and the history. */
export const classColor: Record<RevenueClass, string> = {
  [RevenueClass.UNSPECIFIED]: "dark",
  [RevenueClass.TRIAL]: "violet",
  [RevenueClass.MANAGED]: "blue",
  [RevenueClass.PAYING]: "teal",
  [RevenueClass.COMPED]: "gray",
};

/** A contact of the rollup, "Name <e-mail>" read into its parts. */
export interface Contact {
  name: string;
  email: string;
}

/**
 * parseContact reads "Anna Becker <anna@acme.example>"; a bare address is
 * its own name. Text without an address has no e-mail ("").
 */
export function parseContact(text: string): Contact {
  const trimmed = text.trim();
  const m = /^(.*?)\s*<([^<>\s]+@[^<>\s]+)>$/.exec(trimmed);
  if (m) return { name: m[1]?.trim() || (m[2] ?? ""), email: m[2] ?? "" };
  if (/^[^\s@<>]+@[^\s@<>]+$/.test(trimmed)) return { name: trimmed, email: trimmed };
  return { name: trimmed, email: "" };
}

/** The colour of a usage bar: red at or above the cap, orange from 80 %. */
export function usageColor(percent: number): string {
  return percent >= 100 ? "red" : percent >= 80 ? "orange" : "teal";
}
