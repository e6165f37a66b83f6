import { createClient, type Transport } from "@connectrpc/connect";
import {
  createConnectQueryKey,
  createQueryOptions,
  useSuspenseQuery,
  useTransport,
} from "@connectrpc/connect-query";
import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { AuthService, type Caller } from "@leitstand/sdk/leitstand/admin/v1/auth_service_pb.js";
import { getOption } from "@bufbuild/protobuf";
import {
  granted_to,
  Permission,
  PermissionSchema,
  PlatformRole,
} from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";

const signedInKey = "leitstand.signedIn";

/** rememberSignedIn notes in the browser that a session was started, so an ended one can be told apart from a first visit. */
export function rememberSignedIn(signedIn: boolean): void {
  if (signedIn) window.localStorage.setItem(signedInKey, "1");
  else window.localStorage.removeItem(signedInKey);
}

export function wasSignedIn(): boolean {
  return window.localStorage.getItem(signedInKey) === "1";
}

/** The query of the signed-in caller; loaded once by the authenticated layout. */
export function currentUserQueryOptions(transport: Transport) {
  return {
    ...createQueryOptions(AuthService.method.getCurrentUser, {}, { transport }),
    staleTime: Infinity,
    retry: false,
    meta: { sessionProbe: true },
  } as const;
}

/** fetchCaller loads the caller (from the cache when present). Throws ConnectError. */
export async function fetchCaller(queryClient: QueryClient, transport: Transport): Promise<Caller> {
  const data = await queryClient.ensureQueryData(currentUserQueryOptions(transport));
  if (!data.caller) throw new Error("GetCurrentUser returned no caller");
  return data.caller;
}

/** reloadCaller fetches the signed-in caller anew (after their second factor changed). */
export async function reloadCaller(queryClient: QueryClient): Promise<void> {
  await queryClient.invalidateQueries({
    queryKey: createConnectQueryKey({
      schema: AuthService.method.getCurrentUser,
      cardinality: undefined,
    }),
  });
}

/** useCaller returns the signed-in caller inside the authenticated layout. */
export function useCaller(): Caller {
  const { data } = useSuspenseQuery(AuthService.method.getCurrentUser, {}, { staleTime: Infinity });
  if (!data.caller) throw new Error("GetCurrentUser returned no caller");
  return data.caller;
}

/** hasPermission tells whether the caller holds a permission. */
export function hasPermission(caller: Caller, permission: Permission): boolean {
  return caller.permissions.includes(permission);
}

/** usePermission tells whether the signed-in caller holds a permission. */
export function usePermission(permission: Permission): boolean {
  return hasPermission(useCaller(), permission);
}

/**
 * rolePermissions lists the permissions a platform role holds, as the API
 * contract declares them (the granted_to option of each Permission value).
 */
export function rolePermissions(role: PlatformRole): Permission[] {
  return PermissionSchema.values
    .filter((value) => getOption(value, granted_to).includes(role))
    .map((value) => value.number as Permission);
}

/** hasPanelAccess: whether the caller may use the administration panel at all. */
export function hasPanelAccess(caller: Caller): boolean {
  return caller.platformRole !== PlatformRole.USER && caller.permissions.length > 0;
}

export { Permission, PlatformRole };

/** useSignOut ends the session on the server and goes to the sign-in page. */
export function useSignOut(): () => Promise<void> {
  const transport = useTransport();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return async () => {
    try {
      await createClient(AuthService, transport).logout({});
    } catch {
      // The session may be gone already; signing out locally is enough then.
    }
    rememberSignedIn(false);
    await navigate({ to: "/sign-in", search: { reason: "signed-out" } });
    queryClient.removeQueries();
  };
}
