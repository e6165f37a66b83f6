import type { DescMessage, DescMethodUnary, DescService } from "@bufbuild/protobuf";
import { useInfiniteQuery, useMutation, useQuery } from "@connectrpc/connect-query";
import { keepPreviousData } from "@tanstack/react-query";
import { AuditService } from "@leitstand/sdk/leitstand/admin/v1/audit_service_pb.js";
import { PlatformRole } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import {
  DisabledFilter,
  MemberService,
} from "@leitstand/sdk/leitstand/admin/v1/member_service_pb.js";
import { OrderService } from "@leitstand/sdk/leitstand/admin/v1/order_service_pb.js";
import {
  OrganizationService,
  OrganizationStatus,
} from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { ProcessTemplateService } from "@leitstand/sdk/leitstand/admin/v1/process_template_service_pb.js";
import { ServiceInstanceService } from "@leitstand/sdk/leitstand/admin/v1/service_instance_service_pb.js";
import { Permission, usePermission } from "@/lib/auth";
import { useChange, useInvalidate } from "@/lib/queries";
import type { KindName, PriorityName } from "../names";
import { orderSorts, parseStatuses, unassigned, type OrdersSearch } from "../search";
import { kindValue, priorityValue, statusValue } from "../status";

export const ordersPageSize = 50;

/** The list request's filter of the URL's filters. */
export function ordersFilter(search: OrdersSearch) {
  return {
    query: search.q.trim(),
    organizationId: search.org,
    assigneeId: search.assignee === unassigned ? "" : search.assignee,
    unassigned: search.assignee === unassigned,
    statuses: parseStatuses(search.status).map(statusValue),
    kinds: search.kind ? [kindValue(search.kind as KindName)] : [],
    priorities: search.priority ? [priorityValue(search.priority as PriorityName)] : [],
    overdue: search.overdue,
  };
}

/** The list request of the URL's filters: the page's list and its CSV export. */
export function listInput(search: OrdersSearch) {
  return {
    pageSize: ordersPageSize,
    pageToken: "",
    filter: ordersFilter(search),
    orderBy: orderSorts[search.sort],
  };
}

const paging = {
  pageParamKey: "pageToken",
  getNextPageParam: (last: { nextPageToken: string }) => last.nextPageToken || undefined,
} as const;

/** useOrderList pages through the orders with the URL's filters (server-side). */
export function useOrderList(search: OrdersSearch) {
  return useInfiniteQuery(OrderService.method.listOrders, listInput(search), {
    ...paging,
    placeholderData: keepPreviousData,
  });
}

/** useOrganizationOrders pages through one organization's orders, newest first. */
export function useOrganizationOrders(organizationId: string) {
  return useInfiniteQuery(
    OrderService.method.listOrders,
    {
      pageSize: ordersPageSize,
      pageToken: "",
      filter: { organizationId },
      orderBy: orderSorts.created_desc,
    },
    paging,
  );
}

export function useOrder(id: string) {
  return useQuery(OrderService.method.getOrder, { id });
}

/** useComments pages through an order's comments, oldest first. */
export function useComments(orderId: string) {
  return useInfiniteQuery(
    OrderService.method.listOrderComments,
    { orderId, pageSize: 50, pageToken: "" },
    paging,
  );
}

/**
 * useStaff lists the staff an order may be assigned to (owners, operators,
 * developers who may sign in), for the assignee pickers; none without the
 * permission to list members.
 */
export function useStaff() {
  const canList = usePermission(Permission.MEMBERS_READ);
  return useQuery(
    MemberService.method.listMembers,
    {
      pageSize: 500,
      filter: {
        platformRoles: [PlatformRole.OWNER, PlatformRole.OPERATOR, PlatformRole.DEVELOPER],
        disabled: DisabledFilter.ENABLED_ONLY,
      },
      orderBy: "email",
    },
    { enabled: canList },
  );
}

/**
 * useOrganizationChoices lists the organizations for the pickers: open
 * ones only where an order is opened (a closed organization takes none);
 * nothing while not wanted (the organization is given).
 */
