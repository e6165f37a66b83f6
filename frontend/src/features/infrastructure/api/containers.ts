import {
  createConnectQueryKey,
  skipToken,
  useInfiniteQuery,
  useMutation,
  useQuery,
} from "@connectrpc/connect-query";
import { keepPreviousData, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { AuditService } from "@leitstand/sdk/leitstand/admin/v1/audit_service_pb.js";
import {
  ContainerService,
  type Container,
  type ListContainersResponse,
} from "@leitstand/sdk/leitstand/admin/v1/container_service_pb.js";
import { ServerService } from "@leitstand/sdk/leitstand/admin/v1/server_service_pb.js";
import { useInvalidate } from "@/lib/queries";
import { parseList } from "@/lib/search";
import {
  containerHealthNames,
  containerHealthValue,
  containerStatusNames,
  containerStatusValue,
  rangeValue,
  type ContainerHealthName,
  type RangeName,
} from "../search";
import { refreshMs } from "./servers";

/** The filters of a container list (the containers page, or one server's). */
export interface ContainerListFilter {
  q: string;
  status: string;
  health: ContainerHealthName | "";
  server: string;
  gone: boolean;
}

/** The list request of the filters: the list and its CSV export. */
export function containerListInput(filter: ContainerListFilter) {
  return {
    pageSize: 50,
    pageToken: "",
    filter: {
      query: filter.q.trim(),
      statuses: parseList(filter.status, containerStatusNames).map(containerStatusValue),
      health: containerHealthValue(parseList(filter.health, containerHealthNames)[0] ?? ""),
      serverId: filter.server,
      includeGone: filter.gone,
    },
  };
}

export function useContainerList(filter: ContainerListFilter) {
  return useInfiniteQuery(ContainerService.method.listContainers, containerListInput(filter), {
    pageParamKey: "pageToken",
    getNextPageParam: (last) => last.nextPageToken || undefined,
    placeholderData: keepPreviousData,
    refetchInterval: refreshMs,
  });
}

export function useContainer(id: string) {
  return useQuery(ContainerService.method.getContainer, id ? { id } : skipToken, {
    meta: { handlesErrors: true },
  });
}

export function useContainerMetrics(containerId: string, range: RangeName) {
  return useQuery(
    ContainerService.method.getContainerMetrics,
    containerId ? { containerId, range: rangeValue(range) } : skipToken,
    { placeholderData: keepPreviousData, refetchInterval: refreshMs },
  );
}

/**
 * useShowContainer puts a container as the provider reported it after an
 * action into every cached list and detail at once, so its row shows the new
 * status before the lists are asked again.
 */
function useShowContainer() {
  const queryClient = useQueryClient();
  return (container: Container) => {
    queryClient.setQueriesData<InfiniteData<ListContainersResponse>>(
      {
        queryKey: createConnectQueryKey({
          schema: ContainerService.method.listContainers,
          cardinality: "infinite",
        }),
      },
      (data) =>
        data && {
          ...data,
          pages: data.pages.map((p) => ({
            ...p,
            containers: p.containers.map((c) => (c.id === container.id ? container : c)),
          })),
        },
    );
  };
}

/** After an action: show the returned container at once, then ask the lists again. */
function useAfterControl() {
  const show = useShowContainer();
  const invalidate = useInvalidate(ContainerService, ServerService, AuditService);
  return (response: { container?: Container }) => {
    if (response.container) show(response.container);
    return invalidate();
  };
}

// The dialog shows a refusal (FailedPrecondition) itself.
const meta = { handlesErrors: true } as const;

export function useStartContainer() {
  const onSuccess = useAfterControl();
  return useMutation(ContainerService.method.startContainer, { meta, onSuccess });
}

export function useStopContainer() {
  const onSuccess = useAfterControl();
  return useMutation(ContainerService.method.stopContainer, { meta, onSuccess });
}

export function useRestartContainer() {
  const onSuccess = useAfterControl();
  return useMutation(ContainerService.method.restartContainer, { meta, onSuccess });
}
