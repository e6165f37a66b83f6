import { createFileRoute, stripSearchParams } from "@tanstack/react-router";
import { UpgradeRequestsPage } from "@/features/accounts/UpgradeRequestsPage";
import { upgradesSearchDefaults, upgradesSearchSchema } from "@/features/accounts/search";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

export const Route = createFileRoute("/_app/accounts/upgrades")({
  validateSearch: upgradesSearchSchema,
  search: { middlewares: [stripSearchParams(upgradesSearchDefaults)] },
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.ACCOUNTS_READ),
  // The approval's dialog shows the effect on the next invoice and the MRR.
  loader: () => loadTexts("accounts", "effects"),
  component: UpgradeRequestsPage,
});
