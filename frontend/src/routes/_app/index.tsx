import { createFileRoute, redirect } from "@tanstack/react-router";
import { firstNavTarget } from "@/components/layout/nav";

// The start page is the first section the caller may open.
export const Route = createFileRoute("/_app/")({
  beforeLoad: ({ context }) => {
    const to = firstNavTarget(context.caller);
    if (to) throw redirect({ to });
  },
});
