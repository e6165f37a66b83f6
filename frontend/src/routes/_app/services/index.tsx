import { createFileRoute, stripSearchParams } from "@tanstack/react-router";
import { ServicesPage } from "@/features/services/ServicesPage";
import { servicesSearchDefaults, servicesSearchSchema } from "@/features/services/search";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

export const Route = createFileRoute("/_app/services/")({
  validateSearch: servicesSearchSchema,
  search: { middlewares: [stripSearchParams(servicesSearchDefaults)] },
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.SERVICES_READ),
  loader: () => loadTexts("services"),
  component: ServicesPage,
});
