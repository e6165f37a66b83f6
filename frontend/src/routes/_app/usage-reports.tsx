import { createFileRoute, stripSearchParams } from "@tanstack/react-router";
import { UsageReportsPage } from "@/features/usagereports/UsageReportsPage";
import {
  usageReportsSearchDefaults,
  usageReportsSearchSchema,
} from "@/features/usagereports/search";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

export const Route = createFileRoute("/_app/usage-reports")({
  validateSearch: usageReportsSearchSchema,
  search: { middlewares: [stripSearchParams(usageReportsSearchDefaults)] },
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.USAGE_READ),
  loader: () => loadTexts("usageReports", "charts"),
  component: UsageReportsPage,
});
