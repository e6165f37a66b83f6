import { Code, ConnectError } from "@connectrpc/connect";
import { createFileRoute, Outlet, redirect } from "@tanstack/react-router";
import { AppLayout } from "@/components/layout/AppLayout";
import { AppShellSkeleton } from "@/components/layout/AppShellSkeleton";
import { RouteError } from "@/components/layout/RouteError";
import { fetchCaller, hasPanelAccess, rememberSignedIn, useCaller, wasSignedIn } from "@/lib/auth";
import { NoAccessPage } from "@/features/auth/NoAccessPage";
import { SecondFactorGate } from "@/features/account/SecondFactorGate";

const enrollmentPath = "/account/security";

export const Route = createFileRoute("/_app")({
  beforeLoad: async ({ context, location }) => {
    let caller;
    try {
      caller = await fetchCaller(context.queryClient, context.transport);
      rememberSignedIn(true);
    } catch (error) {
      if (ConnectError.from(error).code === Code.Unauthenticated) {
        throw redirect({
          to: "/sign-in",
          search: {
            redirect: location.href === "/" ? undefined : location.href,
            reason: wasSignedIn() ? "expired" : undefined,
          },
        });
      }
      throw error;
    }
    // Until the second factor the platform requires is set up, every page
    // is its setup.
    if (caller.secondFactorEnrollmentRequired && location.pathname !== enrollmentPath) {
      throw redirect({ to: enrollmentPath });
    }
    return { caller };
  },
  component: AuthenticatedLayout,
  // While the session is checked, the panel in outline rather than a blank window.
  pendingComponent: AppShellSkeleton,
  pendingMs: 100,
  // When the session cannot be checked (the server is unreachable), the
  // error and its retry appear inside the panel's frame, as every later
  // failure does, not on a bare page.
  errorComponent: (props) => (
    <AppShellSkeleton>
      <RouteError {...props} />
    </AppShellSkeleton>
  ),
});

function AuthenticatedLayout() {
  const caller = useCaller();
  if (!hasPanelAccess(caller)) return <NoAccessPage />;
  if (caller.secondFactorEnrollmentRequired) return <SecondFactorGate />;
  return (
    <AppLayout>
      <Outlet />
    </AppLayout>
  );
}
