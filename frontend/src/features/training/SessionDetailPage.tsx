import { timestampDate } from "@bufbuild/protobuf/wkt";
import { Alert, Button, Group, Skeleton, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import {
  IconCalendarEvent,
  IconCalendarTime,
  IconCalendarX,
  IconChecks,
  IconUserPlus,
} from "@tabler/icons-react";
import { getRouteApi } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import {
  Attendance,
  RegistrationStatus,
  TrainingSessionStatus,
  type Registration,
  type TrainingSession,
} from "@leitstand/sdk/leitstand/admin/v1/training_service_pb.js";
import { ActionButton, RowActions } from "@/components/row-actions/RowActions";
import { AuditEventsButton } from "@/components/ui/AuditEventsButton";
import { CopyableId } from "@/components/ui/CopyButton";
import { DetailList } from "@/components/ui/DetailList";
import { DetailPageLoading, DetailPageMissing } from "@/components/ui/DetailPageStates";
import { PageHeader } from "@/components/ui/PageHeader";
import { ReasonModal } from "@/components/ui/ReasonModal";
import { Section } from "@/components/ui/Section";
import { Permission, usePermission } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { useCancelSession, useCompleteSession, useSession } from "./api/training";
import { CapacityBar } from "./components/CapacityBar";
import { Place } from "./components/Place";
import { RegisterAttendeeModal } from "./components/RegisterAttendeeModal";
import { Roster } from "./components/Roster";
import { RescheduleSessionModal } from "./components/SessionFormModal";
import { SessionStatusBadge } from "./components/TrainingBadges";

const route = getRouteApi("/_app/training/sessions/$sessionId");

export function SessionDetailPage() {
  const { t } = useI18n();
  const { sessionId } = route.useParams();
  const query = useSession(sessionId);
  const crumbs = [{ label: t("training.sessions.title"), to: "/training" as const }];

  if (query.isPending) {
    return (
      <DetailPageLoading crumbs={crumbs}>
        <Skeleton height={180} />
        <Skeleton height={260} />
      </DetailPageLoading>
    );
  }
  if (query.error) {
    return (
      <DetailPageMissing
        crumbs={crumbs}
        title={t("training.sessions.title")}
        error={query.error}
        onRetry={() => void query.refetch()}
        icon={<IconCalendarEvent size={22} />}
        notFound={t("training.session.notFound")}
      />
    );
  }
  return <SessionDetail session={query.data.session!} registrations={query.data.registrations} />;
}

/** SessionDetail is a session's page once it is loaded: its facts, its actions and its roster. */
function SessionDetail({
  session,
  registrations,
}: {
  session: TrainingSession;
  registrations: Registration[];
}) {
  const { t, formatDate, formatDateTime, formatTime, formatMoney, formatNumber, formatDuration } =
    useI18n();
  const canWrite = usePermission(Permission.TRAINING_WRITE);
  const [dialog, setDialog] = useState<"register" | "reschedule" | "cancel" | null>(null);
  const cancel = useCancelSession();
  const complete = useCompleteSession();
  const crumbs = [{ label: t("training.sessions.title"), to: "/training" as const }];
  const scheduled = session.status === TrainingSessionStatus.SCHEDULED;
  const start = session.startTime ? timestampDate(session.startTime) : undefined;
  const end = session.endTime ? timestampDate(session.endTime) : undefined;
  // Attendance is marked, and a session completed, from its start on.
  const started = useHasBegun(start);
  const confirmed = registrations.filter((r) => r.status === RegistrationStatus.CONFIRMED);
  const present = confirmed.filter((r) => r.attendance === Attendance.PRESENT).length;
  const when = start ? formatDateTime(start) : "—";

  return (
    <Stack gap="lg">
      <PageHeader
        breadcrumbs={crumbs}
        title={session.courseTitle}
        description={when}
        meta={<CopyableId id={session.id} />}
        badge={<SessionStatusBadge status={session.status} />}
        actions={
          <Group gap="sm">
            <AuditEventsButton targetId={session.id} />
            {canWrite && scheduled && (
              <>
                <Button
                  variant="default"
                  leftSection={<IconCalendarTime size={16} />}
                  onClick={() => setDialog("reschedule")}
                >
                  {t("training.session.rescheduleButton")}
                </Button>
                <ActionButton
                  variant="filled"
                  action={{
                    id: "complete",
                    label: t("training.session.complete"),
                    icon: <IconChecks size={16} />,
                    disabled: !started,
                    disabledReason: t("training.session.completeNotYet"),
                    title: t("training.session.completeTitle", { course: session.courseTitle }),
                    message: t("training.session.completeHint", {
                      present: formatNumber(present),
                      confirmed: formatNumber(confirmed.length),
                    }),
                    confirmLabel: t("training.session.complete"),
                    reason: "none",
                    run: async () => {
                      const res = await complete.mutateAsync({ id: session.id });
                      notifications.show({
                        color: "teal",
                        message: t("training.session.completed", {
                          count: res.granted.length,
                        }),
                      });
                    },
                  }}
                />
                <RowActions
                  variant="header"
                  label={session.courseTitle}
                  actions={[
                    {
                      id: "cancel",
                      label: t("training.session.cancel"),
                      icon: <IconCalendarX size={16} />,
                      color: "red",
                      onSelect: () => setDialog("cancel"),
                    },
                  ]}
                />
              </>
            )}
          </Group>
        }
      />
      {session.status === TrainingSessionStatus.CANCELLED && (
        <Alert color="gray" variant="light" title={t("training.session.cancelledNotice")}>
          {session.statusReason}
        </Alert>
      )}
      {scheduled && session.statusReason && (
        <Alert color="blue" variant="light" title={t("training.session.rescheduledNotice")}>
          {session.statusReason}
        </Alert>
      )}
      <Section title={t("training.session.overview")}>
        <DetailList
          cols={3}
          items={[
            {
              label: t("training.session.field.time"),
              value: (
                <span className="tabular-nums" data-testid="session-time">
                  {when}
                  {end &&
                    ` – ${start && formatDate(start) === formatDate(end) ? formatTime(end) : formatDateTime(end)}`}
                </span>
              ),
            },
            {
              label: t("training.session.field.place"),
              value: <Place onlineUrl={session.onlineUrl} location={session.location} />,
            },
            { label: t("training.session.field.trainer"), value: session.trainerName || "—" },
            {
              label: t("training.session.field.capacity"),
              value: (
                <CapacityBar
                  confirmed={session.confirmed}
                  capacity={session.capacity}
                  waitlisted={session.waitlisted}
                  width={220}
                />
              ),
            },
            {
              label: t("training.session.field.language"),
              value:
                session.language === "de" || session.language === "en"
                  ? t(`training.language.${session.language}`)
                  : session.language || "—",
            },
            {
              label: t("training.session.field.seatPrice"),
              value:
                session.seatPriceCents === 0n
                  ? t("training.course.free")
                  : formatMoney(session.seatPriceCents, session.currency || "EUR"),
            },
            {
              label: t("training.session.field.duration"),
              value: start && end ? formatDuration(end.getTime() - start.getTime()) : "—",
            },
            {
              label: t("training.session.field.licences"),
              value: <span data-testid="licences-granted">{formatNumber(session.licences)}</span>,
            },
          ]}
        />
      </Section>
      <Section
        title={t("training.roster.title")}
        padding={0}
        actions={
          canWrite &&
          scheduled && (
            <Button
              size="xs"
              leftSection={<IconUserPlus size={14} />}
              onClick={() => setDialog("register")}
            >
              {t("training.register.button")}
            </Button>
          )
        }
      >
        {scheduled && started && canWrite && (
          <Text fz="sm" c="dimmed" px="lg" pb="sm">
            {t("training.roster.markHint")}
          </Text>
        )}
        <Roster
          session={session}
          registrations={registrations}
          canWrite={canWrite}
          started={started}
        />
      </Section>
      <RegisterAttendeeModal
        opened={dialog === "register"}
        onClose={() => setDialog(null)}
        session={session}
      />
      <RescheduleSessionModal
        opened={dialog === "reschedule"}
        onClose={() => setDialog(null)}
        session={session}
      />
      <ReasonModal
        opened={dialog === "cancel"}
        onClose={() => setDialog(null)}
        title={t("training.session.cancelTitle", { course: session.courseTitle, when })}
        body={t("training.session.cancelHint", {
          count: session.confirmed + session.waitlisted,
        })}
        confirm={t("training.session.cancelConfirm")}
        color="red"
        onConfirm={async (reason) => {
          await cancel.mutateAsync({ id: session.id, reason });
          notifications.show({
            color: "teal",
            message: t("training.session.cancelled", { course: session.courseTitle }),
          });
        }}
      />
    </Stack>
  );
}

/**
 * useHasBegun says whether a moment has come, and turns true when it comes
 * while the page is open.
 */
function useHasBegun(moment: Date | undefined): boolean {
  const at = moment?.getTime();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (at === undefined || at <= now) return;
    // Timers hold at most about 24 days; a page open longer looks again then.
    const wait = Math.min(Math.max(0, at - Date.now()) + 250, 2_000_000_000);
    const timer = window.setTimeout(() => setNow(Date.now()), wait);
    return () => window.clearTimeout(timer);
  }, [at, now]);
  return at !== undefined && at <= now;
}
