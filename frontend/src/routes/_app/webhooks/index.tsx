import { createFileRoute } from "@tanstack/react-router";
import { WebhooksPage } from "@/features/webhooks/WebhooksPage";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

export const Route = createFileRoute("/_app/webhooks/")({
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.WEBHOOKS_READ),
  loader: () => loadTexts("webhooks"),
  component: WebhooksPage,
});
