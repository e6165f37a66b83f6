import * as z from "zod/mini";
import { parseList } from "@/lib/search";
import { kindNames, priorityNames, statusNames } from "./names";

/** The list's sort orders in the URL, and the API's order_by for each. */
export const orderSorts = {
  created_desc: "create_time desc",
  created: "create_time",
} as const;
export type OrderSort = keyof typeof orderSorts;

/** The assignee filter's value for orders assigned to nobody. */
export const unassigned = "none";

export const ordersSearchDefaults = {
  q: "",
  status: "",
  kind: "",
  priority: "",
  assignee: "",
  org: "",
  overdue: false,
  sort: "created_desc",
} as const;

/**
 * The list's filters live in the URL:
 * ?q=%2342&status=OPEN,IN_PROGRESS&kind=SUPPORT&priority=HIGH&assignee=usr_…|none&org=org_…&overdue=true&sort=created
 */
export const ordersSearchSchema = z.object({
  q: z.catch(z._default(z.string().check(z.maxLength(200)), ""), ""),
  status: z.catch(z._default(z.string(), ""), ""),
  kind: z.catch(z._default(z.enum(["", ...kindNames]), ""), ""),
  priority: z.catch(z._default(z.enum(["", ...priorityNames]), ""), ""),
  assignee: z.catch(z._default(z.string().check(z.regex(/^(usr_[0-9a-z]{26}|none)?$/)), ""), ""),
  org: z.catch(z._default(z.string().check(z.regex(/^(org_[0-9a-z]{26})?$/)), ""), ""),
  overdue: z.catch(z._default(z.boolean(), false), false),
  sort: z.catch(
    z._default(z.enum(Object.keys(orderSorts) as [OrderSort, ...OrderSort[]]), "created_desc"),
    "created_desc",
  ),
});

export type OrdersSearch = z.infer<typeof ordersSearchSchema>;

/** parseStatuses reads "OPEN,IN_PROGRESS" into the known status names. */
export function parseStatuses(value: string) {
  return parseList(value, statusNames);
}
