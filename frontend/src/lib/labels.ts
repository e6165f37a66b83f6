import { Permission, PlatformRole } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import {
  EInvoiceFormat,
  OrganizationRole,
  OrganizationStatus,
} from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { AuditOutcome } from "@leitstand/sdk/leitstand/admin/v1/audit_service_pb.js";
import type { MessageKey } from "@/lib/i18n/i18n";

// The message keys of enum values, e.g. PlatformRole.OWNER -> "role.OWNER".
// Unknown values (a newer server) fall back to a generic text.

export function platformRoleKey(role: PlatformRole): MessageKey {
  const name = PlatformRole[role] as string | undefined;
  return (name && name !== "UNSPECIFIED" ? `role.${name}` : "role.UNSPECIFIED") as MessageKey;
}

export function permissionKey(permission: Permission): MessageKey {
  const name = Permission[permission] as string | undefined;
  return (
    name && name !== "UNSPECIFIED" ? `permission.${name}` : "permission.UNSPECIFIED"
  ) as MessageKey;
}

/** The one-line explanation of a permission, e.g. "permissionHelp.JOBS_TRIGGER". */
export function permissionHelpKey(permission: Permission): MessageKey {
  const name = Permission[permission] as string | undefined;
  return (
    name && name !== "UNSPECIFIED" ? `permissionHelp.${name}` : "permissionHelp.UNSPECIFIED"
  ) as MessageKey;
}

export function organizationStatusKey(status: OrganizationStatus): MessageKey {
  const name = OrganizationStatus[status] as string | undefined;
  return (name && name !== "UNSPECIFIED" ? `orgs.status.${name}` : "common.none") as MessageKey;
}

export function organizationRoleKey(role: OrganizationRole): MessageKey {
  const name = OrganizationRole[role] as string | undefined;
  return (name && name !== "UNSPECIFIED" ? `orgs.role.${name}` : "common.none") as MessageKey;
}

/** The text of an organization's e-invoice format; not set is ZUGFeRD, as on the server. */
export function eInvoiceFormatKey(format: EInvoiceFormat): MessageKey {
  const name = EInvoiceFormat[format] as string | undefined;
  return (
    name && name !== "UNSPECIFIED" ? `orgs.eInvoiceFormat.${name}` : "orgs.eInvoiceFormat.ZUGFERD"
  ) as MessageKey;
}

export function auditOutcomeKey(outcome: AuditOutcome): MessageKey {
  const name = AuditOutcome[outcome] as string | undefined;
  return (
    name && name !== "UNSPECIFIED" ? `audit.outcome.${name}` : "audit.outcome.SUCCEEDED"
  ) as MessageKey;
}

/** The defined values of a generated enum, without UNSPECIFIED (0). */
export function enumValues<E extends Record<string, string | number>>(e: E): E[keyof E][] {
  return Object.values(e).filter((v): v is E[keyof E] => typeof v === "number" && v !== 0);
}

export const platformRoles = enumValues(PlatformRole) as PlatformRole[];
export const permissions = enumValues(Permission) as Permission[];
export const organizationStatuses = enumValues(OrganizationStatus) as OrganizationStatus[];
export const organizationRoles = enumValues(OrganizationRole) as OrganizationRole[];
export const eInvoiceFormats = enumValues(EInvoiceFormat) as EInvoiceFormat[];

/** enumOptions are the choices of a select of enum values: the number as the value, its text as the label. */
export function enumOptions<V extends number>(
  values: readonly V[],
  key: (value: V) => MessageKey,
  t: (key: MessageKey) => string,
): { value: string; label: string }[] {
  return values.map((value) => ({ value: String(value), label: t(key(value)) }));
}
