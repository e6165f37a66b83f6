import { createFileRoute } from "@tanstack/react-router";
import { PaymentDetailPage } from "@/features/payments/PaymentDetailPage";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

export const Route = createFileRoute("/_app/payments/$paymentId")({
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.PAYMENTS_READ),
  loader: () => loadTexts("payments"),
  component: PaymentDetailPage,
});
