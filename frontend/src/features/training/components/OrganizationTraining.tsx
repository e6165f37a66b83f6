import { timestampDate } from "@bufbuild/protobuf/wkt";
import { Stack } from "@mantine/core";
import { IconCalendarEvent, IconCertificate, IconList } from "@tabler/icons-react";
import { useNavigate } from "@tanstack/react-router";
import { useMemo } from "react";
import type { SessionRegistration } from "@leitstand/sdk/leitstand/admin/v1/training_service_pb.js";
import { DataTable, pagingProps, type Column } from "@/components/data-table/DataTable";
import { ListEmptyState } from "@/components/data-table/ListFilters";
import { RowLink } from "@/components/data-table/RowLink";
import { Truncated } from "@/components/data-table/Truncated";
import { ButtonLink } from "@/components/ui/links";
import { Section } from "@/components/ui/Section";
import { useI18n, type I18n } from "@/lib/i18n/i18n";
import classes from "@/components/data-table/columns.module.css";
import { useLicenceList, useRegistrations } from "../api/training";
import { attendanceName } from "../names";
import { licencesSearchDefaults } from "../search";
import { useLicenceColumns } from "./licences";
import { RegistrationBadge, SessionStatusBadge } from "./TrainingBadges";

/**
 * OrganizationTraining is the Training tab of an organization's page: the
 * licences of its people, those expiring first, and their registrations,
 * those of the latest sessions first.
 */
export function OrganizationTraining({ organizationId }: { organizationId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const navigate = useNavigate();
  const licences = useLicenceList({ ...licencesSearchDefaults, org: organizationId });
  const registrations = useRegistrations(organizationId);
  const licenceRows = useMemo(
    () => licences.data?.pages.flatMap((p) => p.licences) ?? [],
    [licences.data],
  );
  const registrationRows = useMemo(
    () => registrations.data?.pages.flatMap((p) => p.registrations) ?? [],
    [registrations.data],
  );
  const licenceColumns = useLicenceColumns(false);
  const registrationColumns = useMemo(() => sessionRegistrationColumns(i18n), [i18n]);

  return (
    <Stack gap="lg">
      <Section
        title={t("training.licences.title")}
        padding={0}
        actions={
          <ButtonLink
            to="/training/licences"
            search={{ org: organizationId }}
            variant="default"
            size="xs"
            leftSection={<IconList size={14} />}
          >
            {t("training.licences.showInList")}
          </ButtonLink>
        }
      >
        <DataTable
          label={t("training.licences.title")}
          columns={licenceColumns}
          rows={licenceRows}
          rowKey={(l) => l.id}
          {...pagingProps(licences)}
          dense
          total={licences.data?.pages[0]?.totalSize}
          noun={{
            one: "training.licences.count.one",
            other: "training.licences.count.other",
            showing: "training.licences.count.showing",
          }}
          empty={
            <ListEmptyState
              icon={<IconCertificate size={22} />}
              filtered={false}
              title={t("training.organization.noLicences")}
              onClearFilters={() => undefined}
            />
          }
        />
      </Section>
      <Section title={t("training.organization.registrations")} padding={0}>
        <DataTable
          label={t("training.organization.registrations")}
          columns={registrationColumns}
          rows={registrationRows}
          rowKey={(r) => r.registration?.id ?? ""}
          {...pagingProps(registrations)}
          dense
          total={registrations.data?.pages[0]?.totalSize}
          noun={{
            one: "training.roster.count.one",
            other: "training.roster.count.other",
            showing: "training.roster.count.showing",
          }}
          onRowClick={(r) =>
            r.registration &&
            void navigate({
              to: "/training/sessions/$sessionId",
              params: { sessionId: r.registration.sessionId },
            })
          }
          empty={
            <ListEmptyState
              icon={<IconCalendarEvent size={22} />}
              filtered={false}
              title={t("training.organization.noRegistrations")}
              onClearFilters={() => undefined}
            />
          }
        />
      </Section>
    </Stack>
  );
}

function sessionRegistrationColumns(i18n: I18n): Column<SessionRegistration>[] {
  const { t, formatDateTime } = i18n;
  return [
    {
      id: "person",
      header: t("training.roster.col.name"),
      cell: (r) => (
        <div className={classes.name}>
          <Truncated>{r.registration?.name || r.registration?.email}</Truncated>
          {r.registration?.name && (
            <Truncated className={classes.secondary}>{r.registration.email}</Truncated>
          )}
        </div>
      ),
    },
    {
      id: "course",
      header: t("training.session.col.course"),
      hideOnMobile: true,
      cell: (r) => (
        <RowLink
          to="/training/sessions/$sessionId"
          params={{ sessionId: r.registration?.sessionId ?? "" }}
        >
          {r.courseTitle}
        </RowLink>
      ),
    },
    {
      id: "start",
      header: t("training.session.col.start"),
      width: 170,
      hideOnMobile: true,
      cell: (r) => (
        <span className="tabular-nums" style={{ whiteSpace: "nowrap" }}>
          {r.startTime ? formatDateTime(timestampDate(r.startTime)) : "—"}
        </span>
      ),
    },
    {
      id: "session",
      header: t("training.session.col.status"),
      width: 130,
      hideOnMobile: true,
      cell: (r) => <SessionStatusBadge status={r.sessionStatus} />,
    },
    {
      id: "registration",
      header: t("training.roster.col.status"),
      width: 200,
      keepOnMobile: true,
      cell: (r) => (r.registration ? <RegistrationBadge registration={r.registration} /> : null),
    },
    {
      id: "attendance",
      header: t("training.roster.col.attendance"),
      width: 110,
      hideOnMobile: true,
      cell: (r) => {
        const name = attendanceName(r.registration?.attendance ?? 0);
        return name === "UNSPECIFIED" ? (
          <span className={classes.dimmed}>—</span>
        ) : (
          t(`training.attendance.${name}`)
        );
      },
    },
  ];
}
