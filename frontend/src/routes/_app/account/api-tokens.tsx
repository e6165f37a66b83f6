import { createFileRoute } from "@tanstack/react-router";
import { ApiTokensPage } from "@/features/account/ApiTokensPage";
import { requirePermission, Permission } from "@/lib/route-guards";

export const Route = createFileRoute("/_app/account/api-tokens")({
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.API_TOKENS_MANAGE),
  component: ApiTokensPage,
});
