import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { useInfiniteQuery, useQuery } from "@connectrpc/connect-query";
import { keepPreviousData } from "@tanstack/react-query";
import { AuditOutcome, AuditService } from "@leitstand/sdk/leitstand/admin/v1/audit_service_pb.js";
import { MemberService } from "@leitstand/sdk/leitstand/admin/v1/member_service_pb.js";
import { localTime, SYSTEM_ACTOR, type AuditSearch } from "../search";

export function useAuditEvents(search: AuditSearch) {
  const start = localTime(search.from);
  const end = localTime(search.to);
  const system = search.actorId === SYSTEM_ACTOR;
  return useInfiniteQuery(
    AuditService.method.listAuditEvents,
    {
      pageSize: 50,
      pageToken: "",
      filter: {
        actorId: system ? "" : search.actorId.trim(),
        systemOnly: system,
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

/**
 * useAuditEvent reads one event by its id, for a link to it; idle without
 * an id. The drawer says in place when there is no such event.
 */
export function useAuditEvent(id: string) {
  return useQuery(
    AuditService.method.getAuditEvent,
    { id },
    { enabled: id !== "", meta: { handlesErrors: true } },
  );
}

/** useActorMatches lists the members whose name or e-mail contains query, for the actor picker. */
export function useActorMatches(query: string) {
  return useQuery(
    MemberService.method.listMembers,
    { pageSize: 20, filter: { query: query.trim() } },
    { placeholderData: keepPreviousData },
  );
}

/**
 * useActor reads the member an actor filter names, to show their name; idle
 * for none or the system.
 */
export function useActor(id: string) {
  return useQuery(
    MemberService.method.getMember,
    { id },
    // A link naming a member who is gone still filters by the id, shown as is.
    { enabled: id !== "" && id !== SYSTEM_ACTOR, meta: { handlesErrors: true } },
  );
}
