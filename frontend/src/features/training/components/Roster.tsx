import { Button, Group, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconCertificate, IconUsers, IconUserX } from "@tabler/icons-react";
import { useMemo } from "react";
import {
  Attendance,
  TrainingSessionStatus,
  type Registration,
  type TrainingSession,
} from "@leitstand/sdk/leitstand/admin/v1/training_service_pb.js";
import { actionsColumn, DataTable, type Column } from "@/components/data-table/DataTable";
import { Truncated } from "@/components/data-table/Truncated";
import { RowActions } from "@/components/row-actions/RowActions";
import { AnchorLink } from "@/components/ui/links";
import { useI18n } from "@/lib/i18n/i18n";
import classes from "@/components/data-table/columns.module.css";
import { useCancelRegistration, useMarkAttendance } from "../api/training";
import { attendanceName, registrationStatusName } from "../names";
import { RegistrationBadge } from "./TrainingBadges";

/**
 * Roster is a session's registrations as the server orders them: the
 * confirmed ones by name, then the waitlist in its order, then the
 * cancelled ones. Once the session has begun, each confirmed attendee is
 * marked present or absent; a registration is cancelled with a reason, and
 * the first one waiting moves up into a freed seat.
 */
export function Roster({
  session,
  registrations,
  canWrite,
  started,
}: {
  session: TrainingSession;
  registrations: Registration[];
  canWrite: boolean;
  started: boolean;
}) {
  const { t } = useI18n();
  const scheduled = session.status === TrainingSessionStatus.SCHEDULED;
  const columns = useRosterColumns({ session, canWrite, started, scheduled });
  return (
    <DataTable
      label={t("training.roster.title")}
      columns={columns}
      rows={registrations}
      rowKey={(r) => r.id}
      total={registrations.length}
      noun={{
        one: "training.roster.count.one",
        other: "training.roster.count.other",
        showing: "training.roster.count.showing",
      }}
      empty={
        <Group justify="center" p="xl" gap="xs">
          <IconUsers size={18} aria-hidden />
          <Text c="dimmed" fz="sm">
            {t("training.roster.empty")}
          </Text>
        </Group>
      }
    />
  );
}

function useRosterColumns({
  session,
  canWrite,
  started,
  scheduled,
}: {
  session: TrainingSession;
  canWrite: boolean;
  started: boolean;
  scheduled: boolean;
}): Column<Registration>[] {
  const { t } = useI18n();
  const cancel = useCancelRegistration();
  return useMemo(
    () => [
      {
        id: "name",
        header: t("training.roster.col.name"),
        cell: (r) => (
          <div className={classes.name} data-person={r.email}>
            <Truncated>
              <Text span fz="sm" fw={600}>
                {r.name || r.email}
              </Text>
            </Truncated>
            {r.name && <Truncated className={classes.secondary}>{r.email}</Truncated>}
          </div>
        ),
      },
      {
        id: "organization",
        header: t("training.roster.col.organization"),
        hideOnMobile: true,
        cell: (r) => <Truncated>{r.organizationName}</Truncated>,
      },
      {
        id: "status",
        header: t("training.roster.col.status"),
        width: 200,
        keepOnMobile: true,
        cell: (r) => <RegistrationBadge registration={r} />,
      },
      {
        id: "attendance",
        header: t("training.roster.col.attendance"),
        width: 200,
        hideOnMobile: true,
        cell: (r) => (
          <AttendanceCell
            registration={r}
            editable={
              canWrite &&
              started &&
              session.status !== TrainingSessionStatus.CANCELLED &&
              registrationStatusName(r.status) === "CONFIRMED"
            }
          />
        ),
      },
      {
        id: "licence",
        header: t("training.roster.col.licence"),
        width: 110,
        hideOnMobile: true,
        cell: (r) =>
          r.licenceId ? (
            <AnchorLink
              to="/training/licences"
              search={{ q: r.email, course: session.courseId }}
              fz="sm"
              data-licence={r.licenceId}
            >
              <Group gap={4} wrap="nowrap">
                <IconCertificate size={14} aria-hidden />
                {t("training.roster.licence")}
              </Group>
            </AnchorLink>
          ) : (
            <span className={classes.dimmed}>—</span>
          ),
      },
      actionsColumn((r) => {
        const person = r.name || r.email;
        return (
          <RowActions
            label={person}
            actions={[
              {
                id: "cancel",
                label: t("training.roster.cancel"),
                icon: <IconUserX size={16} />,
                color: "red",
                hidden: !canWrite || !scheduled || registrationStatusName(r.status) === "CANCELLED",
                title: t("training.roster.cancelTitle", { name: person }),
                message:
                  registrationStatusName(r.status) === "CONFIRMED"
                    ? t("training.roster.cancelHintConfirmed")
                    : t("training.roster.cancelHintWaitlisted"),
                confirmLabel: t("training.roster.cancelConfirm"),
                danger: true,
                reason: "required",
                run: async ({ reason }) => {
                  const res = await cancel.mutateAsync({ id: r.id, reason });
                  const moved = res.movedUp;
                  if (moved) {
                    notifications.show({
                      color: "teal",
                      message: t("training.roster.movedUp", { name: moved.name || moved.email }),
                    });
                  }
                },
                successMessage: t("training.roster.cancelled", { name: person }),
              },
            ]}
          />
        );
      }),
    ],
    [t, cancel, canWrite, started, scheduled, session.status, session.courseId],
  );
}

/** AttendanceCell marks a confirmed attendee present or absent, or shows the mark. */
function AttendanceCell({
  registration,
  editable,
}: {
  registration: Registration;
  editable: boolean;
}) {
  const { t } = useI18n();
  const mark = useMarkAttendance();
  const current = attendanceName(registration.attendance);
  if (!editable) {
    return current === "UNSPECIFIED" ? (
      <span className={classes.dimmed}>—</span>
    ) : (
      <Text span fz="sm" c={current === "PRESENT" ? "teal.7" : "red.7"} data-attendance={current}>
        {t(`training.attendance.${current}`)}
      </Text>
    );
  }
  const button = (value: Attendance.PRESENT | Attendance.ABSENT, name: "PRESENT" | "ABSENT") => (
    <Button
      size="compact-xs"
      variant={current === name ? "filled" : "default"}
      color={name === "PRESENT" ? "teal" : "red"}
      aria-pressed={current === name}
      loading={mark.isPending && mark.variables?.attendance === value}
      onClick={() => {
        if (current !== name) mark.mutate({ id: registration.id, attendance: value });
      }}
    >
      {t(`training.attendance.${name}`)}
    </Button>
  );
  return (
    <Group
      gap={6}
      wrap="nowrap"
      role="group"
      aria-label={t("training.roster.attendanceOf", {
        name: registration.name || registration.email,
      })}
      data-attendance={current}
    >
      {button(Attendance.PRESENT, "PRESENT")}
      {button(Attendance.ABSENT, "ABSENT")}
    </Group>
  );
}
