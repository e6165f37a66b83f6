import * as z from "zod/mini";
import { parseList } from "@/lib/search";
import {
  healthNames,
  healthValue,
  statusNames,
  statusValue,
  type HealthName,
  type StatusName,
} from "./status";

/** The list's sort orders in the URL, and the API's order_by for each. */
export const serviceSorts = {
  name: "name",
  name_desc: "name desc",
  created: "create_time",
  created_desc: "create_time desc",
} as const;
export type ServiceSort = keyof typeof serviceSorts;

export const servicesSearchDefaults = {
  q: "",
  status: "",
  health: "",
  server: "",
  org: "",
  sort: "name",
} as const;

/**
 * The list's filters live in the URL:
 * ?q=cloud&status=MAINTENANCE,DISRUPTION&health=DEGRADED,DOWN&server=srv_…&org=org_…&sort=created_desc
 */
export const servicesSearchSchema = z.object({
  q: z.catch(z._default(z.string().check(z.maxLength(200)), ""), ""),
  status: z.catch(z._default(z.string(), ""), ""),
  health: z.catch(z._default(z.string(), ""), ""),
  server: z.catch(z._default(z.string().check(z.regex(/^(srv_[0-9a-z]{26})?$/)), ""), ""),
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

/** parseHealths reads "DEGRADED,DOWN" into the known health names. */
export function parseHealths(value: string): HealthName[] {
  return parseList(value, healthNames);
}

/** The list request's filter of the URL's filters. */
export function servicesFilter(search: ServicesSearch) {
  return {
    query: search.q.trim(),
    organizationId: search.org,
    statuses: parseStatuses(search.status).map(statusValue),
    serverId: search.server,
    healths: parseHealths(search.health).map(healthValue),
  };
}
