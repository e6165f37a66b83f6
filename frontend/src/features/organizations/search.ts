import * as z from "zod/mini";
import { parseList } from "@/lib/search";
import { OrganizationStatus } from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";

/** The list's sort orders in the URL, and the API's order_by for each. */
export const organizationSorts = {
  name: "name",
  name_desc: "name desc",
  created: "create_time",
  created_desc: "create_time desc",
} as const;
export type OrganizationSort = keyof typeof organizationSorts;

export const statusNames = ["PENDING_APPROVAL", "ACTIVE", "SUSPENDED", "CLOSED"] as const;
export type StatusName = (typeof statusNames)[number];

export const organizationsSearchDefaults = { q: "", status: "", sort: "name" } as const;

/** The list's filters live in the URL: ?q=acme&status=ACTIVE,SUSPENDED&sort=created_desc */
export const organizationsSearchSchema = z.object({
  q: z.catch(z._default(z.string().check(z.maxLength(200)), ""), ""),
  status: z.catch(z._default(z.string(), ""), ""),
  sort: z.catch(
    z._default(
      z.enum(Object.keys(organizationSorts) as [OrganizationSort, ...OrganizationSort[]]),
      "name",
    ),
    "name",
  ),
});

export type OrganizationsSearch = z.infer<typeof organizationsSearchSchema>;

/** parseStatuses reads "ACTIVE,SUSPENDED" into the known status names. */
export function parseStatuses(value: string): StatusName[] {
  return parseList(value, statusNames);
}

export function statusValue(name: StatusName): OrganizationStatus {
  return OrganizationStatus[name];
}

export const organizationTabs = [
  "overview",
  "workspaces",
  "members",
  "services",
  "orders",
  "contract",
  "invoices",
  "payments",
  "training",
] as const;
export type OrganizationTab = (typeof organizationTabs)[number];

export const organizationDetailSearchSchema = z.object({
  tab: z.catch(z._default(z.enum(organizationTabs), "overview"), "overview"),
});
