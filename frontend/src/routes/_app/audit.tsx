import { createFileRoute, stripSearchParams } from "@tanstack/react-router";
import { AuditLogPage } from "@/features/audit/AuditLogPage";
import { auditSearchDefaults, auditSearchSchema } from "@/features/audit/search";
import { requirePermission, Permission } from "@/lib/route-guards";

export const Route = createFileRoute("/_app/audit")({
  validateSearch: auditSearchSchema,
  search: { middlewares: [stripSearchParams(auditSearchDefaults)] },
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.AUDIT_READ),
  component: AuditLogPage,
});
