import { createFileRoute } from "@tanstack/react-router";
import { ConnectionDetailPage } from "@/features/infrastructure/ConnectionDetailPage";
import { requirePermission, Permission } from "@/lib/route-guards";

export const Route = createFileRoute("/_app/connections/$connectionId")({
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.SERVERS_READ),
  component: ConnectionDetailPage,
});
