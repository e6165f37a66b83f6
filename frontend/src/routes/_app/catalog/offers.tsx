import { createFileRoute, stripSearchParams } from "@tanstack/react-router";
import { OffersPage } from "@/features/catalog/OffersPage";
import { offersSearchDefaults, offersSearchSchema } from "@/features/catalog/offers";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

export const Route = createFileRoute("/_app/catalog/offers")({
  validateSearch: offersSearchSchema,
  search: { middlewares: [stripSearchParams(offersSearchDefaults)] },
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.CATALOG_READ),
  loader: () => loadTexts("catalog"),
  component: OffersPage,
});
