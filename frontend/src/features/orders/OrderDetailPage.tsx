import { timestampDate } from "@bufbuild/protobuf/wkt";
import { Alert, Button, Group, Skeleton, Stack, Text } from "@mantine/core";
import { IconClipboardList, IconPencil } from "@tabler/icons-react";
import { getRouteApi } from "@tanstack/react-router";
import { useState } from "react";
import type { Order } from "@leitstand/sdk/leitstand/admin/v1/order_service_pb.js";
import { RowActions } from "@/components/row-actions/RowActions";
import { AuditEventsButton } from "@/components/ui/AuditEventsButton";
import { CopyableId } from "@/components/ui/CopyButton";
import { DetailList } from "@/components/ui/DetailList";
import { DetailPageLoading, DetailPageMissing } from "@/components/ui/DetailPageStates";
import { PageHeader } from "@/components/ui/PageHeader";
import { Section } from "@/components/ui/Section";
import { AnchorLink } from "@/components/ui/links";
import { Permission, usePermission } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { useOrder } from "./api/orders";
import { Comments } from "./components/Comments";
import { Processes } from "./components/Processes";
import { TimeEntries } from "./components/TimeEntries";
import { OrderStatusBadge, OverdueBadge, PriorityBadge } from "./components/OrderBadges";
import { EditOrderModal } from "./components/OrderFormModal";
import { StatusButtons, useStatusActions } from "./components/StatusActions";
import { formatDueDate } from "./due";
import { isClosed, kindName, statusName } from "./status";

const route = getRouteApi("/_app/orders/$orderId");

export function OrderDetailPage() {
  const { t } = useI18n();
  const { orderId } = route.useParams();
  const query = useOrder(orderId);
  const crumbs = [{ label: t("orders.title"), to: "/orders" as const }];

  if (query.isPending) {
    return (
      <DetailPageLoading crumbs={crumbs}>
        <Skeleton height={200} />
        <Skeleton height={260} />
      </DetailPageLoading>
    );
  }
  if (query.error) {
    return (
      <DetailPageMissing
        crumbs={crumbs}
        title={t("orders.title")}
        error={query.error}
        onRetry={() => void query.refetch()}
        icon={<IconClipboardList size={22} />}
        notFound={t("orders.notFound")}
      />
    );
  }

  return <OrderDetail order={query.data.order!} />;
}

/** OrderDetail is the page of an order once it is loaded. */
function OrderDetail({ order }: { order: Order }) {
  const { t, locale, formatDateTime } = useI18n();
  const canWrite = usePermission(Permission.ORDERS_WRITE);
  const canReadOrgs = usePermission(Permission.ORGANIZATIONS_READ);
  const canReadServices = usePermission(Permission.SERVICES_READ);
  const [editing, setEditing] = useState(false);
  const status = useStatusActions(order);
  const crumbs = [{ label: t("orders.title"), to: "/orders" as const }];
  const closed = isClosed(statusName(order.status));
  const none = (
    <Text span c="dimmed" fz="sm">
      {t("orders.none")}
    </Text>
  );
  const orgLink = canReadOrgs ? (
    <AnchorLink
      to="/organizations/$organizationId"
      params={{ organizationId: order.organizationId }}
    >
      {order.organizationName}
    </AnchorLink>
  ) : (
    order.organizationName
  );
  const serviceLink = !order.serviceInstanceId ? (
    none
  ) : canReadServices ? (
    <AnchorLink to="/services/$serviceId" params={{ serviceId: order.serviceInstanceId }}>
      {order.serviceInstanceName}
    </AnchorLink>
  ) : (
    order.serviceInstanceName
  );

  return (
    <Stack gap="lg">
      <PageHeader
        breadcrumbs={crumbs}
        title={`${t("orders.number", { number: order.number.toString() })} ${order.title}`}
        meta={<CopyableId id={order.id} />}
        badge={
          <Group gap="xs" wrap="nowrap">
            <OrderStatusBadge status={order.status} />
            <PriorityBadge priority={order.priority} />
            {order.overdue && <OverdueBadge />}
          </Group>
        }
        actions={
          <Group gap="sm">
            <AuditEventsButton targetId={order.id} />
            {canWrite && !closed && (
              <Button leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)}>
                {t("orders.edit")}
              </Button>
            )}
            {canWrite && (
              <RowActions
                variant="header"
                label={t("orders.number", { number: order.number.toString() })}
                actions={status.cancel}
              />
            )}
          </Group>
        }
      />
      {closed && (
        <Alert color="gray" variant="light">
          {t("orders.closedNotice")}
        </Alert>
      )}
      <Section
        title={t("orders.overview")}
        actions={canWrite && <StatusButtons moves={status.moves} />}
      >
        <Stack gap="lg">
          <DetailList
            cols={3}
            items={[
              { label: t("orders.field.organization"), value: orgLink },
              { label: t("orders.field.workspace"), value: order.workspaceName || none },
              { label: t("orders.field.service"), value: serviceLink },
              { label: t("orders.field.kind"), value: t(`orders.kind.${kindName(order.kind)}`) },
              {
                label: t("orders.field.assignee"),
                value: order.assigneeName || (
                  <Text span c="dimmed" fz="sm">
                    {t("orders.nobody")}
                  </Text>
                ),
              },
              {
                label: t("orders.field.dueDate"),
                value: !order.dueDate ? (
                  none
                ) : (
                  <Text
                    span
                    fz="sm"
                    c={order.overdue ? "red" : undefined}
                    fw={order.overdue ? 600 : undefined}
                  >
                    {formatDueDate(order.dueDate, locale)}
                    {order.overdue && ` · ${t("orders.overdue")}`}
                  </Text>
                ),
              },
              { label: t("orders.field.createdBy"), value: order.createdByEmail || none },
              {
                label: t("orders.field.created"),
                value: order.createTime ? formatDateTime(timestampDate(order.createTime)) : "—",
              },
              {
                label: t("orders.field.statusSince"),
                value: order.statusTime ? formatDateTime(timestampDate(order.statusTime)) : "—",
              },
            ]}
          />
          <Stack gap={2}>
            <Text component="h4" fz="xs" fw={600} c="dimmed" tt="uppercase" lts={0.4} m={0}>
              {t("orders.field.description")}
            </Text>
            <Text
              fz="sm"
              style={{ whiteSpace: "pre-wrap" }}
              c={order.description ? undefined : "dimmed"}
              data-testid="description"
            >
              {order.description || t("orders.noDescription")}
            </Text>
          </Stack>
        </Stack>
      </Section>
      <Processes orderId={order.id} canWrite={canWrite} closed={closed} />
      <TimeEntries
        orderId={order.id}
        organizationId={order.organizationId}
        canWrite={canWrite}
        closed={closed}
      />
      <Comments orderId={order.id} canWrite={canWrite} />
      <EditOrderModal opened={editing} onClose={() => setEditing(false)} order={order} />
    </Stack>
  );
}
