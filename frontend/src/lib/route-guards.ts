import { redirect } from "@tanstack/react-router";
import type { Caller } from "@leitstand/sdk/leitstand/admin/v1/auth_service_pb.js";
import { Permission } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import { hasPermission } from "@/lib/auth";

export { Permission };

/** requirePermission sends a caller without the permission to the start page. */
export function requirePermission(caller: Caller, permission: Permission): void {
  if (!hasPermission(caller, permission)) throw redirect({ to: "/" });
}
