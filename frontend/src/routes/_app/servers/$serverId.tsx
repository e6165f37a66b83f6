import { createFileRoute, stripSearchParams } from "@tanstack/react-router";
import { ServerDetailPage } from "@/features/infrastructure/ServerDetailPage";
import {
  serverDetailSearchDefaults,
  serverDetailSearchSchema,
} from "@/features/infrastructure/search";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

export const Route = createFileRoute("/_app/servers/$serverId")({
  validateSearch: serverDetailSearchSchema,
  search: { middlewares: [stripSearchParams(serverDetailSearchDefaults)] },
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.SERVERS_READ),
  // Its charts (a chunk of their own) word their figures with the charts' texts.
  loader: () => loadTexts("infrastructure", "charts"),
  component: ServerDetailPage,
});
