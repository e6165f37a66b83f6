import { Code } from "@connectrpc/connect";
import { notifications } from "@mantine/notifications";
import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import {
  asConnectError,
  errorMessage,
  isUnreachable,
  secondFactorRequirement,
} from "@/lib/api-errors";
import { currentLocale, translate } from "@/lib/i18n/i18n";
import { announceSecondFactorEnrollmentRequired, announceSessionEnded } from "@/lib/session";

declare module "@tanstack/react-query" {
  interface Register {
    mutationMeta: {
      /** The caller shows InvalidArgument field errors itself (a form). */
      handlesFieldErrors?: boolean;
      /** The caller shows every error itself. */
      handlesErrors?: boolean;
    };
    queryMeta: {
      /** The page shows this query's error itself (e.g. a not-found state). */
      handlesErrors?: boolean;
      /** The query asks whether a session exists; "no" is an answer, not an error. */
      sessionProbe?: boolean;
    };
  }
}

const noRetry = new Set([
  Code.Unauthenticated,
  Code.PermissionDenied,
  Code.InvalidArgument,
  Code.NotFound,
  Code.FailedPrecondition,
  Code.AlreadyExists,
]);

/**
 * handleApiError is the one place API errors are turned into what a person
 * sees: an ended session sends to sign-in, a second factor the platform
 * requires and the user lacks brings up its enrolment, a refusal is a clear
 * notification, and the server's message is shown otherwise.
 */
export function handleApiError(
  error: unknown,
  options: {
    handlesErrors?: boolean;
    handlesFieldErrors?: boolean;
    sessionProbe?: boolean;
    /**
     * A read that has nothing to show yet: its page shows the failure in
     * place of the data (with a retry), so an unreachable or failing server
     * is not announced a second time as a notification.
     */
    shownInPlace?: boolean;
  } = {},
): void {
  if (options.sessionProbe) return;
  const err = asConnectError(error);
  if (err.code === Code.Unauthenticated) {
    announceSessionEnded();
    return;
  }
  if (secondFactorRequirement(err)?.enrollmentRequired) {
    announceSecondFactorEnrollmentRequired();
    return;
  }
  if (options.handlesErrors) return;
  if (options.shownInPlace && isUnreachable(err)) return;
  if (err.code === Code.InvalidArgument && options.handlesFieldErrors) return;
  notifications.show({
    // One notification per kind of failure: an unreachable server is said
    // once, not once per request that failed.
    id: isUnreachable(err) ? "api-error-unreachable" : `api-error-${err.code}-${err.rawMessage}`,
    color: "red",
    title:
      err.code === Code.PermissionDenied
        ? translate(currentLocale(), "error.permissionDenied")
        : translate(currentLocale(), "error.title"),
    message: err.code === Code.PermissionDenied ? err.rawMessage : errorMessage(err),
    autoClose: 8000,
  });
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) =>
        handleApiError(error, { ...query.meta, shownInPlace: query.state.data === undefined }),
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) =>
        handleApiError(error, mutation.meta ?? {}),
    }),
    defaultOptions: {
      queries: {
        // Offline, a read fails (and its page says so, with a retry) instead
        // of waiting paused, its skeleton spinning until the network returns.
        networkMode: "always",
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (failureCount, error) =>
          failureCount < 2 && !noRetry.has(asConnectError(error).code),
      },
      mutations: { retry: false, networkMode: "always" },
    },
  });
}
