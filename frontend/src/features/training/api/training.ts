import {
  createQueryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useTransport,
} from "@connectrpc/connect-query";
import { keepPreviousData, useQueryClient } from "@tanstack/react-query";
import { AuditService } from "@leitstand/sdk/leitstand/admin/v1/audit_service_pb.js";
import { PlatformRole } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import {
  DisabledFilter,
  MemberService,
} from "@leitstand/sdk/leitstand/admin/v1/member_service_pb.js";
import {
  OrganizationService,
  OrganizationStatus,
} from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import {
  LicenceState,
  TrainingService,
  TrainingSessionStatus,
} from "@leitstand/sdk/leitstand/admin/v1/training_service_pb.js";
import { Permission, usePermission } from "@/lib/auth";
import { useChange, useInvalidate } from "@/lib/queries";
import { saveFile } from "@/lib/save-file";
import type { CoursesSearch, LicencesSearch, SessionsSearch } from "../search";

export const pageSize = 50;

const paging = {
  pageParamKey: "pageToken",
  getNextPageParam: (last: { nextPageToken: string }) => last.nextPageToken || undefined,
} as const;

// ---- courses -------------------------------------------------------------------

/** useCourseList pages through the catalogue by title, the retired courses after the others when asked for. */
export function useCourseList(search: CoursesSearch) {
  return useInfiniteQuery(
    TrainingService.method.listCourses,
    { pageSize, pageToken: "", includeRetired: search.retired },
    { ...paging, placeholderData: keepPreviousData },
  );
}

/**
 * useCourseChoices lists the courses for the pickers (200, the most a page
 * holds): with the retired ones for a filter, without where a session is
 * scheduled.
 */
export function useCourseChoices(includeRetired: boolean) {
  return useQuery(TrainingService.method.listCourses, { pageSize: 200, includeRetired });
}

/** A change to the catalogue shows in its list, the pickers and the audit log. */
const trainingChanges = [TrainingService, AuditService];

export function useCreateCourse() {
  return useChange(TrainingService.method.createCourse, trainingChanges);
}

export function useUpdateCourse() {
  return useChange(TrainingService.method.updateCourse, trainingChanges);
}

export function useDeleteCourse() {
  return useChange(TrainingService.method.deleteCourse, trainingChanges);
}

// ---- sessions ------------------------------------------------------------------

/** The list request of the URL's filters: the upcoming sessions, or the past ones, the latest first. */
export function sessionsInput(search: SessionsSearch) {
  return {
    pageSize,
    pageToken: "",
    courseId: search.course,
    status: search.status
      ? TrainingSessionStatus[search.status]
      : TrainingSessionStatus.UNSPECIFIED,
    past: search.past,
  };
}

export function useSessionList(search: SessionsSearch) {
  return useInfiniteQuery(TrainingService.method.listTrainingSessions, sessionsInput(search), {
    ...paging,
    placeholderData: keepPreviousData,
  });
}

/** useSession is a session with its roster. */
export function useSession(id: string) {
  return useQuery(TrainingService.method.getTrainingSession, { id });
}

export function useScheduleSession() {
  return useChange(TrainingService.method.scheduleTrainingSession, trainingChanges);
}

export function useRescheduleSession() {
  return useChange(TrainingService.method.rescheduleTrainingSession, trainingChanges);
}

export function useCancelSession() {
  return useChange(TrainingService.method.cancelTrainingSession, trainingChanges);
}

export function useCompleteSession() {
  return useChange(TrainingService.method.completeTrainingSession, trainingChanges);
}

/**
 * useStaff lists who may hold a session (owners, operators, developers who
 * may sign in), for the trainer picker; none without the permission to
 * list members.
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

// ---- registrations -------------------------------------------------------------

export function useRegisterAttendee() {
  return useChange(TrainingService.method.registerAttendee, trainingChanges);
}

export function useCancelRegistration() {
  return useChange(TrainingService.method.cancelRegistration, trainingChanges);
}

/**
 * useMarkAttendance is the mutation behind a click on Present or Absent: a
 * refusal is announced as a notification (there is no form to show it).
 */
export function useMarkAttendance() {
  const onSuccess = useInvalidate(...trainingChanges);
  return useMutation(TrainingService.method.markAttendance, { onSuccess });
}

/** useRegistrations pages through an organization's registrations, those of the latest sessions first. */
export function useRegistrations(organizationId: string) {
  return useInfiniteQuery(
    TrainingService.method.listRegistrations,
    { organizationId, pageSize, pageToken: "" },
    paging,
  );
}

/**
 * useOrganizationChoices lists the organizations whose people may be
 * registered (not closed), for the picker.
 */
export function useOrganizationChoices(enabled = true) {
  const canList = usePermission(Permission.ORGANIZATIONS_READ);
  return useQuery(
    OrganizationService.method.listOrganizations,
    {
      pageSize: 500,
      filter: {
        statuses: [
          OrganizationStatus.ACTIVE,
          OrganizationStatus.PENDING_APPROVAL,
          OrganizationStatus.SUSPENDED,
        ],
      },
      orderBy: "name",
    },
    { enabled: canList && enabled },
  );
}

/** useAllOrganizations lists every organization by name, for the licences' filter. */
export function useAllOrganizations() {
  const canList = usePermission(Permission.ORGANIZATIONS_READ);
  return useQuery(
    OrganizationService.method.listOrganizations,
    { pageSize: 500, filter: {}, orderBy: "name" },
    { enabled: canList },
  );
}

/** useOrganizationMembers lists an organization's members (its users), none until one is chosen. */
export function useOrganizationMembers(organizationId: string) {
  return useQuery(
    OrganizationService.method.getOrganization,
    { id: organizationId },
    { enabled: organizationId !== "", select: (r) => r.members },
  );
}

// ---- licences ------------------------------------------------------------------

/** The list request of the URL's filters: the page's list and its CSV export. */
export function licencesInput(search: LicencesSearch) {
  return {
    pageSize,
    pageToken: "",
    organizationId: search.org,
    courseId: search.course,
    state: search.state ? LicenceState[search.state] : LicenceState.UNSPECIFIED,
    person: search.q.trim(),
  };
}

/** useLicenceList pages through the licences with the URL's filters, those expiring first. */
export function useLicenceList(search: LicencesSearch) {
  return useInfiniteQuery(TrainingService.method.listLicences, licencesInput(search), {
    ...paging,
    placeholderData: keepPreviousData,
  });
}

export function useRevokeLicence() {
  return useChange(TrainingService.method.revokeLicence, trainingChanges);
}

/**
 * useCertificateDownload returns a function that renders a licence's
 * certificate in a language and saves it under the API's file name. A
 * failure is announced as every failed read is; the promise rejects with it.
 */
export function useCertificateDownload() {
  const transport = useTransport();
  const queryClient = useQueryClient();
  return async (id: string, language: "de" | "en") => {
    const pdf = await queryClient.fetchQuery({
      ...createQueryOptions(
        TrainingService.method.getCertificatePdf,
        { id, language },
        { transport },
      ),
      // A revoked licence has no certificate any more: ask each time.
      staleTime: 0,
    });
    saveFile(pdf.content, pdf.fileName || `${id}-${language}.pdf`, "application/pdf");
  };
}
