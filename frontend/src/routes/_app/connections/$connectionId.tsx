import { createFileRoute } from "@tanstack/react-router";
import { ConnectionDetailPage } from "@/features/infrastructure/ConnectionDetailPage";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

export const Route = createFileRoute("/_app/connections/$connectionId")({
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.SERVERS_READ),
  loader: () => loadTexts("infrastructure"),
  component: ConnectionDetailPage,
});
