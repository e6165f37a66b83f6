import { createFileRoute } from "@tanstack/react-router";
import { OrderDetailPage } from "@/features/orders/OrderDetailPage";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

export const Route = createFileRoute("/_app/orders/$orderId")({
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.ORDERS_READ),
  loader: () => loadTexts("orders"),
  component: OrderDetailPage,
});
