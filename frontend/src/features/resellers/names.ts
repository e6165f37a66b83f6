import {
  BillingEntityKind,
  BillingEntityStatus,
} from "@leitstand/sdk/leitstand/admin/v1/billing_entity_service_pb.js";
import { BillingEntityCapability } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import { SignUpState } from "@leitstand/sdk/leitstand/admin/v1/signup_service_pb.js";

/** The capabilities a reseller may be granted, in the order of the contract. */
export const capabilities = [
  BillingEntityCapability.MANAGE_CUSTOMERS,
  BillingEntityCapability.ISSUE_INVOICES,
  BillingEntityCapability.SEE_USAGE_REPORTS,
] as const;

export type CapabilityName = "MANAGE_CUSTOMERS" | "ISSUE_INVOICES" | "SEE_USAGE_REPORTS";

/** capabilityName is a capability's name in the texts' keys. */
export function capabilityName(c: BillingEntityCapability): CapabilityName | "UNSPECIFIED" {
  const name = BillingEntityCapability[c] as string | undefined;
  return name === "MANAGE_CUSTOMERS" || name === "ISSUE_INVOICES" || name === "SEE_USAGE_REPORTS"
    ? name
    : "UNSPECIFIED";
}

export function kindName(k: BillingEntityKind): "LICENSEE" | "RESELLER" | "UNSPECIFIED" {
  return k === BillingEntityKind.LICENSEE
    ? "LICENSEE"
    : k === BillingEntityKind.RESELLER
      ? "RESELLER"
      : "UNSPECIFIED";
}

export function statusName(s: BillingEntityStatus): "ACTIVE" | "SUSPENDED" | "UNSPECIFIED" {
  return s === BillingEntityStatus.ACTIVE
    ? "ACTIVE"
    : s === BillingEntityStatus.SUSPENDED
      ? "SUSPENDED"
      : "UNSPECIFIED";
}

export function signUpStateName(
  s: SignUpState,
): "PENDING" | "APPROVED" | "REJECTED" | "UNSPECIFIED" {
  return s === SignUpState.PENDING
    ? "PENDING"
    : s === SignUpState.APPROVED
      ? "APPROVED"
      : s === SignUpState.REJECTED
        ? "REJECTED"
        : "UNSPECIFIED";
}
