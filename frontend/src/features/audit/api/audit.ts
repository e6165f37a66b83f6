import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { useInfiniteQuery } from "@connectrpc/connect-query";
import { keepPreviousData } from "@tanstack/react-query";
import { AuditOutcome, AuditService } from "@leitstand/sdk/leitstand/admin/v1/audit_service_pb.js";
import { localTime, type AuditSearch } from "../search";

export function useAuditEvents(search: AuditSearch) {
  const start = localTime(search.from);
  const end = localTime(search.to);
  return useInfiniteQuery(
    AuditService.method.listAuditEvents,
    {
      pageSize: 50,
      pageToken: "",
      filter: {
        actorId: search.actorId.trim(),
        targetType: search.targetType.trim(),
        targetId: search.targetId.trim(),
        action: search.action.trim(),
        startTime: start ? timestampFromDate(start) : undefined,
        endTime: end ? timestampFromDate(end) : undefined,
        outcome: search.outcome ? AuditOutcome[search.outcome] : AuditOutcome.UNSPECIFIED,
      },
    },
    {
      pageParamKey: "pageToken",
      getNextPageParam: (last) => last.nextPageToken || undefined,
      placeholderData: keepPreviousData,
    },
  );
}
