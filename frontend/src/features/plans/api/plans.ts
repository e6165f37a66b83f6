import { useInfiniteQuery, useQuery } from "@connectrpc/connect-query";
import { keepPreviousData } from "@tanstack/react-query";
import { AuditService } from "@leitstand/sdk/leitstand/admin/v1/audit_service_pb.js";
import { PlanService } from "@leitstand/sdk/leitstand/admin/v1/plan_service_pb.js";
import { useChange } from "@/lib/queries";
import type { PlansSearch } from "../search";

export const plansPageSize = 50;

/** The list request of the URL's state. */
export function listInput(search: PlansSearch) {
  return { pageSize: plansPageSize, pageToken: "", includeRetired: search.retired };
}

/** usePlans pages through the plans by rank, the retired ones too when asked for. */
export function usePlans(search: PlansSearch) {
  return useInfiniteQuery(PlanService.method.listPlans, listInput(search), {
    pageParamKey: "pageToken",
    getNextPageParam: (last) => last.nextPageToken || undefined,
    placeholderData: keepPreviousData,
  });
}

export function usePlan(id: string) {
  return useQuery(PlanService.method.getPlan, { id });
}

/** usePlanVersions lists a plan's versions, newest first. */
export function usePlanVersions(planId: string) {
  return useQuery(PlanService.method.listPlanVersions, { planId });
}

/** A change to a plan shows in its list, its page, its versions and the audit log. */
const planChanges = [PlanService, AuditService];

export function useCreatePlan() {
  return useChange(PlanService.method.createPlan, planChanges);
}

export function useUpdatePlan() {
  return useChange(PlanService.method.updatePlan, planChanges);
}

export function useRetirePlan() {
  return useChange(PlanService.method.retirePlan, planChanges);
}
