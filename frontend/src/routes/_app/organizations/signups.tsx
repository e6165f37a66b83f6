import { createFileRoute, stripSearchParams } from "@tanstack/react-router";
import { SignUpsPage } from "@/features/resellers/SignUpsPage";
import { signUpsSearchDefaults, signUpsSearchSchema } from "@/features/resellers/search";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

export const Route = createFileRoute("/_app/organizations/signups")({
  validateSearch: signUpsSearchSchema,
  search: { middlewares: [stripSearchParams(signUpsSearchDefaults)] },
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.ORGANIZATIONS_READ),
  loader: () => loadTexts("resellers"),
  component: SignUpsPage,
});
