import { useInfiniteQuery, useQuery } from "@connectrpc/connect-query";
import { keepPreviousData } from "@tanstack/react-query";
import { AuditService } from "@leitstand/sdk/leitstand/admin/v1/audit_service_pb.js";
import { BillingEntityService } from "@leitstand/sdk/leitstand/admin/v1/billing_entity_service_pb.js";
import { OrganizationService } from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { SignUpService, SignUpState } from "@leitstand/sdk/leitstand/admin/v1/signup_service_pb.js";
import { useStepUpTransport } from "@/components/second-factor/StepUp";
import { Permission, useCaller, usePermission } from "@/lib/auth";
import { useChange } from "@/lib/queries";
import type { SignUpsSearch } from "../search";

export const pageSize = 50;

const paging = {
  pageParamKey: "pageToken",
  getNextPageParam: (last: { nextPageToken: string }) => last.nextPageToken || undefined,
} as const;

// ---- billing entities ----------------------------------------------------------

/** useBillingEntities lists the licensee and the resellers; a reseller's staff get their own entity. */
export function useBillingEntities() {
  return useQuery(BillingEntityService.method.listBillingEntities, {});
}

/** useBillingEntity is an entity with its staff. */
export function useBillingEntity(id: string) {
  return useQuery(BillingEntityService.method.getBillingEntity, { id });
}

/**
 * useManagesResellers says whether the caller may create and change
 * resellers: the licensee's staff with BILLING_ENTITIES_MANAGE. A
 * reseller's staff (the caller names their billing entity) hold the
 * permission by their role, but the server refuses them every change.
 */
export function useManagesResellers(): boolean {
  const canManage = usePermission(Permission.BILLING_ENTITIES_MANAGE);
  const caller = useCaller();
  return canManage && caller.billingEntityId === "";
}

/** A change to an entity shows in its list, its page, the queue and the audit log. */
const entityChanges = [BillingEntityService, SignUpService, AuditService];

export function useCreateBillingEntity() {
  return useChange(BillingEntityService.method.createBillingEntity, entityChanges);
}

export function useUpdateBillingEntity() {
  return useChange(BillingEntityService.method.updateBillingEntity, entityChanges);
}

export function useSuspendBillingEntity() {
  return useChange(BillingEntityService.method.suspendBillingEntity, entityChanges);
}

export function useResumeBillingEntity() {
  return useChange(BillingEntityService.method.resumeBillingEntity, entityChanges);
}

/**
 * useAddStaff adds a reseller's staff member; the server wants the
 * caller's second factor freshly confirmed and asks for a code when needed.
 */
export function useAddStaff() {
  return useChange(
    BillingEntityService.method.addBillingEntityStaff,
    entityChanges,
    useStepUpTransport(),
  );
}

// ---- sign-ups ------------------------------------------------------------------

/** The list request of the URL's filter. */
export function signUpsInput(search: SignUpsSearch) {
  return {
    pageSize,
    pageToken: "",
    state: search.state === "ALL" ? SignUpState.UNSPECIFIED : SignUpState[search.state],
  };
}

/** useSignUps pages through the queue: the oldest waiting first, decided ones newest first. */
export function useSignUps(search: SignUpsSearch) {
  return useInfiniteQuery(SignUpService.method.listSignUps, signUpsInput(search), {
    ...paging,
    placeholderData: keepPreviousData,
  });
}

/** A decision shows in the queue, the organizations, the entities' counts and the audit log. */
const decisionChanges = [SignUpService, OrganizationService, BillingEntityService, AuditService];

export function useApproveSignUp() {
  return useChange(SignUpService.method.approveSignUp, decisionChanges);
}

export function useRejectSignUp() {
  return useChange(SignUpService.method.rejectSignUp, decisionChanges);
}
