import { createFileRoute } from "@tanstack/react-router";
import { PlanDetailPage } from "@/features/plans/PlanDetailPage";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

export const Route = createFileRoute("/_app/plans/$planId")({
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.PLANS_READ),
  loader: () => loadTexts("plans"),
  component: PlanDetailPage,
});
