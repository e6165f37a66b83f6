import { createFileRoute } from "@tanstack/react-router";
import { BankStatementsPage } from "@/features/payments/BankStatementsPage";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

export const Route = createFileRoute("/_app/payments/bank")({
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.PAYMENTS_READ),
  loader: () => loadTexts("payments"),
  component: BankStatementsPage,
});
