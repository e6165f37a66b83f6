import * as z from "zod/mini";
import { parseList } from "@/lib/search";
import { statusNames, statusValue, type StatusName } from "./status";

/** The list's sort orders in the URL, and the API's order_by for each. */
export const serviceSorts = {
  name: "name",
  name_desc: "name desc",
  created: "create_time",
  created_desc: "create_time desc",
} as const;
export type ServiceSort = keyof typeof serviceSorts;

export const servicesSearchDefaults = { q: "", status: "", org: "", sort: "name" } as const;

/** The list's filters live in the URL: ?q=cloud&status=MAINTENANCE,DISRUPTION&org=org_…&sort=created_desc */
export const servicesSearchSchema = z.object({
  q: z.catch(z._default(z.string().check(z.maxLength(200)), ""), ""),
  status: z.catch(z._default(z.string(), ""), ""),
  org: z.catch(z._default(z.string().check(z.regex(/^(org_[0-9a-z]{26})?$/)), ""), ""),
  sort: z.catch(
    z._default(z.enum(Object.keys(serviceSorts) as [ServiceSort, ...ServiceSort[]]), "name"),
    "name",
  ),
});

export type ServicesSearch = z.infer<typeof servicesSearchSchema>;

/** parseStatuses reads "MAINTENANCE,DISRUPTION" into the known status names. */
export function parseStatuses(value: string): StatusName[] {
  return parseList(value, statusNames);
}

/** The list request's filter of the URL's filters. */
export function servicesFilter(search: ServicesSearch) {
  return {
    query: search.q.trim(),
    organizationId: search.org,
    statuses: parseStatuses(search.status).map(statusValue),
  };
}
