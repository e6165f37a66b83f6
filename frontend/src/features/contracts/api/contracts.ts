import { skipToken, useInfiniteQuery, useQuery } from "@connectrpc/connect-query";
import { AccountService } from "@leitstand/sdk/leitstand/admin/v1/account_service_pb.js";
import { AuditService } from "@leitstand/sdk/leitstand/admin/v1/audit_service_pb.js";
import {
  ContractService,
  type DiscountKind,
} from "@leitstand/sdk/leitstand/admin/v1/contract_service_pb.js";
import { InvoiceService } from "@leitstand/sdk/leitstand/admin/v1/invoice_service_pb.js";
import { OrganizationService } from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { PlanService } from "@leitstand/sdk/leitstand/admin/v1/plan_service_pb.js";
import { useLivePreview } from "@/lib/preview";
import { useChange } from "@/lib/queries";

export const contractsPageSize = 20;

/** useContract loads an organization's active contract and its scheduled transition. */
export function useContract(organizationId: string) {
  return useQuery(
    ContractService.method.getContract,
    { organizationId },
    { meta: { handlesErrors: true } },
  );
}

/** useContractHistory pages through an organization's contracts, the latest start first. */
export function useContractHistory(organizationId: string) {
  return useInfiniteQuery(
    ContractService.method.listContracts,
    { organizationId, pageSize: contractsPageSize, pageToken: "" },
    {
      pageParamKey: "pageToken",
      getNextPageParam: (last) => last.nextPageToken || undefined,
    },
  );
}

/** usePlans loads the plans an organization may move to (not retired), while enabled. */
export function usePlans(enabled: boolean) {
  return useQuery(PlanService.method.listPlans, enabled ? { pageSize: 500 } : skipToken);
}

/** useBillingDates loads an organization's next billing dates, the days a plan change may start on. */
export function useBillingDates(organizationId: string, enabled: boolean) {
  return useQuery(
    OrganizationService.method.listBillingDates,
    enabled ? { organizationId } : skipToken,
  );
}

/**
 * A change of a contract (its terms, a plan change, a discount) shows in
 * the contract, its history, the invoices it would issue (the previews),
 * the accounts' usage and billing rollup (MRR, next invoice) and the audit
 * log.
 */
const contractChanges = [ContractService, InvoiceService, AccountService, AuditService];

export function useSetCustomTerms() {
  return useChange(ContractService.method.setCustomTerms, contractChanges);
}

export function useScheduleTransition() {
  return useChange(ContractService.method.scheduleTransition, contractChanges);
}

/** A move to another plan (ScheduleTransitionRequest without preview). */
export interface TransitionRequest {
  organizationId: string;
  planId: string;
  /** The billing date it takes effect; "" for the next one. */
  startDate: string;
  reason: string;
}

/**
 * useTransitionPreview asks the server what a move to another plan would
 * do to the organization's next invoice and to its MRR from the move's day
 * (ScheduleTransition with preview: nothing is scheduled), once the inputs
 * rested; null asks nothing, nor does `paused`.
 */
export function useTransitionPreview(request: TransitionRequest | null, paused: boolean) {
  return useLivePreview(ContractService.method.scheduleTransition, request, paused);
}

export function useCancelTransition() {
  return useChange(ContractService.method.cancelTransition, contractChanges);
}

/** useDiscounts loads all of an organization's discounts, those in force today first. */
export function useDiscounts(organizationId: string) {
  return useQuery(ContractService.method.listDiscounts, { organizationId });
}

/** useWorkspaces loads an organization's workspaces (by name), the ones a discount may be for, while enabled. */
export function useWorkspaces(organizationId: string, enabled: boolean) {
  return useQuery(
    OrganizationService.method.listWorkspaces,
    enabled ? { organizationId, pageSize: 500 } : skipToken,
  );
}

export function useGrantDiscount() {
  return useChange(ContractService.method.grantDiscount, contractChanges);
}

/** A discount to grant, from today (GrantDiscountRequest without start and preview). */
export interface DiscountRequest {
  organizationId: string;
  workspaceId: string;
  kind: DiscountKind;
  name: string;
  basisPoints: number;
  endDate: string;
  reason: string;
}

/**
 * useDiscountPreview asks the server what a discount would do to the
 * account's next invoice and MRR (GrantDiscount with preview: nothing is
 * granted), once the inputs rested; null asks nothing, nor does `paused`.
 */
export function useDiscountPreview(request: DiscountRequest | null, paused: boolean) {
  return useLivePreview(ContractService.method.grantDiscount, request, paused);
}

export function useEndDiscount() {
  return useChange(ContractService.method.endDiscount, contractChanges);
}
