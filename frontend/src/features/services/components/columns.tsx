import { timestampDate } from "@bufbuild/protobuf/wkt";
import { Group } from "@mantine/core";
import type { ServiceInstance } from "@leitstand/sdk/leitstand/admin/v1/service_instance_service_pb.js";
import type { Column } from "@/components/data-table/DataTable";
import { Truncated } from "@/components/data-table/Truncated";
import type { I18n } from "@/lib/i18n/i18n";
import classes from "@/components/data-table/columns.module.css";
import { ServiceIcon } from "./ServiceIcon";
import { ServiceState } from "./ServiceHealthDot";

/** The services list's columns; withOrganization: the list spans organizations. */
export function serviceColumns(i18n: I18n, withOrganization = true): Column<ServiceInstance>[] {
  const { t, formatMoney, formatDate } = i18n;
  const columns: Column<ServiceInstance>[] = [
    {
      id: "name",
      header: t("services.col.name"),
      sort: { asc: "name", desc: "name_desc" },
      cell: (s) => (
        <Group gap="sm" wrap="nowrap">
          <ServiceIcon url={s.catalogItemIconUrl} />
          <div className={classes.name}>
            <span>{s.name}</span>
            <Truncated className={classes.secondary}>
              {s.catalogItemName} · {s.workspaceName}
            </Truncated>
          </div>
        </Group>
      ),
    },
    {
      id: "organization",
      header: t("services.col.organization"),
      hideOnMobile: true,
      cell: (s) => s.organizationName,
    },
    {
      id: "status",
      header: t("services.col.status"),
      width: 180,
      keepOnMobile: true,
      cell: (s) => <ServiceState status={s.status} health={s.health} />,
    },
    {
      id: "price",
      header: t("services.col.price"),
      width: 120,
      align: "right",
      hideOnMobile: true,
      cell: (s) => (
        <span className="tabular-nums">
          {formatMoney(s.monthlyPriceCents, s.currency || "EUR")}
        </span>
      ),
    },
    {
      id: "booked",
      header: t("services.col.booked"),
      sort: { asc: "created", desc: "created_desc" },
      width: 130,
      hideOnMobile: true,
      cell: (s) => (
        <span className={classes.dimmed}>
          {s.createTime ? formatDate(timestampDate(s.createTime)) : "—"}
        </span>
      ),
    },
  ];
  return withOrganization ? columns : columns.filter((c) => c.id !== "organization");
}
