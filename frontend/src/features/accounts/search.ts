import * as z from "zod/mini";
import { thisMonth } from "@/lib/format";
import { parseList, urlMonth } from "@/lib/search";

/**
 * The revenue classes, in the API's order. (This module is in the first
 * load, with the route: it names the enum's values without importing the
 * SDK.)
 */
export const classNames = ["TRIAL", "MANAGED", "PAYING", "COMPED"] as const;
export type ClassName = (typeof classNames)[number];

/** The list's sort orders in the URL, and the API's order_by for each. */
export const accountSorts = {
  name: "name",
  name_desc: "name desc",
  mrr: "mrr",
  mrr_desc: "mrr desc",
  invoiced: "invoiced",
  invoiced_desc: "invoiced desc",
  paid: "paid",
  paid_desc: "paid desc",
  users: "users",
  users_desc: "users desc",
  storage: "storage",
  storage_desc: "storage desc",
  traffic: "traffic",
  traffic_desc: "traffic desc",
} as const;
export type AccountSort = keyof typeof accountSorts;

const organization = z.string().check(z.regex(/^(org_[0-9a-z]{26})?$/));
// A month of the URL, not ahead of this one (the API refuses those): a
// link from the future shows this month.
const month = z.string().check(
  z.regex(urlMonth),
  z.refine((m) => m === "" || m <= thisMonth()),
);

export const accountsSearchDefaults = {
  month: "",
  class: "",
  q: "",
  sort: "name",
  history: "",
} as const;

/**
 * The rollup's view lives in the URL:
 * ?month=2027-01&class=PAYING,MANAGED&q=acme&sort=mrr_desc&history=org_…
 * (month: this month when absent; history: the account whose twelve months
 * are open beside the list).
 */
export const accountsSearchSchema = z.object({
  month: z.catch(z._default(month, ""), ""),
  class: z.catch(z._default(z.string().check(z.maxLength(100)), ""), ""),
  q: z.catch(z._default(z.string().check(z.maxLength(100)), ""), ""),
  sort: z.catch(
    z._default(z.enum(Object.keys(accountSorts) as [AccountSort, ...AccountSort[]]), "name"),
    "name",
  ),
  history: z.catch(z._default(organization, ""), ""),
});

export type AccountsSearch = z.infer<typeof accountsSearchSchema>;

/** parseClasses reads "PAYING,MANAGED" into the known class names, in their order. */
export function parseClasses(value: string): ClassName[] {
  return parseList(value, classNames);
}

/** The share of a cap from which an account approaches it, unless the URL says otherwise. */
export const defaultApproachingPercent = 80;

export const atRiskSearchDefaults = { approaching: defaultApproachingPercent } as const;

/**
 * The at-risk list's view lives in the URL: ?approaching=90 (the share of
 * a cap, 1–99 %, from which an account approaches it; 80 when absent).
 */
export const atRiskSearchSchema = z.object({
  approaching: z.catch(
    z._default(z.number().check(z.int(), z.gte(1), z.lte(99)), defaultApproachingPercent),
    defaultApproachingPercent,
  ),
});

export type AtRiskSearch = z.infer<typeof atRiskSearchSchema>;

/**
 * The statuses of an upgrade request, in the API's order (named without
 * the SDK, as above): the queue is the pending ones.
 */
export const upgradeStatusNames = ["PENDING", "APPROVED", "DENIED", "WITHDRAWN"] as const;
export type UpgradeStatusName = (typeof upgradeStatusNames)[number];

export const upgradesSearchDefaults = { status: "PENDING" } as const;

/**
 * The upgrade requests' view lives in the URL: ?status=APPROVED (the
 * pending ones, the queue, when absent).
 */
export const upgradesSearchSchema = z.object({
  status: z.catch(z._default(z.enum(upgradeStatusNames), "PENDING"), "PENDING"),
});

export type UpgradesSearch = z.infer<typeof upgradesSearchSchema>;
