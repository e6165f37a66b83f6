import { createFileRoute, stripSearchParams } from "@tanstack/react-router";
import { AccountsPage } from "@/features/accounts/AccountsPage";
import { accountsSearchDefaults, accountsSearchSchema } from "@/features/accounts/search";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";
import { accountActions, workspaceActions } from "./-actions";
import { accountTexts } from "./-texts";

// Each row's menu (a discount, …) and each workspace's are the other areas', composed here.
function AccountsRoute() {
  return <AccountsPage actions={accountActions} workspaceActions={workspaceActions} />;
}

export const Route = createFileRoute("/_app/accounts/")({
  validateSearch: accountsSearchSchema,
  search: { middlewares: [stripSearchParams(accountsSearchDefaults)] },
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.ACCOUNTS_READ),
  loader: () => loadTexts(...accountTexts, "charts"),
  component: AccountsRoute,
});
