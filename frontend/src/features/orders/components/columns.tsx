import { timestampDate } from "@bufbuild/protobuf/wkt";
import { Text } from "@mantine/core";
import type { Order } from "@leitstand/sdk/leitstand/admin/v1/order_service_pb.js";
import type { Column } from "@/components/data-table/DataTable";
import { RowLink } from "@/components/data-table/RowLink";
import { Truncated } from "@/components/data-table/Truncated";
import type { I18n } from "@/lib/i18n/i18n";
import classes from "@/components/data-table/columns.module.css";
import { formatDueDate } from "../due";
import { kindName } from "../status";
import { OrderStatusBadge, PriorityBadge } from "./OrderBadges";

/** The orders list's columns; withOrganization: the list spans organizations. */
export function orderColumns(i18n: I18n, withOrganization = true): Column<Order>[] {
  const { t, formatDate, locale } = i18n;
  const columns: Column<Order>[] = [
    {
      id: "number",
      header: t("orders.col.number"),
      width: 56,
      cell: (o) => (
        <span className="tabular-nums">{t("orders.number", { number: o.number.toString() })}</span>
      ),
    },
    {
      id: "title",
      header: t("orders.col.title"),
      cell: (o) => (
        <div className={classes.name}>
          <RowLink to="/orders/$orderId" params={{ orderId: o.id }}>
            {o.title}
          </RowLink>
          {o.serviceInstanceName && (
            <Truncated className={classes.secondary}>{o.serviceInstanceName}</Truncated>
          )}
        </div>
      ),
    },
    {
      id: "organization",
      header: t("orders.col.organization"),
      hideOnMobile: true,
      cell: (o) => <Truncated>{o.organizationName}</Truncated>,
    },
    {
      id: "kind",
      header: t("orders.col.kind"),
      width: 84,
      hideOnMobile: true,
      cell: (o) => t(`orders.kind.${kindName(o.kind)}`),
    },
    {
      id: "priority",
      header: t("orders.col.priority"),
      width: 90,
      hideOnMobile: true,
      cell: (o) => <PriorityBadge priority={o.priority} />,
    },
    {
      id: "status",
      header: t("orders.col.status"),
      width: 160,
      keepOnMobile: true,
      cell: (o) => <OrderStatusBadge status={o.status} />,
    },
    {
      id: "steps",
      header: t("orders.col.steps"),
      width: 60,
      hideOnMobile: true,
      // How far the order's processes got: steps done of all.
      cell: (o) =>
        o.stepsTotal > 0 ? (
          <span
            className="tabular-nums"
            data-steps={`${o.stepsDone}/${o.stepsTotal}`}
            title={t("orders.process.progress", { done: o.stepsDone, total: o.stepsTotal })}
          >
            {o.stepsDone}/{o.stepsTotal}
          </span>
        ) : (
          <span className={classes.dimmed}>—</span>
        ),
    },
    {
      id: "assignee",
      header: t("orders.col.assignee"),
      width: 140,
      hideOnMobile: true,
      cell: (o) =>
        o.assigneeName ? (
          <Truncated>{o.assigneeName}</Truncated>
        ) : (
          <span className={classes.dimmed}>{t("orders.nobody")}</span>
        ),
    },
    {
      id: "due",
      header: t("orders.col.due"),
      width: 110,
      hideOnMobile: true,
      cell: (o) =>
        !o.dueDate ? (
          <span className={classes.dimmed}>—</span>
        ) : o.overdue ? (
          // The overdue marker under the date, in red: seen at a glance, and read out.
          <div className={classes.name} data-overdue>
            <Text fz="sm" c="red" fw={600}>
              {formatDueDate(o.dueDate, locale)}
            </Text>
            <Text fz="xs" c="red">
              {t("orders.overdue")}
            </Text>
          </div>
        ) : (
          formatDueDate(o.dueDate, locale)
        ),
    },
    {
      id: "created",
      header: t("orders.col.created"),
      sort: { asc: "created", desc: "created_desc", first: "desc" },
      width: 110,
      hideOnMobile: true,
      cell: (o) => (
        <span className={classes.dimmed} style={{ whiteSpace: "nowrap" }}>
          {o.createTime ? formatDate(timestampDate(o.createTime)) : "—"}
        </span>
      ),
    },
  ];
  return withOrganization ? columns : columns.filter((c) => c.id !== "organization");
}
