import { createFileRoute, stripSearchParams } from "@tanstack/react-router";
import { AlertsPage } from "@/features/alerts/AlertsPage";
import { alertsSearchDefaults, alertsSearchSchema } from "@/features/alerts/search";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

export const Route = createFileRoute("/_app/alerts")({
  validateSearch: alertsSearchSchema,
  search: { middlewares: [stripSearchParams(alertsSearchDefaults)] },
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.ALERTS_READ),
  loader: () => loadTexts("alerts"),
  component: AlertsPage,
});
