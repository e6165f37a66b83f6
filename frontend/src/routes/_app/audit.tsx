import { createFileRoute, stripSearchParams } from "@tanstack/react-router";
import { AuditLogPage } from "@/features/audit/AuditLogPage";
import { auditSearchDefaults, auditSearchSchema } from "@/features/audit/search";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

export const Route = createFileRoute("/_app/audit")({
  validateSearch: auditSearchSchema,
  search: { middlewares: [stripSearchParams(auditSearchDefaults)] },
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.AUDIT_READ),
  // The event drawer names the fields of each kind of object it shows a change
  // of by the labels of that kind's form (components/audit/labels.ts).
  loader: () =>
    loadTexts(
      "audit",
      "auditLabels",
      "organizations",
      "catalog",
      "services",
      "infrastructure",
      "invoices",
      "payments",
      "training",
    ),
  component: AuditLogPage,
});
