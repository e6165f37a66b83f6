import type { Caller } from "@leitstand/sdk/leitstand/admin/v1/auth_service_pb.js";
import { Permission } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";

/** The sections of the overview, in the order shown. */
export const overviewSections = ["servers", "syncs", "runs", "changes"] as const;
export type OverviewSection = (typeof overviewSections)[number];

/** The permission that reads what each section shows (the server refuses it otherwise). */
const sectionPermission: Record<OverviewSection, Permission> = {
  servers: Permission.SERVERS_READ,
  syncs: Permission.SERVERS_READ,
  runs: Permission.JOBS_READ,
  changes: Permission.AUDIT_READ,
};

/** visibleSections are the sections the caller may see; none means there is no overview for them. */
export function visibleSections(caller: Caller): OverviewSection[] {
  return overviewSections.filter((s) => caller.permissions.includes(sectionPermission[s]));
}
