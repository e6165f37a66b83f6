import { Button, Text, Group } from "@mantine/core";
import { IconPlus, IconWebhook } from "@tabler/icons-react";
import { useNavigate } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import type { WebhookEndpoint } from "@leitstand/sdk/leitstand/admin/v1/webhook_service_pb.js";
import { useBillingEntityChoices } from "@/lib/billing-entities";
import { DataTable, pagingProps, type Column } from "@/components/data-table/DataTable";
import { DateCell } from "@/components/data-table/TimeCells";
import { Truncated } from "@/components/data-table/Truncated";
import { EmptyState } from "@/components/ui/EmptyState";
import { PageHeader } from "@/components/ui/PageHeader";
import { Permission, usePermission } from "@/lib/auth";
import { useI18n, type I18n } from "@/lib/i18n/i18n";
import classes from "@/components/data-table/columns.module.css";
import { SavedViews } from "@/components/saved-views/SavedViews";
import { useEndpoints } from "./api/webhooks";
import { EnabledBadge, EventBadges } from "./components/badges";
import { EndpointFormModal } from "./components/EndpointFormModal";

/**
 * WebhooksPage lists the webhook endpoints the caller sees, with the events
 * each receives and whether it is paused; owners add endpoints here.
 */
export function WebhooksPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const navigate = useNavigate();
  const list = useEndpoints();
  const entities = useBillingEntityChoices();
  const canManage = usePermission(Permission.WEBHOOKS_MANAGE);
  const [creating, setCreating] = useState(false);
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.endpoints) ?? [], [list.data]);
  const total = list.data?.pages[0]?.totalSize;
  // Whose endpoint it is matters only to those who see several entities' endpoints.
  const entityNames = useMemo(
    () => (entities.length > 1 ? new Map(entities.map((e) => [e.id, e.name])) : undefined),
    [entities],
  );
  const columns = useMemo(() => endpointColumns(i18n, entityNames), [i18n, entityNames]);

  return (
    <>
      <PageHeader
        title={t("webhooks.title")}
        description={t("webhooks.description")}
        actions={
          canManage && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              {t("webhooks.new")}
            </Button>
          )
        }
      />
      <Group justify="flex-end" mb="sm">
        <SavedViews page="webhooks" />
      </Group>
      <DataTable
        view="webhooks"
        label={t("webhooks.title")}
        columns={columns}
        rows={rows}
        rowKey={(e) => e.id}
        {...pagingProps(list)}
        onRowClick={(e) =>
          void navigate({ to: "/webhooks/$endpointId", params: { endpointId: e.id } })
        }
        total={total}
        noun={{
          one: "webhooks.count.one",
          other: "webhooks.count.other",
          showing: "webhooks.count.showing",
        }}
        empty={
          <EmptyState
            icon={<IconWebhook size={22} />}
            title={t("webhooks.empty")}
            description={canManage ? t("webhooks.emptyHint") : undefined}
          />
        }
      />
      <EndpointFormModal opened={creating} onClose={() => setCreating(false)} entities={entities} />
    </>
  );
}

function endpointColumns(
  i18n: I18n,
  entityNames: Map<string, string> | undefined,
): Column<WebhookEndpoint>[] {
  const { t } = i18n;
  return [
    {
      id: "url",
      header: t("webhooks.col.url"),
      cell: (e) => (
        <div className={classes.name}>
          <Truncated>
            <Text span fz="sm" fw={600} ff="monospace">
              {e.url}
            </Text>
          </Truncated>
          {e.description && <Truncated className={classes.secondary}>{e.description}</Truncated>}
        </div>
      ),
    },
    ...(entityNames
      ? [
          {
            id: "billingEntity",
            header: t("webhooks.col.billingEntity"),
            width: 190,
            hideOnMobile: true,
            cell: (e: WebhookEndpoint) => (
              <Truncated>{entityNames.get(e.billingEntityId) ?? e.billingEntityId}</Truncated>
            ),
          },
        ]
      : []),
    {
      id: "events",
      header: t("webhooks.col.events"),
      width: 300,
      hideOnMobile: true,
      cell: (e) => <EventBadges types={e.eventTypes} max={3} />,
    },
    {
      id: "state",
      header: t("webhooks.col.state"),
      width: 120,
      keepOnMobile: true,
      cell: (e) => <EnabledBadge enabled={e.enabled} />,
    },
    {
      id: "created",
      header: t("webhooks.col.created"),
      width: 120,
      hideOnMobile: true,
      cell: (e) => <DateCell time={e.createTime} />,
    },
  ];
}
