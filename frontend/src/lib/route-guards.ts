import type { Caller } from "@leitstand/sdk/leitstand/admin/v1/auth_service_pb.js";
import { Permission } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import { hasPermission } from "@/lib/auth";

export { Permission };

/**
 * PermissionRequiredError is what a route throws when the caller may not see
 * it: the router's error component tells them which permission it needs.
 */
export class PermissionRequiredError extends Error {
  constructor(readonly permission: Permission) {
    super(`this page needs the permission ${Permission[permission]}`);
    this.name = "PermissionRequiredError";
  }
}

/**
 * requirePermission refuses a page to a caller without the permission. A
 * link followed to it shows a "no access" page naming the permission, in
 * the layout, instead of sending the caller elsewhere.
 */
export function requirePermission(caller: Caller, permission: Permission): void {
  if (!hasPermission(caller, permission)) throw new PermissionRequiredError(permission);
}
