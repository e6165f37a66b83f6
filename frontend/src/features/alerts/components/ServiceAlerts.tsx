import { Group, Text } from "@mantine/core";
import { IconAlertTriangle, IconArrowRight } from "@tabler/icons-react";
import { useMemo } from "react";
import { DataTable } from "@/components/data-table/DataTable";
import { ListEmptyState } from "@/components/data-table/ListFilters";
import { Section } from "@/components/ui/Section";
import { AnchorLink } from "@/components/ui/links";
import { Permission, usePermission } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { useServiceAlerts } from "../api/alerts";
import { alertColumns } from "./columns";

const shown = 10;

/**
 * ServiceAlerts is the Alerts panel of a service's page: the newest alerts
 * customers reported about it, and a link to the queue filtered to it.
 * Nothing for those who may not read alerts.
 */
export function ServiceAlerts({ serviceInstanceId }: { serviceInstanceId: string }) {
  const canRead = usePermission(Permission.ALERTS_READ);
  if (!canRead) return null;
  return <ServiceAlertsPanel serviceInstanceId={serviceInstanceId} />;
}

function ServiceAlertsPanel({ serviceInstanceId }: { serviceInstanceId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const canReadOrders = usePermission(Permission.ORDERS_READ);
  const list = useServiceAlerts(serviceInstanceId, shown);
  const rows = list.data?.alerts ?? [];
  const total = list.data?.totalSize ?? 0;
  const columns = useMemo(
    () =>
      alertColumns(i18n, {
        withOrganization: false,
        withService: false,
        linkOrders: canReadOrders,
      }),
    [i18n, canReadOrders],
  );
  return (
    <Section
      title={t("alerts.service.title")}
      actions={
        <AnchorLink to="/alerts" search={{ service: serviceInstanceId }} fz="sm">
          <Group gap={4} wrap="nowrap">
            {t("alerts.service.all")}
            <IconArrowRight size={14} />
          </Group>
        </AnchorLink>
      }
    >
      <div data-testid="service-alerts">
        <DataTable
          label={t("alerts.service.title")}
          columns={columns}
          rows={rows}
          rowKey={(a) => a.id}
          loading={list.isPending}
          error={list.error}
          onRetry={() => void list.refetch()}
          dense
          empty={
            <ListEmptyState
              icon={<IconAlertTriangle size={22} />}
              filtered={false}
              title={t("alerts.service.empty")}
              onClearFilters={() => undefined}
            />
          }
        />
        {total > rows.length && (
          <Text fz="xs" c="dimmed" mt="xs">
            {t("alerts.service.showing", { shown: rows.length, total })}
          </Text>
        )}
      </div>
    </Section>
  );
}
