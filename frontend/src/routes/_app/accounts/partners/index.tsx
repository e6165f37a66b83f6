import { createFileRoute, stripSearchParams } from "@tanstack/react-router";
import { PartnersPage } from "@/features/partners/PartnersPage";
import { partnersSearchDefaults, partnersSearchSchema } from "@/features/partners/search";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

export const Route = createFileRoute("/_app/accounts/partners/")({
  validateSearch: partnersSearchSchema,
  search: { middlewares: [stripSearchParams(partnersSearchDefaults)] },
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.ACCOUNTS_READ),
  loader: () => loadTexts("partners"),
  component: PartnersPage,
});
