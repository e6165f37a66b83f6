import * as z from "zod/mini";
import { InvoiceStatus } from "@leitstand/sdk/leitstand/admin/v1/invoice_service_pb.js";
import { parseList } from "@/lib/search";

export const statusNames = ["ISSUED", "PAID", "OVERDUE", "CANCELLED"] as const;
export type StatusName = (typeof statusNames)[number];

const day = z.string().check(z.regex(/^(\d{4}-\d{2}-\d{2})?$/));
const organization = z.string().check(z.regex(/^(org_[0-9a-z]{26})?$/));

export const invoicesSearchDefaults = { q: "", status: "", org: "", from: "", to: "" } as const;

/**
 * The list's filters live in the URL:
 * ?q=RE-2027&status=ISSUED,OVERDUE&org=org_…&from=2027-01-01&to=2027-01-31.
 * The API lists the latest first only: there is no sort.
 */
export const invoicesSearchSchema = z.object({
  q: z.catch(z._default(z.string().check(z.maxLength(100)), ""), ""),
  status: z.catch(z._default(z.string(), ""), ""),
  org: z.catch(z._default(organization, ""), ""),
  from: z.catch(z._default(day, ""), ""),
  to: z.catch(z._default(day, ""), ""),
});

export type InvoicesSearch = z.infer<typeof invoicesSearchSchema>;

/** parseStatuses reads "ISSUED,OVERDUE" into the known status names. */
export function parseStatuses(value: string): StatusName[] {
  return parseList(value, statusNames);
}

export function statusValue(name: StatusName): InvoiceStatus {
  return InvoiceStatus[name];
}

/** The manual invoice form's URL: ?organization=org_… picks the organization. */
export const newInvoiceSearchSchema = z.object({
  organization: z.catch(z._default(organization, ""), ""),
});

export const newInvoiceSearchDefaults = { organization: "" } as const;

/** The billing run preview's URL: ?day=2027-01-17; today when absent. */
export const billingRunSearchSchema = z.object({
  day: z.catch(z._default(day, ""), ""),
});

export const billingRunSearchDefaults = { day: "" } as const;
