import { timestampDate } from "@bufbuild/protobuf/wkt";
import { Alert, Button, Group, Skeleton, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import {
  IconKey,
  IconLock,
  IconPencil,
  IconPlayerPause,
  IconPlayerPlay,
  IconSend,
  IconTrash,
  IconWebhook,
} from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import {
  WebhookService,
  type WebhookEndpoint,
} from "@leitstand/sdk/leitstand/admin/v1/webhook_service_pb.js";
import { useBillingEntityChoices } from "@/lib/billing-entities";
import { RowActions } from "@/components/row-actions/RowActions";
import { AuditEventsButton } from "@/components/ui/AuditEventsButton";
import { CopyableId, CopyableText } from "@/components/ui/CopyButton";
import { DetailList } from "@/components/ui/DetailList";
import { DetailPageLoading, DetailPageMissing } from "@/components/ui/DetailPageStates";
import { PageHeader } from "@/components/ui/PageHeader";
import { Section } from "@/components/ui/Section";
import { Permission, usePermission } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { useInvalidate } from "@/lib/queries";
import {
  useDeleteEndpoint,
  useEndpoint,
  useSendTestEvent,
  useUpdateEndpoint,
} from "./api/webhooks";
import { EnabledBadge, EventBadges } from "./components/badges";
import { DeliveryLog, notifyDelivery } from "./components/DeliveryLog";
import { EndpointFormModal } from "./components/EndpointFormModal";
import { RotateSecretModal } from "./components/RotateSecretModal";
import type { EndpointSearch } from "./search";

const route = getRouteApi("/_app/webhooks/$endpointId");

/**
 * WebhookDetailPage is an endpoint's page: what it receives, Edit, Pause
 * and Resume, Rotate secret, Send test event and Delete for owners, and its
 * delivery log below.
 */
export function WebhookDetailPage() {
  const { t } = useI18n();
  const { endpointId } = route.useParams();
  const query = useEndpoint(endpointId);
  const crumbs = [{ label: t("webhooks.title"), to: "/webhooks" as const }];

  if (query.isPending) {
    return (
      <DetailPageLoading crumbs={crumbs}>
        <Skeleton height={36} width={360} />
        <Skeleton height={200} />
        <Skeleton height={260} />
      </DetailPageLoading>
    );
  }
  if (query.error) {
    return (
      <DetailPageMissing
        crumbs={crumbs}
        title={t("webhooks.title")}
        error={query.error}
        onRetry={() => void query.refetch()}
        icon={<IconWebhook size={22} />}
        notFound={t("webhooks.notFound")}
      />
    );
  }
  return <EndpointDetail endpoint={query.data.endpoint!} />;
}

function EndpointDetail({ endpoint }: { endpoint: WebhookEndpoint }) {
  const i18n = useI18n();
  const { t, formatDateTime } = i18n;
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/webhooks/$endpointId" });
  const canManage = usePermission(Permission.WEBHOOKS_MANAGE);
  const entities = useBillingEntityChoices();
  const [dialog, setDialog] = useState<"edit" | "rotate" | null>(null);
  const update = useUpdateEndpoint();
  const sendTest = useSendTestEvent();
  const remove = useDeleteEndpoint();
  const refreshEndpoints = useInvalidate(WebhookService);
  const crumbs = [{ label: t("webhooks.title"), to: "/webhooks" as const }];
  const entityName = entities.find((e) => e.id === endpoint.billingEntityId)?.name;

  const setSearch = (patch: Partial<EndpointSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  const setEnabled = async (enabled: boolean) => {
    try {
      await update.mutateAsync({
        id: endpoint.id,
        endpoint: { enabled, eventTypes: [] },
        updateMask: { paths: ["enabled"] },
      });
      notifications.show({
        color: "teal",
        message: enabled ? t("webhooks.resumedDone") : t("webhooks.pausedDone"),
      });
    } catch {
      // The shared handler shows the refusal.
    }
  };

  const test = async () => {
    try {
      const res = await sendTest.mutateAsync({ id: endpoint.id });
      notifyDelivery(t, res.delivery);
    } catch {
      // The shared handler shows the refusal.
    }
  };

  return (
    <>
      <PageHeader
        breadcrumbs={crumbs}
        title={endpoint.description || endpoint.url}
        meta={<CopyableId id={endpoint.id} />}
        badge={<EnabledBadge enabled={endpoint.enabled} />}
        actions={
          <Group gap="sm">
            <AuditEventsButton targetId={endpoint.id} />
            {canManage && (
              <>
                <Button
                  variant="default"
                  leftSection={<IconSend size={16} />}
                  loading={sendTest.isPending}
                  disabled={!endpoint.enabled}
                  onClick={() => void test()}
                >
                  {t("webhooks.sendTest")}
                </Button>
                <Button
                  variant="default"
                  leftSection={
                    endpoint.enabled ? <IconPlayerPause size={16} /> : <IconPlayerPlay size={16} />
                  }
                  loading={update.isPending}
                  onClick={() => void setEnabled(!endpoint.enabled)}
                >
                  {endpoint.enabled ? t("webhooks.pause") : t("webhooks.resume")}
                </Button>
                <Button leftSection={<IconPencil size={16} />} onClick={() => setDialog("edit")}>
                  {t("webhooks.edit")}
                </Button>
                <RowActions
                  variant="header"
                  label={endpoint.url}
                  actions={[
                    {
                      id: "rotate",
                      label: t("webhooks.rotate"),
                      icon: <IconKey size={16} />,
                      onSelect: () => setDialog("rotate"),
                    },
                    {
                      id: "delete",
                      label: t("webhooks.delete"),
                      icon: <IconTrash size={16} />,
                      color: "red",
                      dividerBefore: true,
                      title: t("webhooks.deleteTitle"),
                      message: t("webhooks.deleteMessage", { url: endpoint.url }),
                      confirmLabel: t("webhooks.deleteConfirm"),
                      danger: true,
                      reason: "none",
                      run: async () => {
                        await remove.mutateAsync({ id: endpoint.id });
                        await navigate({ to: "/webhooks" });
                        void refreshEndpoints();
                      },
                      successMessage: t("webhooks.deleted"),
                    },
                  ]}
                />
              </>
            )}
          </Group>
        }
      />
      {!endpoint.enabled && (
        <Alert color="gray" variant="light" icon={<IconPlayerPause size={18} />} mb="lg">
          {t("webhooks.pausedNotice")}
        </Alert>
      )}
      {!canManage && (
        <Alert color="gray" variant="light" icon={<IconLock size={18} />} mb="lg">
          {t("webhooks.readOnly")}
        </Alert>
      )}
      <Stack gap="xl">
        <Section title={t("webhooks.overview")}>
          <DetailList
            cols={3}
            items={[
              {
                label: t("webhooks.field.url"),
                value: (
                  <CopyableText value={endpoint.url} label={t("webhooks.field.url")}>
                    <Text fz="sm" ff="monospace" style={{ wordBreak: "break-all" }}>
                      {endpoint.url}
                    </Text>
                  </CopyableText>
                ),
              },
              { label: t("webhooks.field.description"), value: endpoint.description || "—" },
              ...(entities.length > 1
                ? [
                    {
                      label: t("webhooks.field.billingEntity"),
                      value: entityName ?? endpoint.billingEntityId,
                    },
                  ]
                : []),
              {
                label: t("webhooks.field.events"),
                value: <EventBadges types={endpoint.eventTypes} />,
              },
              {
                label: t("webhooks.field.secret"),
                value: endpoint.previousSecretExpireTime
                  ? t("webhooks.previousSecret", {
                      time: formatDateTime(timestampDate(endpoint.previousSecretExpireTime)),
                    })
                  : t("webhooks.oneSecret"),
              },
              {
                label: t("webhooks.field.created"),
                value: endpoint.createTime
                  ? formatDateTime(timestampDate(endpoint.createTime))
                  : "—",
              },
              {
                label: t("webhooks.field.updated"),
                value: endpoint.updateTime
                  ? formatDateTime(timestampDate(endpoint.updateTime))
                  : "—",
              },
            ]}
          />
        </Section>
        <DeliveryLog
          endpointId={endpoint.id}
          search={search}
          onSearchChange={setSearch}
          canManage={canManage}
        />
      </Stack>
      <EndpointFormModal
        opened={dialog === "edit"}
        onClose={() => setDialog(null)}
        endpoint={endpoint}
      />
      <RotateSecretModal
        opened={dialog === "rotate"}
        onClose={() => setDialog(null)}
        endpoint={endpoint}
      />
    </>
  );
}
