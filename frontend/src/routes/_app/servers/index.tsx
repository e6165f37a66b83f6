import { createFileRoute, stripSearchParams } from "@tanstack/react-router";
import { ServersPage } from "@/features/infrastructure/ServersPage";
import { serversSearchDefaults, serversSearchSchema } from "@/features/infrastructure/search";
import { requirePermission, Permission } from "@/lib/route-guards";

export const Route = createFileRoute("/_app/servers/")({
  validateSearch: serversSearchSchema,
  search: { middlewares: [stripSearchParams(serversSearchDefaults)] },
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.SERVERS_READ),
  component: ServersPage,
});
