import * as z from "zod/mini";
import { parseList } from "@/lib/search";

export const methodNames = ["STRIPE", "MOLLIE", "BANK_TRANSFER", "MANUAL"] as const;
export type MethodName = (typeof methodNames)[number];

export const statusNames = [
  "PENDING",
  "SUCCEEDED",
  "FAILED",
  "CANCELED",
  "REFUNDED",
  "DISPUTED",
  "REVERSED",
] as const;
export type StatusName = (typeof statusNames)[number];

const day = z.string().check(z.regex(/^(\d{4}-\d{2}-\d{2})?$/));
const organization = z.string().check(z.regex(/^(org_[0-9a-z]{26})?$/));

export const paymentsSearchDefaults = {
  q: "",
  method: "",
  status: "",
  org: "",
  from: "",
  to: "",
} as const;

/**
 * The list's filters live in the URL:
 * ?q=RE-2027&method=BANK_TRANSFER,MANUAL&status=SUCCEEDED&org=org_…&from=2027-01-01&to=2027-01-31
 * (from and to bound the value date). The API lists the latest value date
 * first only: there is no sort. (This module is in the first load, with
 * the route: it names the enums' values without importing the SDK.)
 */
export const paymentsSearchSchema = z.object({
  q: z.catch(z._default(z.string().check(z.maxLength(100)), ""), ""),
  method: z.catch(z._default(z.string().check(z.maxLength(100)), ""), ""),
  status: z.catch(z._default(z.string().check(z.maxLength(200)), ""), ""),
  org: z.catch(z._default(organization, ""), ""),
  from: z.catch(z._default(day, ""), ""),
  to: z.catch(z._default(day, ""), ""),
});

export type PaymentsSearch = z.infer<typeof paymentsSearchSchema>;

/** parseMethods reads "BANK_TRANSFER,MANUAL" into the known method names. */
export function parseMethods(value: string): MethodName[] {
  return parseList(value, methodNames);
}

/** parseStatuses reads "SUCCEEDED,REFUNDED" into the known status names. */
export function parseStatuses(value: string): StatusName[] {
  return parseList(value, statusNames);
}

export const dunningLevelNames = ["REMINDER", "FIRST_NOTICE", "SECOND_NOTICE"] as const;
export type DunningLevelName = (typeof dunningLevelNames)[number];

export const dunningStatusNames = ["QUEUED", "SENT", "FAILED", "WITHDRAWN"] as const;
export type DunningStatusName = (typeof dunningStatusNames)[number];

export const dunningSearchDefaults = { level: "", status: "", org: "" } as const;

/**
 * The dunning notices' filters live in the URL:
 * ?level=FIRST_NOTICE,SECOND_NOTICE&status=FAILED&org=org_… The API lists
 * the latest notice first only: there is no sort.
 */
export const dunningSearchSchema = z.object({
  level: z.catch(z._default(z.string().check(z.maxLength(100)), ""), ""),
  status: z.catch(z._default(z.string().check(z.maxLength(100)), ""), ""),
  org: z.catch(z._default(organization, ""), ""),
});

export type DunningSearch = z.infer<typeof dunningSearchSchema>;

/** parseDunningLevels reads "REMINDER,FIRST_NOTICE" into the known level names. */
export function parseDunningLevels(value: string): DunningLevelName[] {
  return parseList(value, dunningLevelNames);
}

/** parseDunningStatuses reads "SENT,FAILED" into the known notice status names. */
export function parseDunningStatuses(value: string): DunningStatusName[] {
  return parseList(value, dunningStatusNames);
}
