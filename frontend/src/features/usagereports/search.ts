import * as z from "zod/mini";
import { urlMonth } from "@/lib/search";

/** The most months one report covers, as the API bounds it. */
export const maxMonths = 24;

/** How many months the page shows when the URL names only the last: it and the five before. */
export const defaultMonths = 6;

/** addMonths is the month n months after month (before, for n < 0), YYYY-MM. */
export function addMonths(month: string, n: number): string {
  const [year, number] = month.split("-").map(Number) as [number, number];
  const d = new Date(Date.UTC(year, number - 1 + n, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** monthsBetween counts the months from from to to, both included. */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split("-").map(Number) as [number, number];
  const [ty, tm] = to.split("-").map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
}

const month = z.string().check(z.regex(urlMonth));

export const usageReportsSearchDefaults = {
  entity: "",
  org: "",
  from: "",
  to: "",
  stored: "",
} as const;

/**
 * The report's choice lives in the URL:
 * ?entity=be_…&org=org_…&from=2026-01&to=2026-06 (entity: all of them for
 * the licensee's staff, the caller's own for a reseller's; the period: when
 * absent, the server's default, the six months up to its current one), or
 * a stored month: ?stored=urep_….
 */
export const usageReportsSearchSchema = z.object({
  entity: z.catch(z._default(z.string().check(z.regex(/^(be_[0-9a-z]{26})?$/)), ""), ""),
  org: z.catch(z._default(z.string().check(z.regex(/^(org_[0-9a-z]{26})?$/)), ""), ""),
  from: z.catch(z._default(month, ""), ""),
  to: z.catch(z._default(month, ""), ""),
  stored: z.catch(z._default(z.string().check(z.regex(/^(urep_[0-9a-z]{26})?$/)), ""), ""),
});

export type UsageReportsSearch = z.infer<typeof usageReportsSearchSchema>;

/**
 * periodOf is the period the page asks for when the URL names a month: the
 * URL's, put in order and bounded (not past this month, at most
 * maxMonths). When it names none, the page asks for none and the server
 * chooses.
 */
export function periodOf(search: UsageReportsSearch, now: string): { from: string; to: string } {
  let to = search.to && search.to <= now ? search.to : now;
  let from = search.from || addMonths(to, -(defaultMonths - 1));
  if (from > to) [from, to] = [to, from];
  if (monthsBetween(from, to) > maxMonths) from = addMonths(to, -(maxMonths - 1));
  return { from, to };
}
