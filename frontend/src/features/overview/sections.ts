import type { Caller } from "@leitstand/sdk/leitstand/admin/v1/auth_service_pb.js";
import { Permission } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";

/**
 * The sections of the dashboard, in the order shown: the customers, services,
 * orders and alerts counted; the revenue (the MRR's tile, the chart, the top
 * customers); then the operations.
 */
export const overviewSections = [
  "counts",
  "revenue",
  "servers",
  "syncs",
  "runs",
  "changes",
] as const;
export type OverviewSection = (typeof overviewSections)[number];

/** The permission that reads what each section shows (the server refuses it otherwise). */
const sectionPermission: Record<OverviewSection, Permission> = {
  counts: Permission.ORGANIZATIONS_READ,
  revenue: Permission.INVOICES_READ,
  servers: Permission.SERVERS_READ,
  syncs: Permission.SERVERS_READ,
  runs: Permission.JOBS_READ,
  changes: Permission.AUDIT_READ,
};

/** visibleSections are the sections the caller may see; none means there is no dashboard for them. */
export function visibleSections(caller: Caller): OverviewSection[] {
  return overviewSections.filter((s) => caller.permissions.includes(sectionPermission[s]));
}
