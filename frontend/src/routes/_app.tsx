import { Code, ConnectError } from "@connectrpc/connect";
import { createFileRoute, Outlet, redirect } from "@tanstack/react-router";
import { AppLayout } from "@/components/layout/AppLayout";
import { fetchCaller, hasPanelAccess, rememberSignedIn, useCaller, wasSignedIn } from "@/lib/auth";
import { NoAccessPage } from "@/features/auth/NoAccessPage";

export const Route = createFileRoute("/_app")({
  beforeLoad: async ({ context, location }) => {
    try {
      const caller = await fetchCaller(context.queryClient, context.transport);
      rememberSignedIn(true);
      return { caller };
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
  },
  component: AuthenticatedLayout,
});

function AuthenticatedLayout() {
  const caller = useCaller();
  if (!hasPanelAccess(caller)) return <NoAccessPage />;
  return (
    <AppLayout>
      <Outlet />
    </AppLayout>
  );
}
