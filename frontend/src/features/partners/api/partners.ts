import { skipToken, useInfiniteQuery, useQuery } from "@connectrpc/connect-query";
import { AccountService } from "@leitstand/sdk/leitstand/admin/v1/account_service_pb.js";
import { AuditService } from "@leitstand/sdk/leitstand/admin/v1/audit_service_pb.js";
import { OrganizationService } from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { PartnerService } from "@leitstand/sdk/leitstand/admin/v1/partner_service_pb.js";
import { useChange } from "@/lib/queries";

export const ledgerPageSize = 100;

/** usePartners lists the partners by name (with the former ones when asked), each with its sums. */
export function usePartners(includeFormer: boolean, enabled = true) {
  return useQuery(PartnerService.method.listPartners, enabled ? { includeFormer } : skipToken);
}

/**
 * usePartner is one partner with its sums, from the list of all that are
 * or were partners (the API has no read of one); undefined when it is none.
 */
export function usePartner(partnerId: string) {
  return useQuery(
    PartnerService.method.listPartners,
    { includeFormer: true },
    { select: (r) => r.partners.find((p) => p.organizationId === partnerId) ?? null },
  );
}

/** useReferrals lists the organizations a partner referred, by name. */
export function useReferrals(partnerId: string) {
  return useQuery(PartnerService.method.listReferrals, { partnerId });
}

/** useLedger pages through a partner's ledger, the latest first. */
export function useLedger(partnerId: string) {
  return useInfiniteQuery(
    PartnerService.method.listReferralLedger,
    { partnerId, pageSize: ledgerPageSize, pageToken: "" },
    { pageParamKey: "pageToken", getNextPageParam: (last) => last.nextPageToken || undefined },
  );
}

/** useExternalLed lists the organizations a partner runs from outside, by name. */
export function useExternalLed(partnerId: string) {
  return useQuery(PartnerService.method.listExternalLedOrganizations, { partnerId });
}

/** A payout shows in the partner's ledger and sums, and in the audit log. */
export function useRecordPayout() {
  return useChange(PartnerService.method.recordPartnerPayout, [PartnerService, AuditService]);
}

/**
 * A partnership or a referral shows in the partners' lists, on the
 * accounts' rows (partner, referred by), on the organization, and in the
 * audit log.
 */
const partnershipChanges = [PartnerService, AccountService, OrganizationService, AuditService];

export function useSetPartner() {
  return useChange(PartnerService.method.setPartner, partnershipChanges);
}

export function useSetReferral() {
  return useChange(PartnerService.method.setReferral, partnershipChanges);
}
