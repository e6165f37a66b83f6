import { useInfiniteQuery } from "@connectrpc/connect-query";
import { AuthService } from "@leitstand/sdk/leitstand/admin/v1/auth_service_pb.js";
import { useChange } from "@/lib/queries";

export function useApiTokens(showInactive: boolean) {
  return useInfiniteQuery(
    AuthService.method.listApiTokens,
    { pageSize: 50, pageToken: "", showInactive },
    { pageParamKey: "pageToken", getNextPageParam: (last) => last.nextPageToken || undefined },
  );
}

export function useCreateApiToken() {
  return useChange(AuthService.method.createApiToken, [AuthService]);
}

export function useRevokeApiToken() {
  return useChange(AuthService.method.revokeApiToken, [AuthService]);
}
