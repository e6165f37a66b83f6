import { createFileRoute, stripSearchParams } from "@tanstack/react-router";
import { ServersPage } from "@/features/infrastructure/ServersPage";
import { serversSearchDefaults, serversSearchSchema } from "@/features/infrastructure/search";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

export const Route = createFileRoute("/_app/servers/")({
  validateSearch: serversSearchSchema,
  search: { middlewares: [stripSearchParams(serversSearchDefaults)] },
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.SERVERS_READ),
  loader: () => loadTexts("infrastructure"),
  component: ServersPage,
});
