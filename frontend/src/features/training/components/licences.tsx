import { IconCertificate, IconCertificateOff } from "@tabler/icons-react";
import { useMemo } from "react";
import type { Licence } from "@leitstand/sdk/leitstand/admin/v1/training_service_pb.js";
import { actionsColumn, type Column } from "@/components/data-table/DataTable";
import { RowLink } from "@/components/data-table/RowLink";
import { Truncated } from "@/components/data-table/Truncated";
import { RowActions, type RowAction } from "@/components/row-actions/RowActions";
import { Permission, usePermission } from "@/lib/auth";
import { formatCivilDate } from "@/lib/format";
import { useI18n, type I18n } from "@/lib/i18n/i18n";
import classes from "@/components/data-table/columns.module.css";
import { useCertificateDownload, useRevokeLicence } from "../api/training";
import { licenceStateName } from "../names";
import { LicenceStateBadge } from "./TrainingBadges";

/** The licences' columns; withOrganization: the list spans organizations. */
export function licenceColumns(i18n: I18n, withOrganization = true): Column<Licence>[] {
  const { t, locale } = i18n;
  const columns: Column<Licence>[] = [
    {
      id: "person",
      header: t("training.licence.col.person"),
      cell: (l) => (
        <div className={classes.name}>
          <Truncated>{l.name || l.email}</Truncated>
          {l.name && <Truncated className={classes.secondary}>{l.email}</Truncated>}
        </div>
      ),
    },
    {
      id: "organization",
      header: t("training.licence.col.organization"),
      hideOnMobile: true,
      cell: (l) => <Truncated>{l.organizationName}</Truncated>,
    },
    {
      id: "course",
      header: t("training.licence.col.course"),
      hideOnMobile: true,
      cell: (l) => (
        <RowLink to="/training/sessions/$sessionId" params={{ sessionId: l.sessionId }}>
          {l.courseTitle}
        </RowLink>
      ),
    },
    {
      id: "validFrom",
      header: t("training.licence.col.validFrom"),
      width: 120,
      hideOnMobile: true,
      cell: (l) => <span className="tabular-nums">{formatCivilDate(l.validFrom, locale)}</span>,
    },
    {
      id: "validUntil",
      header: t("training.licence.col.validUntil"),
      width: 120,
      cell: (l) => <span className="tabular-nums">{formatCivilDate(l.validUntil, locale)}</span>,
    },
    {
      id: "state",
      header: t("training.licence.col.state"),
      width: 130,
      keepOnMobile: true,
      cell: (l) => <LicenceStateBadge state={l.state} />,
    },
    actionsColumn((l) => <LicenceActions licence={l} />),
  ];
  return withOrganization ? columns : columns.filter((c) => c.id !== "organization");
}

/** useLicenceColumns are the licences' columns for the interface's language. */
export function useLicenceColumns(withOrganization = true) {
  const i18n = useI18n();
  return useMemo(() => licenceColumns(i18n, withOrganization), [i18n, withOrganization]);
}

/**
 * LicenceActions are a licence's row actions: its certificate in German or
 * English, and Revoke… (with a reason) for those who run trainings.
 */
function LicenceActions({ licence }: { licence: Licence }) {
  const { t } = useI18n();
  const canWrite = usePermission(Permission.TRAINING_WRITE);
  const download = useCertificateDownload();
  const revoke = useRevokeLicence();
  const revoked = licenceStateName(licence.state) === "REVOKED";
  const person = licence.name || licence.email;
  const certificate = (language: "de" | "en"): RowAction => ({
    id: `certificate-${language}`,
    label: t(`training.licence.certificate.${language}`),
    icon: <IconCertificate size={16} />,
    disabled: revoked,
    disabledReason: t("training.licence.revokedNoCertificate"),
    onSelect: () => {
      // A failure is announced as every failed read is (lib/query-client.ts).
      download(licence.id, language).catch(() => undefined);
    },
  });
  return (
    <RowActions
      label={t("training.licence.label", { name: person, course: licence.courseTitle })}
      actions={[
        certificate("de"),
        certificate("en"),
        {
          id: "revoke",
          label: t("training.licence.revoke"),
          icon: <IconCertificateOff size={16} />,
          color: "red",
          hidden: !canWrite || revoked,
          dividerBefore: true,
          title: t("training.licence.revokeTitle", { name: person, course: licence.courseTitle }),
          message: t("training.licence.revokeHint"),
          confirmLabel: t("training.licence.revokeConfirm"),
          danger: true,
          reason: "required",
          run: ({ reason }) => revoke.mutateAsync({ id: licence.id, reason }),
          successMessage: t("training.licence.revoked", { name: person }),
        },
      ]}
    />
  );
}
