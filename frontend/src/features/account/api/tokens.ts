import { useInfiniteQuery, useMutation } from "@connectrpc/connect-query";
import { AuthService } from "@leitstand/sdk/leitstand/admin/v1/auth_service_pb.js";
import { useInvalidate } from "@/lib/queries";

export function useApiTokens(showInactive: boolean) {
  return useInfiniteQuery(
    AuthService.method.listApiTokens,
    { pageSize: 50, pageToken: "", showInactive },
    { pageParamKey: "pageToken", getNextPageParam: (last) => last.nextPageToken || undefined },
  );
}

const meta = { handlesErrors: true } as const;

export function useCreateApiToken() {
  const onSuccess = useInvalidate(AuthService);
  return useMutation(AuthService.method.createApiToken, { meta, onSuccess });
}

export function useRevokeApiToken() {
  const onSuccess = useInvalidate(AuthService);
  return useMutation(AuthService.method.revokeApiToken, { meta, onSuccess });
}
