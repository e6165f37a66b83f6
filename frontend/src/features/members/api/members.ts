import { useInfiniteQuery, useQuery } from "@connectrpc/connect-query";
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
import { useChange } from "@/lib/queries";
import { memberSorts, parseRoles, type MembersSearch } from "../search";

const disabledFilter = {
  all: DisabledFilter.UNSPECIFIED,
  enabled: DisabledFilter.ENABLED_ONLY,
  disabled: DisabledFilter.DISABLED_ONLY,
} as const;

/** The list request of the URL's filters: the page's list and its CSV export. */
export function memberListInput(search: MembersSearch) {
  return {
    pageSize: 50,
    pageToken: "",
    filter: {
      query: search.q.trim(),
      platformRoles: parseRoles(search.role).map((r) => PlatformRole[r]),
      disabled: disabledFilter[search.state],
    },
    orderBy: memberSorts[search.sort],
  };
}

export function useMemberList(search: MembersSearch) {
  return useInfiniteQuery(MemberService.method.listMembers, memberListInput(search), {
    pageParamKey: "pageToken",
    getNextPageParam: (last) => last.nextPageToken || undefined,
    placeholderData: keepPreviousData,
  });
}

export function useMember(id: string) {
  return useQuery(MemberService.method.getMember, { id }, { meta: { handlesErrors: true } });
}

// A change to a member shows in member lists, organizations' member lists, the
// audit log, and (a change to oneself) in the caller's own permissions.
const memberChanges = [MemberService, OrganizationService, AuditService, AuthService];

// Roles, permissions and second factors change only with the caller's
// second factor freshly confirmed: these mutations ask for a code when the
// server wants one, and are made again with it.

export function useSetPlatformRole() {
  return useChange(MemberService.method.setPlatformRole, memberChanges, useStepUpTransport());
}
export function useResetSecondFactor() {
  return useChange(MemberService.method.resetSecondFactor, memberChanges, useStepUpTransport());
}
export function useDisableMember() {
  return useChange(MemberService.method.disableMember, memberChanges);
}
export function useEnableMember() {
  return useChange(MemberService.method.enableMember, memberChanges);
}
export function useGrantPermission() {
  return useChange(MemberService.method.grantPermission, memberChanges, useStepUpTransport());
}
export function useRevokePermission() {
  return useChange(MemberService.method.revokePermission, memberChanges, useStepUpTransport());
}
