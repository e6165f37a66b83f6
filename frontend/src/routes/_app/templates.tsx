import { createFileRoute } from "@tanstack/react-router";
import { TemplatesPage } from "@/features/orders/TemplatesPage";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

export const Route = createFileRoute("/_app/templates")({
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.ORDERS_READ),
  loader: () => loadTexts("orders"),
  component: TemplatesPage,
});
