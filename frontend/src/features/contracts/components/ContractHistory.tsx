import { IconFileDescription } from "@tabler/icons-react";
import { useMemo } from "react";
import {
  ContractStatus,
  type Contract,
} from "@leitstand/sdk/leitstand/admin/v1/contract_service_pb.js";
import { DataTable, pagingProps, type Column } from "@/components/data-table/DataTable";
import { ListEmptyState } from "@/components/data-table/ListFilters";
import { Truncated } from "@/components/data-table/Truncated";
import { StatusBadge, type Tone } from "@/components/ui/Badges";
import { formatCivilDate } from "@/lib/format";
import { useI18n, type I18n } from "@/lib/i18n/i18n";
import classes from "@/components/data-table/columns.module.css";
import { useContractHistory } from "../api/contracts";

const statusTone: Record<ContractStatus, Tone> = {
  [ContractStatus.UNSPECIFIED]: "unknown",
  [ContractStatus.SCHEDULED]: "active",
  [ContractStatus.ACTIVE]: "ok",
  [ContractStatus.ENDED]: "neutral",
  [ContractStatus.CANCELLED]: "neutral",
};

/** ContractStatusBadge shows where a contract is in its life. */
export function ContractStatusBadge({ status }: { status: ContractStatus }) {
  const { t } = useI18n();
  const name = ContractStatus[status] ?? "UNSPECIFIED";
  return (
    <StatusBadge tone={statusTone[status] ?? "unknown"} data-status={name}>
      {t(`contracts.status.${name as keyof typeof ContractStatus}`)}
    </StatusBadge>
  );
}

function historyColumns(i18n: I18n): Column<Contract>[] {
  const { t, locale } = i18n;
  const day = (d: string) =>
    d ? formatCivilDate(d, locale) : <span className={classes.dimmed}>—</span>;
  return [
    {
      id: "plan",
      header: t("contracts.col.plan"),
      cell: (c) => (
        <Truncated>
          {t("contracts.planVersion", { plan: c.planName, version: c.planVersion })}
        </Truncated>
      ),
    },
    {
      id: "status",
      header: t("contracts.col.status"),
      width: 150,
      keepOnMobile: true,
      cell: (c) => <ContractStatusBadge status={c.status} />,
    },
    {
      id: "start",
      header: t("contracts.col.start"),
      width: 120,
      hideOnMobile: true,
      cell: (c) => day(c.startDate),
    },
    {
      id: "end",
      header: t("contracts.col.end"),
      width: 120,
      hideOnMobile: true,
      cell: (c) => day(c.endDate),
    },
    {
      id: "reason",
      header: t("contracts.col.reason"),
      hideOnMobile: true,
      cell: (c) => {
        const reason =
          c.status === ContractStatus.CANCELLED && c.cancelReason
            ? t("contracts.cancelReason", { reason: c.cancelReason })
            : c.reason;
        return reason ? <Truncated>{reason}</Truncated> : <span className={classes.dimmed}>—</span>;
      },
    },
    {
      id: "createdBy",
      header: t("contracts.col.createdBy"),
      width: 240,
      hideOnMobile: true,
      cell: (c) => <Truncated>{c.createdByEmail}</Truncated>,
    },
  ];
}

/** ContractHistory lists an organization's contracts, the latest start first. */
export function ContractHistory({ organizationId }: { organizationId: string }) {
  const i18n = useI18n();
  const list = useContractHistory(organizationId);
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.contracts) ?? [], [list.data]);
  const columns = useMemo(() => historyColumns(i18n), [i18n]);
  return (
    <DataTable
      label={i18n.t("contracts.history")}
      columns={columns}
      rows={rows}
      rowKey={(c) => c.id}
      {...pagingProps(list)}
      dense
      total={list.data?.pages[0]?.totalSize}
      noun={{
        one: "contracts.count.one",
        other: "contracts.count.other",
        showing: "contracts.count.showing",
      }}
      empty={
        <ListEmptyState
          icon={<IconFileDescription size={22} />}
          filtered={false}
          title={i18n.t("contracts.historyEmpty")}
          onClearFilters={() => undefined}
        />
      }
    />
  );
}
