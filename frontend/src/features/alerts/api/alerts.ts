import { useInfiniteQuery, useQuery } from "@connectrpc/connect-query";
import { keepPreviousData } from "@tanstack/react-query";
import { AlertService } from "@leitstand/sdk/leitstand/admin/v1/alert_service_pb.js";
import { AuditService } from "@leitstand/sdk/leitstand/admin/v1/audit_service_pb.js";
import { OrderService } from "@leitstand/sdk/leitstand/admin/v1/order_service_pb.js";
import { OrganizationService } from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { Permission, usePermission } from "@/lib/auth";
import { useChange } from "@/lib/queries";
import { parsePriorities, parseStatuses, type AlertsSearch } from "../search";
import { priorityValue, statusValue } from "../status";

export const alertsPageSize = 50;

/** The list request's filter of the URL's filters. */
export function alertsFilter(search: AlertsSearch) {
  return {
    organizationId: search.org,
    serviceInstanceId: search.service,
    statuses: parseStatuses(search.status).map(statusValue),
    priorities: parsePriorities(search.priority).map(priorityValue),
    labelId: search.label,
  };
}

/** The list request of the URL's filters: the page's list and its CSV export. */
export function listInput(search: AlertsSearch) {
  return { pageSize: alertsPageSize, pageToken: "", filter: alertsFilter(search) };
}

const paging = {
  pageParamKey: "pageToken",
  getNextPageParam: (last: { nextPageToken: string }) => last.nextPageToken || undefined,
} as const;

/** useAlertList pages through the queue, newest first, with the URL's filters. */
export function useAlertList(search: AlertsSearch) {
  return useInfiniteQuery(AlertService.method.listAlerts, listInput(search), {
    ...paging,
    placeholderData: keepPreviousData,
  });
}

/** useServiceAlerts is the newest alerts about one service instance. */
export function useServiceAlerts(serviceInstanceId: string, pageSize = 10) {
  return useQuery(AlertService.method.listAlerts, {
    pageSize,
    pageToken: "",
    filter: { serviceInstanceId },
  });
}

/** useLabels lists the labels in their order, retired ones last. */
export function useLabels() {
  return useQuery(AlertService.method.listAlertLabels, {});
}

/** The organizations for the filter; none without the permission to list them. */
export function useOrganizationChoices() {
  const canList = usePermission(Permission.ORGANIZATIONS_READ);
  return useQuery(
    OrganizationService.method.listOrganizations,
    { pageSize: 500, filter: {}, orderBy: "name" },
    { enabled: canList },
  );
}

/** A change to an alert shows in the queue and the audit log; one made into an order, in the orders. */
const alertChanges = [AlertService, OrderService, AuditService];

export function useAcknowledgeAlert() {
  return useChange(AlertService.method.acknowledgeAlert, alertChanges);
}

export function useResolveAlert() {
  return useChange(AlertService.method.resolveAlert, alertChanges);
}

export function useCreateOrderFromAlert() {
  return useChange(AlertService.method.createOrderFromAlert, alertChanges);
}

export function useCreateLabel() {
  return useChange(AlertService.method.createAlertLabel, alertChanges);
}

export function useRetireLabel() {
  return useChange(AlertService.method.retireAlertLabel, alertChanges);
}
