import { createFileRoute, stripSearchParams } from "@tanstack/react-router";
import { ServicesPage } from "@/features/services/ServicesPage";
import { servicesSearchDefaults, servicesSearchSchema } from "@/features/services/search";
import { requirePermission, Permission } from "@/lib/route-guards";

export const Route = createFileRoute("/_app/services/")({
  validateSearch: servicesSearchSchema,
  search: { middlewares: [stripSearchParams(servicesSearchDefaults)] },
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.SERVICES_READ),
  component: ServicesPage,
});
