import { useInfiniteQuery, useQuery } from "@connectrpc/connect-query";
import { keepPreviousData } from "@tanstack/react-query";
import { AuditService } from "@leitstand/sdk/leitstand/admin/v1/audit_service_pb.js";
import {
  WebhookDeliveryStatus,
  WebhookService,
} from "@leitstand/sdk/leitstand/admin/v1/webhook_service_pb.js";
import { useChange } from "@/lib/queries";
import type { EndpointSearch } from "../search";

export const pageSize = 50;

const paging = {
  pageParamKey: "pageToken",
  getNextPageParam: (last: { nextPageToken: string }) => last.nextPageToken || undefined,
} as const;

// ---- endpoints -------------------------------------------------------------------

/** useEndpoints pages through the endpoints the caller sees, newest first. */
export function useEndpoints() {
  return useInfiniteQuery(
    WebhookService.method.listWebhookEndpoints,
    { pageSize, pageToken: "" },
    paging,
  );
}

export function useEndpoint(id: string) {
  return useQuery(WebhookService.method.getWebhookEndpoint, { id });
}

/** A change to an endpoint shows in its list, its page, its log and the audit log. */
const changes = [WebhookService, AuditService];

export function useCreateEndpoint() {
  return useChange(WebhookService.method.createWebhookEndpoint, changes);
}

export function useUpdateEndpoint() {
  return useChange(WebhookService.method.updateWebhookEndpoint, changes);
}

/**
 * useDeleteEndpoint deletes an endpoint; the caller refreshes the endpoints
 * once it has left the page of the deleted one (which would else be asked
 * for again, and be missing).
 */
export function useDeleteEndpoint() {
  return useChange(WebhookService.method.deleteWebhookEndpoint, [AuditService]);
}

export function useRotateSecret() {
  return useChange(WebhookService.method.rotateWebhookSecret, changes);
}

export function useSendTestEvent() {
  return useChange(WebhookService.method.sendTestEvent, changes);
}

// ---- deliveries ------------------------------------------------------------------

/** The log's request of the URL's filters. */
export function deliveriesInput(endpointId: string, search: EndpointSearch) {
  return {
    endpointId,
    pageSize,
    pageToken: "",
    status:
      search.status === ""
        ? WebhookDeliveryStatus.UNSPECIFIED
        : WebhookDeliveryStatus[search.status],
    eventType: search.event,
  };
}

/** useDeliveries pages through an endpoint's deliveries, newest first. */
export function useDeliveries(endpointId: string, search: EndpointSearch) {
  return useInfiniteQuery(
    WebhookService.method.listWebhookDeliveries,
    deliveriesInput(endpointId, search),
    { ...paging, placeholderData: keepPreviousData },
  );
}

/**
 * useDelivery reads one delivery by id, for a drawer opened by its address
 * when the loaded log does not hold it (an older page, another filter).
 */
export function useDelivery(id: string, enabled: boolean) {
  return useQuery(WebhookService.method.getWebhookDelivery, { id }, { enabled });
}

export function useReplayDelivery() {
  return useChange(WebhookService.method.replayWebhookDelivery, changes);
}
