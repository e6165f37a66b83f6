import * as z from "zod/mini";
import { parseList } from "@/lib/search";
import { priorityNames, statusNames } from "./names";

export const alertsSearchDefaults = {
  status: "",
  priority: "",
  label: "",
  org: "",
  service: "",
} as const;

/**
 * The queue's filters live in the URL:
 * ?status=OPEN,ACKNOWLEDGED&priority=HIGH,CRITICAL&label=alb_…&org=org_…&service=svc_…
 */
export const alertsSearchSchema = z.object({
  status: z.catch(z._default(z.string(), ""), ""),
  priority: z.catch(z._default(z.string(), ""), ""),
  label: z.catch(z._default(z.string().check(z.regex(/^(alb_[0-9a-z]{26})?$/)), ""), ""),
  org: z.catch(z._default(z.string().check(z.regex(/^(org_[0-9a-z]{26})?$/)), ""), ""),
  service: z.catch(z._default(z.string().check(z.regex(/^(svc_[0-9a-z]{26})?$/)), ""), ""),
});

export type AlertsSearch = z.infer<typeof alertsSearchSchema>;

/** parseStatuses reads "OPEN,ACKNOWLEDGED" into the known status names. */
export const parseStatuses = (value: string) => parseList(value, statusNames);

/** parsePriorities reads "HIGH,CRITICAL" into the known priority names. */
export const parsePriorities = (value: string) => parseList(value, priorityNames);
