import { timestampDate } from "@bufbuild/protobuf/wkt";
import { Group, Stack, Text, Tooltip } from "@mantine/core";
import type { Alert } from "@leitstand/sdk/leitstand/admin/v1/alert_service_pb.js";
import type { Column } from "@/components/data-table/DataTable";
import { Truncated } from "@/components/data-table/Truncated";
import { AnchorLink } from "@/components/ui/links";
import type { I18n } from "@/lib/i18n/i18n";
import classes from "@/components/data-table/columns.module.css";
import { AlertPriorityBadge, AlertStatusBadge, LinkedOrderStatusBadge } from "./AlertBadges";

/**
 * The queue's columns; `withOrganization` and `withService` are off where
 * the list is one organization's or one service's.
 */
export function alertColumns(
  i18n: I18n,
  options: {
    withOrganization?: boolean;
    withService?: boolean;
    linkOrders?: boolean;
    linkServices?: boolean;
  } = {},
): Column<Alert>[] {
  const { t, formatDateTime } = i18n;
  const {
    withOrganization = true,
    withService = true,
    linkOrders = true,
    linkServices = false,
  } = options;
  const columns: Column<Alert>[] = [
    {
      id: "reported",
      header: t("alerts.col.reported"),
      width: 150,
      hideOnMobile: true,
      cell: (a) => (
        <span className={classes.dimmed} style={{ whiteSpace: "nowrap" }}>
          {a.createTime ? formatDateTime(timestampDate(a.createTime)) : "—"}
        </span>
      ),
    },
    {
      id: "label",
      header: t("alerts.col.label"),
      cell: (a) => (
        <div
          className={classes.name}
          data-alert={a.id}
          data-service={a.serviceInstanceId || undefined}
        >
          <Text fz="sm" fw={600} truncate>
            {a.labelName}
          </Text>
          <Truncated className={classes.secondary}>{a.text}</Truncated>
        </div>
      ),
    },
    {
      id: "priority",
      header: t("alerts.col.priority"),
      width: 96,
      hideOnMobile: true,
      cell: (a) => <AlertPriorityBadge priority={a.priority} />,
    },
    {
      id: "organization",
      header: t("alerts.col.organizationReporter"),
      width: 200,
      hideOnMobile: true,
      // Who reported it under the organization: one column less to scroll to.
      cell: (a) => (
        <div className={classes.name}>
          <Truncated>{a.organizationName}</Truncated>
          <Truncated className={classes.secondary}>{a.reporterEmail}</Truncated>
        </div>
      ),
    },
    {
      id: "service",
      header: t("alerts.col.service"),
      width: 170,
      hideOnMobile: true,
      cell: (a) =>
        !a.serviceInstanceName ? (
          <span className={classes.dimmed}>{t("alerts.noService")}</span>
        ) : linkServices ? (
          <AnchorLink
            to="/services/$serviceId"
            params={{ serviceId: a.serviceInstanceId }}
            fz="sm"
            lineClamp={1}
          >
            {a.serviceInstanceName}
          </AnchorLink>
        ) : (
          <Truncated>{a.serviceInstanceName}</Truncated>
        ),
    },
    {
      id: "status",
      header: t("alerts.col.status"),
      width: 140,
      keepOnMobile: true,
      cell: (a) => {
        const who = a.resolveTime
          ? t("alerts.resolvedBy", {
              who: a.resolvedByEmail || "—",
              when: formatDateTime(timestampDate(a.resolveTime)),
              resolution: a.resolution,
            })
          : a.acknowledgeTime
            ? t("alerts.acknowledgedBy", {
                who: a.acknowledgedByEmail || "—",
                when: formatDateTime(timestampDate(a.acknowledgeTime)),
              })
            : null;
        const badge = <AlertStatusBadge status={a.status} />;
        return who ? (
          <Tooltip label={who} multiline w={280}>
            <span>{badge}</span>
          </Tooltip>
        ) : (
          badge
        );
      },
    },
    {
      id: "order",
      header: t("alerts.col.order"),
      width: 150,
      hideOnMobile: true,
      cell: (a) =>
        !a.orderId ? (
          <span className={classes.dimmed}>{t("alerts.noOrder")}</span>
        ) : (
          <Stack gap={2} align="flex-start" data-order={a.orderNumber.toString()}>
            <Group gap={6} wrap="nowrap">
              {linkOrders ? (
                <AnchorLink
                  to="/orders/$orderId"
                  params={{ orderId: a.orderId }}
                  fz="sm"
                  className="tabular-nums"
                >
                  {t("alerts.orderNumber", { number: a.orderNumber.toString() })}
                </AnchorLink>
              ) : (
                <Text fz="sm" className="tabular-nums">
                  {t("alerts.orderNumber", { number: a.orderNumber.toString() })}
                </Text>
              )}
            </Group>
            <LinkedOrderStatusBadge status={a.orderStatus} />
          </Stack>
        ),
    },
  ];
  return columns.filter(
    (c) => (withOrganization || c.id !== "organization") && (withService || c.id !== "service"),
  );
}
