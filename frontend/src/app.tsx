import { TransportProvider } from "@connectrpc/connect-query";
import type { Transport } from "@connectrpc/connect";
import { MantineProvider } from "@mantine/core";
import { ModalsProvider } from "@mantine/modals";
import { Notifications } from "@mantine/notifications";
import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { createRouter, RouterProvider, type RouterHistory } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import { RouteError } from "@/components/layout/RouteError";
import { rememberSignedIn, reloadCaller } from "@/lib/auth";
import { I18nProvider, type Locale } from "@/lib/i18n/i18n";
import { onSecondFactorEnrollmentRequired, onSessionEnded } from "@/lib/session";
import { routeTree } from "@/routeTree.gen";
import { theme } from "@/theme";

export interface RouterContext {
  queryClient: QueryClient;
  transport: Transport;
}

export function createAppRouter(context: RouterContext, history?: RouterHistory) {
  const router = createRouter({
    routeTree,
    context,
    history,
    defaultPreload: "intent",
    defaultPreloadStaleTime: 0,
    scrollRestoration: true,
    // A page that cannot be opened says why in the layout: the permission it
    // needs, or the failure with a retry.
    defaultErrorComponent: RouteError,
  });
  // Fetch the code of the page being opened at once, while the session is
  // still being checked, instead of after it.
  const [matchedRoutes] = router.getMatchedRoutes(router.latestLocation.pathname);
  for (const route of matchedRoutes) void router.loadRouteChunk(route);
  return router;
}

declare module "@tanstack/react-router" {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}

export interface AppProps {
  transport: Transport;
  queryClient: QueryClient;
  /** A memory history in tests; the browser's by default. */
  history?: RouterHistory;
  locale?: Locale;
  /** Mantine without transitions and portals (component tests). */
  testEnv?: boolean;
}

/** App wires the providers around the router. The transport is injected. */
export function App({ transport, queryClient, history, locale, testEnv }: AppProps) {
  const [router] = useState(() => createAppRouter({ queryClient, transport }, history));

  useEffect(
    () =>
      onSessionEnded(() => {
        const location = router.state.location;
        if (location.pathname === "/sign-in") return;
        rememberSignedIn(false);
        void router
          .navigate({
            to: "/sign-in",
            search: { reason: "expired", redirect: location.href },
          })
          .then(() => queryClient.removeQueries());
      }),
    [router, queryClient],
  );

  // The platform started to require a second factor the user lacks: load
  // the caller again, and the layout shows its setup.
  useEffect(
    () =>
      onSecondFactorEnrollmentRequired(() => {
        void reloadCaller(queryClient).then(() => router.invalidate());
      }),
    [router, queryClient],
  );

  return (
    <I18nProvider initialLocale={locale}>
      <MantineProvider theme={theme} defaultColorScheme="auto" env={testEnv ? "test" : "default"}>
        <Notifications position="bottom-right" limit={4} />
        <TransportProvider transport={transport}>
          <QueryClientProvider client={queryClient}>
            <ModalsProvider>
              <RouterProvider router={router} />
            </ModalsProvider>
          </QueryClientProvider>
        </TransportProvider>
      </MantineProvider>
    </I18nProvider>
  );
}
