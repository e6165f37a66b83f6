import { timestampDate } from "@bufbuild/protobuf/wkt";
import { IconUsersGroup } from "@tabler/icons-react";
import { OrganizationStatus } from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import type { Referral } from "@leitstand/sdk/leitstand/admin/v1/partner_service_pb.js";
import { DataTable, type Column } from "@/components/data-table/DataTable";
import { RowLink } from "@/components/data-table/RowLink";
import { OrganizationStatusBadge } from "@/components/ui/Badges";
import { EmptyState } from "@/components/ui/EmptyState";
import { useI18n, type I18n } from "@/lib/i18n/i18n";
import { useReferrals } from "../api/partners";
import classes from "./Partners.module.css";

/** PartnerReferrals lists the organizations a partner referred, by name, with what each earned it. */
export function PartnerReferrals({
  partnerId,
  name,
  currency,
}: {
  partnerId: string;
  name: string;
  currency: string;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const list = useReferrals(partnerId);
  return (
    <DataTable<Referral>
      label={t("partners.referrals.label", { name })}
      columns={referralColumns(i18n, currency)}
      rows={list.data?.referrals ?? []}
      rowKey={(r) => r.organizationId}
      loading={list.isPending}
      error={list.error}
      onRetry={() => void list.refetch()}
      noun={{
        one: "partners.referrals.count.one",
        other: "partners.referrals.count.other",
        showing: "partners.referrals.count.showing",
      }}
      empty={
        <EmptyState icon={<IconUsersGroup size={22} />} title={t("partners.referrals.empty")} />
      }
    />
  );
}

function referralColumns(i18n: I18n, currency: string): Column<Referral>[] {
  const { t, formatDate, formatMoney } = i18n;
  return [
    {
      id: "organization",
      header: t("partners.referrals.col.organization"),
      cell: (r) => (
        <RowLink to="/organizations/$organizationId" params={{ organizationId: r.organizationId }}>
          {r.organizationName || r.organizationId}
        </RowLink>
      ),
    },
    {
      id: "status",
      header: t("partners.referrals.col.status"),
      width: 140,
      hideOnMobile: true,
      cell: (r) => (
        <OrganizationStatusBadge
          status={
            OrganizationStatus[r.status as keyof typeof OrganizationStatus] ??
            OrganizationStatus.UNSPECIFIED
          }
        />
      ),
    },
    {
      id: "since",
      header: t("partners.referrals.col.since"),
      width: 150,
      hideOnMobile: true,
      cell: (r) => (
        <span className={classes.amount}>
          {r.referralTime ? formatDate(timestampDate(r.referralTime)) : "—"}
        </span>
      ),
    },
    {
      id: "earned",
      header: t("partners.referrals.col.earned"),
      width: 130,
      align: "right",
      keepOnMobile: true,
      cell: (r) => (
        <span className={classes.amount} data-amount="earned">
          {formatMoney(r.earnedCents, currency)}
        </span>
      ),
    },
  ];
}
