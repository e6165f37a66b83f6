import { createFileRoute, stripSearchParams } from "@tanstack/react-router";
import { PartnerDetailPage } from "@/features/partners/PartnerDetailPage";
import { partnerSearchDefaults, partnerSearchSchema } from "@/features/partners/search";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

export const Route = createFileRoute("/_app/accounts/partners/$partnerId")({
  validateSearch: partnerSearchSchema,
  search: { middlewares: [stripSearchParams(partnerSearchDefaults)] },
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.ACCOUNTS_READ),
  loader: () => loadTexts("partners"),
  component: PartnerDetailPage,
});
