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
