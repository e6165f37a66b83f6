import { useInfiniteQuery, useMutation, useQuery } from "@connectrpc/connect-query";
import { keepPreviousData } from "@tanstack/react-query";
import { AuditService } from "@leitstand/sdk/leitstand/admin/v1/audit_service_pb.js";
import { AuthService } from "@leitstand/sdk/leitstand/admin/v1/auth_service_pb.js";
import { PlatformRole } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import {
  DisabledFilter,
  MemberService,
} from "@leitstand/sdk/leitstand/admin/v1/member_service_pb.js";
import { OrganizationService } from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { useStepUpTransport } from "@/components/second-factor/StepUp";
import { useInvalidate } from "@/lib/queries";
import { memberSorts, parseRoles, type MembersSearch } from "../search";

const disabledFilter = {
  all: DisabledFilter.UNSPECIFIED,
  enabled: DisabledFilter.ENABLED_ONLY,
  disabled: DisabledFilter.DISABLED_ONLY,
} as const;

export function useMemberList(search: MembersSearch) {
  return useInfiniteQuery(
    MemberService.method.listMembers,
    {
      pageSize: 50,
      pageToken: "",
      filter: {
        query: search.q.trim(),
        platformRoles: parseRoles(search.role).map((r) => PlatformRole[r]),
        disabled: disabledFilter[search.state],
      },
      orderBy: memberSorts[search.sort],
    },
    {
      pageParamKey: "pageToken",
      getNextPageParam: (last) => last.nextPageToken || undefined,
      placeholderData: keepPreviousData,
    },
  );
}

export function useMember(id: string) {
  return useQuery(MemberService.method.getMember, { id }, { meta: { handlesErrors: true } });
}

// A change to a member shows in member lists, organizations' member lists, the
// audit log, and (a change to oneself) in the caller's own permissions.
function useInvalidateMembers() {
  return useInvalidate(MemberService, OrganizationService, AuditService, AuthService);
}

const meta = { handlesErrors: true } as const;

// Roles, permissions and second factors change only with the caller's
// second factor freshly confirmed: these mutations ask for a code when the
// server wants one, and are made again with it.

export function useSetPlatformRole() {
  const onSuccess = useInvalidateMembers();
  const transport = useStepUpTransport();
  return useMutation(MemberService.method.setPlatformRole, { meta, onSuccess, transport });
}
export function useResetSecondFactor() {
  const onSuccess = useInvalidateMembers();
  const transport = useStepUpTransport();
  return useMutation(MemberService.method.resetSecondFactor, { meta, onSuccess, transport });
}
export function useDisableMember() {
  const onSuccess = useInvalidateMembers();
  return useMutation(MemberService.method.disableMember, { meta, onSuccess });
}
export function useEnableMember() {
  const onSuccess = useInvalidateMembers();
  return useMutation(MemberService.method.enableMember, { meta, onSuccess });
}
export function useGrantPermission() {
  const onSuccess = useInvalidateMembers();
  const transport = useStepUpTransport();
  return useMutation(MemberService.method.grantPermission, { meta, onSuccess, transport });
}
export function useRevokePermission() {
  const onSuccess = useInvalidateMembers();
  const transport = useStepUpTransport();
  return useMutation(MemberService.method.revokePermission, { meta, onSuccess, transport });
}
