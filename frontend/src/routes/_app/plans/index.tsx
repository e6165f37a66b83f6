import { createFileRoute, stripSearchParams } from "@tanstack/react-router";
import { PlansPage } from "@/features/plans/PlansPage";
import { plansSearchDefaults, plansSearchSchema } from "@/features/plans/search";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

export const Route = createFileRoute("/_app/plans/")({
  validateSearch: plansSearchSchema,
  search: { middlewares: [stripSearchParams(plansSearchDefaults)] },
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.PLANS_READ),
  loader: () => loadTexts("plans"),
  component: PlansPage,
});
