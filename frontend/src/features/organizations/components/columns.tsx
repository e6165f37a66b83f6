import { timestampDate } from "@bufbuild/protobuf/wkt";
import type { Organization } from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { RowLink } from "@/components/data-table/RowLink";
import { Truncated } from "@/components/data-table/Truncated";
import type { Column } from "@/components/data-table/DataTable";
import { OrganizationStatusBadge } from "@/components/ui/Badges";
import type { I18n } from "@/lib/i18n/i18n";
import classes from "@/components/data-table/columns.module.css";

/**
 * The organization list's columns. A new column (active services, contract
 * status, …) is one entry here once the API returns its data. Cells use plain
 * elements: the list renders many rows at once.
 */
export function organizationColumns(i18n: I18n): Column<Organization>[] {
  const { t, formatNumber, formatDate } = i18n;
  return [
    {
      id: "name",
      header: t("orgs.col.name"),
      sort: { asc: "name", desc: "name_desc" },
      cell: (org) => (
        <div className={classes.name}>
          <RowLink to="/organizations/$organizationId" params={{ organizationId: org.id }}>
            {org.name}
          </RowLink>
          {org.legalName && org.legalName !== org.name && (
            <Truncated className={classes.secondary}>{org.legalName}</Truncated>
          )}
        </div>
      ),
    },
    {
      id: "status",
      keepOnMobile: true,
      header: t("orgs.col.status"),
      width: 170,
      cell: (org) => <OrganizationStatusBadge status={org.status} />,
    },
    {
      id: "members",
      header: t("orgs.col.members"),
      width: 120,
      align: "right",
      cell: (org) => <span className="tabular-nums">{formatNumber(org.memberCount)}</span>,
    },
    {
      id: "workspaces",
      header: t("orgs.col.workspaces"),
      width: 130,
      align: "right",
      hideOnMobile: true,
      cell: (org) => <span className="tabular-nums">{formatNumber(org.workspaceCount)}</span>,
    },
    {
      id: "created",
      header: t("orgs.col.created"),
      sort: { asc: "created", desc: "created_desc", first: "desc" },
      width: 150,
      align: "right",
      hideOnMobile: true,
      cell: (org) => (
        <span className={`${classes.dimmed} tabular-nums`}>
          {org.createTime ? formatDate(timestampDate(org.createTime)) : "—"}
        </span>
      ),
    },
  ];
}
