import { useMutation, useQuery } from "@connectrpc/connect-query";
import { AuditService } from "@leitstand/sdk/leitstand/admin/v1/audit_service_pb.js";
import { SettingsService } from "@leitstand/sdk/leitstand/admin/v1/settings_service_pb.js";
import { useInvalidate } from "@/lib/queries";

/** useSettings loads the settings and what invoices still lack. */
export function useSettings() {
  return useQuery(SettingsService.method.getSettings, {}, { meta: { handlesErrors: true } });
}

/** useUpdateSettings saves masked fields; the section's form shows its errors itself. */
export function useUpdateSettings() {
  const invalidate = useInvalidate(SettingsService, AuditService);
  return useMutation(SettingsService.method.updateSettings, {
    meta: { handlesErrors: true },
    onSuccess: invalidate,
  });
}
