import { useMutation } from "@connectrpc/connect-query";
import { AuthService } from "@leitstand/sdk/leitstand/admin/v1/auth_service_pb.js";

/** useLogin signs in; the form shows its own errors. */
export function useLogin() {
  return useMutation(AuthService.method.login, { meta: { handlesErrors: true } });
}
