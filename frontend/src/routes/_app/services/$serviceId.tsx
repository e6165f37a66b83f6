import { createFileRoute } from "@tanstack/react-router";
import { ServiceAlerts } from "@/features/alerts/components/ServiceAlerts";
import { ServiceDetailPage } from "@/features/services/ServiceDetailPage";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

// The service's Alerts panel is the alerts area's, composed here where the
// areas meet: features do not import each other.
function ServicePage() {
  return <ServiceDetailPage alertsPanel={(svc) => <ServiceAlerts serviceInstanceId={svc.id} />} />;
}

export const Route = createFileRoute("/_app/services/$serviceId")({
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.SERVICES_READ),
  // With the texts of the Alerts panel composed here.
  loader: () => loadTexts("services", "infrastructure", "alerts"),
  component: ServicePage,
});
