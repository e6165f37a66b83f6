import { createFileRoute, stripSearchParams } from "@tanstack/react-router";
import { WholesalePage } from "@/features/resellers/WholesalePage";
import { wholesaleSearchDefaults, wholesaleSearchSchema } from "@/features/resellers/wholesale";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

export const Route = createFileRoute("/_app/billing-entities/wholesale")({
  validateSearch: wholesaleSearchSchema,
  search: { middlewares: [stripSearchParams(wholesaleSearchDefaults)] },
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.BILLING_ENTITIES_READ),
  loader: () => loadTexts("resellers"),
  component: WholesalePage,
});
