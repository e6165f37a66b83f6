import { useQuery } from "@connectrpc/connect-query";
import { AuditService } from "@leitstand/sdk/leitstand/admin/v1/audit_service_pb.js";
import { ViewService } from "@leitstand/sdk/leitstand/admin/v1/view_service_pb.js";
import { useChange } from "@/lib/queries";

/**
 * The list pages views are saved of (SavedViewFields.page): each list's
 * key, as the server knows them.
 */
export type SavedViewPage =
  | "organizations"
  | "signups"
  | "accounts"
  | "at_risk"
  | "upgrades"
  | "partners"
  | "invoices"
  | "payments"
  | "dunning"
  | "bank_statements"
  | "orders"
  | "templates"
  | "services"
  | "alerts"
  | "servers"
  | "connections"
  | "containers"
  | "members"
  | "audit"
  | "jobs"
  | "catalog"
  | "plans"
  | "webhooks"
  | "billing_entities"
  | "courses"
  | "sessions"
  | "licences"
  | "feedback"
  | "offers"
  | "images"
  | "usage_reports"
  | "wholesale";

/** useSavedViews lists the views of page the caller may apply, once `enabled` (the menu is open). */
export function useSavedViews(page: SavedViewPage, enabled: boolean) {
  return useQuery(ViewService.method.listSavedViews, { page }, { enabled });
}

const changes = [ViewService, AuditService];

export function useCreateSavedView() {
  return useChange(ViewService.method.createSavedView, changes);
}

export function useUpdateSavedView() {
  return useChange(ViewService.method.updateSavedView, changes);
}

export function useDeleteSavedView() {
  return useChange(ViewService.method.deleteSavedView, changes);
}
