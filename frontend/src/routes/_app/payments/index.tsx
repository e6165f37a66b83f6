import { createFileRoute, stripSearchParams } from "@tanstack/react-router";
import { PaymentsPage } from "@/features/payments/PaymentsPage";
import { paymentsSearchDefaults, paymentsSearchSchema } from "@/features/payments/search";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

export const Route = createFileRoute("/_app/payments/")({
  validateSearch: paymentsSearchSchema,
  search: { middlewares: [stripSearchParams(paymentsSearchDefaults)] },
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.PAYMENTS_READ),
  loader: () => loadTexts("payments"),
  component: PaymentsPage,
});
