import { createFileRoute } from "@tanstack/react-router";
import { ServiceDetailPage } from "@/features/services/ServiceDetailPage";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

export const Route = createFileRoute("/_app/services/$serviceId")({
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.SERVICES_READ),
  loader: () => loadTexts("services", "infrastructure"),
  component: ServiceDetailPage,
});
