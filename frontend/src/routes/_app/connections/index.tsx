import { createFileRoute } from "@tanstack/react-router";
import { ConnectionsPage } from "@/features/infrastructure/ConnectionsPage";
import { requirePermission, Permission } from "@/lib/route-guards";

export const Route = createFileRoute("/_app/connections/")({
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.SERVERS_READ),
  component: ConnectionsPage,
});
