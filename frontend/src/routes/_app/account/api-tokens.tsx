import { createFileRoute } from "@tanstack/react-router";
import { ApiTokensPage } from "@/features/account/ApiTokensPage";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

export const Route = createFileRoute("/_app/account/api-tokens")({
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.API_TOKENS_MANAGE),
  loader: () => loadTexts("account"),
  component: ApiTokensPage,
});
