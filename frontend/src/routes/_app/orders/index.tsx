import { createFileRoute, stripSearchParams } from "@tanstack/react-router";
import { OrdersPage } from "@/features/orders/OrdersPage";
import { ordersSearchDefaults, ordersSearchSchema } from "@/features/orders/search";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

export const Route = createFileRoute("/_app/orders/")({
  validateSearch: ordersSearchSchema,
  search: { middlewares: [stripSearchParams(ordersSearchDefaults)] },
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.ORDERS_READ),
  loader: () => loadTexts("orders"),
  component: OrdersPage,
});
