import { useMutation } from "@connectrpc/connect-query";
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "@tanstack/react-router";
import { AuthService } from "@leitstand/sdk/leitstand/admin/v1/auth_service_pb.js";
import { reloadCaller } from "@/lib/auth";

// Each form shows its own errors.
const meta = { handlesErrors: true } as const;

/** useBeginEnrollment makes a new secret to add to the authenticator app. */
export function useBeginEnrollment() {
  return useMutation(AuthService.method.beginSecondFactorEnrollment, { meta });
}

/** useConfirmEnrollment turns the second factor on and returns the recovery codes. */
export function useConfirmEnrollment() {
  return useMutation(AuthService.method.confirmSecondFactorEnrollment, { meta });
}

/** useDisableSecondFactor turns the second factor off with a current code. */
export function useDisableSecondFactor() {
  return useMutation(AuthService.method.disableSecondFactor, { meta });
}

/**
 * useCallerChanged reloads the caller after their second factor changed,
 * and then the route, so that its guards see the new state (the enrolment
 * gate opens the panel).
 */
export function useCallerChanged(): () => Promise<void> {
  const queryClient = useQueryClient();
  const router = useRouter();
  return async () => {
    await reloadCaller(queryClient);
    await router.invalidate();
  };
}