export function useOrganizationChoices(openOnly: boolean, wanted = true) {
  const canList = usePermission(Permission.ORGANIZATIONS_READ);
  return useQuery(
    OrganizationService.method.listOrganizations,
    {
      pageSize: 500,
      filter: openOnly
        ? {
            statuses: [
              OrganizationStatus.ACTIVE,
              OrganizationStatus.PENDING_APPROVAL,
              OrganizationStatus.SUSPENDED,
            ],
          }
        : {},
      orderBy: "name",
    },
    { enabled: canList && wanted },
  );
}

/** The workspaces and services of an organization an order may be about. */
export function useOrderSubjects(organizationId: string) {
  const canListServices = usePermission(Permission.SERVICES_READ);
  const workspaces = useQuery(
    OrganizationService.method.listWorkspaces,
    { organizationId, pageSize: 500 },
    { enabled: organizationId !== "" },
  );
  const services = useQuery(
    ServiceInstanceService.method.listServiceInstances,
    { pageSize: 500, filter: { organizationId }, orderBy: "name" },
    { enabled: organizationId !== "" && canListServices },
  );
  return { workspaces, services };
}

/** A change to an order shows in the lists, its page and the audit log. */
const orderChanges = [OrderService, AuditService];

export function useCreateOrder() {
  return useChange(OrderService.method.createOrder, orderChanges);
}

export function useUpdateOrder() {
  return useChange(OrderService.method.updateOrder, orderChanges);
}

export function useSetOrderStatus() {
  return useChange(OrderService.method.setOrderStatus, orderChanges);
}

export function useAddComment() {
  return useChange(OrderService.method.addOrderComment, orderChanges);
}

/**
 * useAction is the mutation behind a click (a tick, the timer): a refusal of
 * the server is announced as a notification, and once it succeeded every
 * query of the services it changes is marked stale.
 */
function useAction<I extends DescMessage, O extends DescMessage>(
  method: DescMethodUnary<I, O>,
  changes: readonly DescService[],
) {
  const onSuccess = useInvalidate(...changes);
  return useMutation(method, { onSuccess });
}

// ---- processes ----------------------------------------------------------------

/** useProcesses lists an order's processes with their steps, in the order they were added. */
export function useProcesses(orderId: string) {
  return useQuery(OrderService.method.listOrderProcesses, { orderId });
}

/** useProcessTemplates lists the templates by name. */
export function useProcessTemplates(enabled = true) {
  return useQuery(ProcessTemplateService.method.listProcessTemplates, {}, { enabled });
}

export function useAddProcess() {
  return useChange(OrderService.method.addOrderProcess, orderChanges);
}

export function useRemoveProcess() {
  return useChange(OrderService.method.removeOrderProcess, orderChanges);
}

export function useSetProcessStep() {
  return useAction(OrderService.method.setProcessStep, orderChanges);
}

const templateChanges = [ProcessTemplateService, AuditService];

export function useCreateTemplate() {
  return useChange(ProcessTemplateService.method.createProcessTemplate, templateChanges);
}

export function useUpdateTemplate() {
  return useChange(ProcessTemplateService.method.updateProcessTemplate, templateChanges);
}

export function useDeleteTemplate() {
  return useChange(ProcessTemplateService.method.deleteProcessTemplate, templateChanges);
}

// ---- time ------------------------------------------------------------------------

/** useTimeEntries pages through the time recorded on an order, newest day first. */
export function useTimeEntries(orderId: string) {
  return useInfiniteQuery(
    OrderService.method.listTimeEntries,
    { orderId, organizationId: "", pageSize: 100, pageToken: "" },
    paging,
  );
}

/** useUnbilledTime sums an organization's billable time not yet invoiced, per order. */
export function useUnbilledTime(organizationId: string) {
  return useQuery(OrderService.method.getUnbilledTime, { organizationId });
}

export function useCreateTimeEntry() {
  return useChange(OrderService.method.createTimeEntry, orderChanges);
}

export function useUpdateTimeEntry() {
  return useChange(OrderService.method.updateTimeEntry, orderChanges);
}

export function useDeleteTimeEntry() {
  return useChange(OrderService.method.deleteTimeEntry, orderChanges);
}

export function useStartTimer() {
  return useAction(OrderService.method.startTimer, orderChanges);
}

export function useStopTimer() {
  return useAction(OrderService.method.stopTimer, orderChanges);
}
