import { Anchor, Stack, Text } from "@mantine/core";
import { IconBuildingCommunity } from "@tabler/icons-react";
import type { ExternalLedOrganization } from "@leitstand/sdk/leitstand/admin/v1/partner_service_pb.js";
import { DataTable, type Column } from "@/components/data-table/DataTable";
import { RowLink } from "@/components/data-table/RowLink";
import { EmptyState } from "@/components/ui/EmptyState";
import { useI18n, type I18n } from "@/lib/i18n/i18n";
import { useExternalLed } from "../api/partners";
import classes from "./Partners.module.css";

/**
 * PartnerExternalLed lists the organizations a partner runs from outside
 * (all their admins are its members too), with those admins and whether
 * it referred them as well.
 */
export function PartnerExternalLed({ partnerId, name }: { partnerId: string; name: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const list = useExternalLed(partnerId);
  return (
    <Stack gap="sm">
      <Text fz="sm" c="dimmed">
        {t("partners.external.hint")}
      </Text>
      <DataTable<ExternalLedOrganization>
        label={t("partners.external.label", { name })}
        columns={externalColumns(i18n)}
        rows={list.data?.organizations ?? []}
        rowKey={(o) => o.organizationId}
        loading={list.isPending}
        error={list.error}
        onRetry={() => void list.refetch()}
        noun={{
          one: "partners.external.count.one",
          other: "partners.external.count.other",
          showing: "partners.external.count.showing",
        }}
        empty={
          <EmptyState
            icon={<IconBuildingCommunity size={22} />}
            title={t("partners.external.empty")}
          />
        }
      />
    </Stack>
  );
}

/** contactParts reads "Name <e-mail>" into its name and address. */
function contactParts(contact: string): { name: string; email: string } {
  const m = /^(.*?)\s*<([^>]+)>\s*$/.exec(contact);
  return m ? { name: m[1] || m[2]!, email: m[2]! } : { name: contact, email: "" };
}

function externalColumns(i18n: I18n): Column<ExternalLedOrganization>[] {
  const { t } = i18n;
  return [
    {
      id: "organization",
      header: t("partners.external.col.organization"),
      width: 240,
      cell: (o) => (
        <RowLink to="/organizations/$organizationId" params={{ organizationId: o.organizationId }}>
          {o.organizationName || o.organizationId}
        </RowLink>
      ),
    },
    {
      id: "admins",
      header: t("partners.external.col.admins"),
      cell: (o) => (
        <Stack gap={0} className={classes.name}>
          {o.adminContacts.length === 0 && <Text c="dimmed">—</Text>}
          {o.adminContacts.map((contact) => {
            const { name, email } = contactParts(contact);
            return email ? (
              <Anchor key={contact} href={`mailto:${email}`} fz="sm" title={email} truncate>
                {name}
              </Anchor>
            ) : (
              <Text key={contact} fz="sm" truncate>
                {name}
              </Text>
            );
          })}
        </Stack>
      ),
    },
    {
      id: "referred",
      header: t("partners.external.col.referred"),
      width: 140,
      keepOnMobile: true,
      cell: (o) => (
        <Text fz="sm" c={o.referred ? undefined : "dimmed"} data-referred={o.referred}>
          {o.referred ? t("common.yes") : t("common.no")}
        </Text>
      ),
    },
  ];
}
