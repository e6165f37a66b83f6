import { createFileRoute, stripSearchParams } from "@tanstack/react-router";
import { CatalogPage } from "@/features/catalog/CatalogPage";
import { catalogSearchDefaults, catalogSearchSchema } from "@/features/catalog/search";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

export const Route = createFileRoute("/_app/catalog/")({
  validateSearch: catalogSearchSchema,
  search: { middlewares: [stripSearchParams(catalogSearchDefaults)] },
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.CATALOG_READ),
  loader: () => loadTexts("catalog"),
  component: CatalogPage,
});
