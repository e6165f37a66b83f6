import { createFileRoute, stripSearchParams } from "@tanstack/react-router";
import { DunningPage } from "@/features/payments/DunningPage";
import { dunningSearchDefaults, dunningSearchSchema } from "@/features/payments/search";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

export const Route = createFileRoute("/_app/payments/dunning")({
  validateSearch: dunningSearchSchema,
  search: { middlewares: [stripSearchParams(dunningSearchDefaults)] },
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.PAYMENTS_READ),
  loader: () => loadTexts("payments"),
  component: DunningPage,
});
