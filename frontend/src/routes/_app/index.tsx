import { createFileRoute, redirect } from "@tanstack/react-router";
import { firstNavTarget } from "@/components/layout/nav";
import { OverviewPage } from "@/features/overview/OverviewPage";
import { visibleSections } from "@/features/overview/sections";
import { loadTexts } from "@/lib/i18n/i18n";

// The start page is the dashboard for callers who may read any of its
// sections; anyone else starts at the first section they may open.
export const Route = createFileRoute("/_app/")({
  beforeLoad: ({ context }) => {
    if (visibleSections(context.caller).length > 0) return;
    const to = firstNavTarget(context.caller);
    if (to) throw redirect({ to });
  },
  // The dashboard names failed jobs and recent changes as their own pages do.
  loader: () => loadTexts("overview", "jobs", "auditLabels"),
  component: OverviewPage,
});
