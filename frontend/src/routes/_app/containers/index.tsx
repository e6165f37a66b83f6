import { createFileRoute, stripSearchParams } from "@tanstack/react-router";
import { ContainersPage } from "@/features/infrastructure/ContainersPage";
import { containersSearchDefaults, containersSearchSchema } from "@/features/infrastructure/search";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

export const Route = createFileRoute("/_app/containers/")({
  validateSearch: containersSearchSchema,
  search: { middlewares: [stripSearchParams(containersSearchDefaults)] },
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.SERVERS_READ),
  // Its charts (a chunk of their own) word their figures with the charts' texts.
  loader: () => loadTexts("infrastructure", "charts"),
  component: ContainersPage,
});
