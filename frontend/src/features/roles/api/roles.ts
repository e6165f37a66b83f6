import { useQuery } from "@connectrpc/connect-query";
import { RoleService } from "@leitstand/sdk/leitstand/admin/v1/role_service_pb.js";

/** useRoles lists the platform roles with their permissions and users. */
export function useRoles() {
  return useQuery(RoleService.method.listRoles, {});
}
