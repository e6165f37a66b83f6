import { createFileRoute, stripSearchParams } from "@tanstack/react-router";
import { WebhookDetailPage } from "@/features/webhooks/WebhookDetailPage";
import { endpointSearchDefaults, endpointSearchSchema } from "@/features/webhooks/search";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

export const Route = createFileRoute("/_app/webhooks/$endpointId")({
  validateSearch: endpointSearchSchema,
  search: { middlewares: [stripSearchParams(endpointSearchDefaults)] },
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.WEBHOOKS_READ),
  loader: () => loadTexts("webhooks"),
  component: WebhookDetailPage,
});
