import { createFileRoute, stripSearchParams } from "@tanstack/react-router";
import { AtRiskPage } from "@/features/accounts/AtRiskPage";
import { atRiskSearchDefaults, atRiskSearchSchema } from "@/features/accounts/search";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";
import { accountActions } from "./-actions";
import { accountTexts } from "./-texts";

// Each row's menu (a discount, …) is the other areas', composed here.
function AtRiskRoute() {
  return <AtRiskPage actions={accountActions} />;
}

export const Route = createFileRoute("/_app/accounts/at-risk")({
  validateSearch: atRiskSearchSchema,
  search: { middlewares: [stripSearchParams(atRiskSearchDefaults)] },
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.ACCOUNTS_READ),
  loader: () => loadTexts(...accountTexts),
  component: AtRiskRoute,
});
