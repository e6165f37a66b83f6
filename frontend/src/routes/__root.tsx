import { createRootRouteWithContext, Outlet } from "@tanstack/react-router";
import type { RouterContext } from "@/app";
import { NotFoundPage } from "@/components/layout/NotFoundPage";
import { StepUpProvider } from "@/components/second-factor/StepUp";

export const Route = createRootRouteWithContext<RouterContext>()({
  component: Root,
  notFoundComponent: NotFoundPage,
});

function Root() {
  return (
    <StepUpProvider>
      <Outlet />
    </StepUpProvider>
  );
}
