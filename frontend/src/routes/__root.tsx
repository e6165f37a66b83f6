import { createRootRouteWithContext, lazyRouteComponent, Outlet } from "@tanstack/react-router";
import type { RouterContext } from "@/app";
import { StepUpProvider } from "@/components/second-factor/StepUp";

export const Route = createRootRouteWithContext<RouterContext>()({
  component: Root,
  // Fetched when an address names no page (the router waits for it then):
  // it brings the signed-in layout, which the sign-in page does not need.
  notFoundComponent: lazyRouteComponent(
    () => import("@/components/layout/NotFoundPage"),
    "NotFoundPage",
  ),
});

function Root() {
  return (
    <StepUpProvider>
      <Outlet />
    </StepUpProvider>
  );
}
