import { SegmentedControl } from "@mantine/core";
import { IconCheck, IconInbox, IconX } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useMemo } from "react";
import {
  UpgradeRequestService,
  type UpgradeRequest,
} from "@leitstand/sdk/leitstand/admin/v1/upgrade_request_service_pb.js";
import { DataTable } from "@/components/data-table/DataTable";
import { ExportButton } from "@/components/data-table/ExportButton";
import { FilterBar, ListEmptyState } from "@/components/data-table/ListFilters";
import { Pager, usePages } from "@/components/data-table/Pager";
import { RecordActions, type RecordAction } from "@/components/row-actions/RecordActions";
import { PageHeader } from "@/components/ui/PageHeader";
import { SavedViews } from "@/components/saved-views/SavedViews";
import { Permission } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { upgradesInput, useUpgradeRequests } from "./api/upgrades";
import { ApproveUpgradeModal } from "./components/ApproveUpgradeModal";
import { DenyUpgradeModal } from "./components/DenyUpgradeModal";
import { upgradeColumns } from "./components/upgradeColumns";
import {
  upgradeStatusNames,
  upgradesSearchDefaults,
  type UpgradeStatusName,
  type UpgradesSearch,
} from "./search";

const route = getRouteApi("/_app/accounts/upgrades");

/** What staff do with a pending request: approve it (a tier change) or deny it. */
const upgradeActions: readonly RecordAction<UpgradeRequest>[] = [
  {
    id: "approve",
    label: "accounts.upgrades.approve.action",
    icon: IconCheck,
    permission: Permission.TIERS_CHANGE,
    dialog: ({ record, opened, onClose }) => (
      <ApproveUpgradeModal request={record} opened={opened} onClose={onClose} />
    ),
  },
  {
    id: "deny",
    label: "accounts.upgrades.deny.action",
    icon: IconX,
    permission: Permission.ACCOUNTS_WRITE,
    danger: true,
    dialog: ({ record, opened, onClose }) => (
      <DenyUpgradeModal request={record} opened={opened} onClose={onClose} />
    ),
  },
];

/**
 * UpgradeRequestsPage is the queue of the higher tiers customers asked for
 * in the portal, the oldest first: each with its organization, the tier it
 * is on and the one it asks for, the customer's message, who asked and how
 * long it waits, and in its menu Approve… and Deny…; an answered request
 * leaves the queue. The approved, denied and withdrawn ones are a status
 * away (in the URL), the latest first, with the decision.
 */
export function UpgradeRequestsPage() {
  const i18n = useI18n();
  const { t, formatNumber } = i18n;
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/accounts/upgrades" });
  const list = useUpgradeRequests(search);
  const pages = usePages(list, search.status, (p) => p.upgradeRequests.length);
  const rows = useMemo(() => pages.page?.upgradeRequests ?? [], [pages.page]);
  const first = list.data?.pages[0];
  const pending = search.status === "PENDING";

  const setSearch = (patch: Partial<UpgradesSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  const columns = upgradeColumns(i18n, {
    status: search.status,
    rowActions: pending
      ? (r) => (
          <RecordActions
            record={r}
            label={r.organizationName || r.organizationId}
            actions={upgradeActions}
          />
        )
      : undefined,
  });
  const statusLabel = (status: UpgradeStatusName) => {
    const label = t(`accounts.upgrades.status.${status}`);
    return status === "PENDING" && first
      ? t("accounts.upgrades.statusCount", { status: label, count: formatNumber(first.pending) })
      : label;
  };

  return (
    <>
      <PageHeader
        title={t("accounts.upgrades.title")}
        description={
          first && !list.isPlaceholderData
            ? t(`accounts.upgrades.total.${search.status}`, { count: first.totalSize })
            : t("accounts.upgrades.description")
        }
        actions={
          <ExportButton
            method={UpgradeRequestService.method.listUpgradeRequests}
            request={upgradesInput(search)}
          />
        }
      />
      <FilterBar align="center">
        <SegmentedControl
          aria-label={t("accounts.upgrades.filter")}
          data={upgradeStatusNames.map((s) => ({ value: s, label: statusLabel(s) }))}
          value={search.status}
          onChange={(status) => setSearch({ status: status as UpgradeStatusName })}
        />
        <SavedViews page="upgrades" />
      </FilterBar>
      <DataTable<UpgradeRequest>
        label={t("accounts.upgrades.title")}
        columns={columns}
        rows={rows}
        rowKey={(r) => r.id}
        loading={list.isPending}
        error={list.error}
        onRetry={() => void list.refetch()}
        loadingMore={pages.loading}
        pager={<Pager pages={pages} shown={rows.length} total={pages.page?.totalSize} />}
        dense
        empty={
          <ListEmptyState
            icon={<IconInbox size={22} />}
            filtered={false}
            title={
              pending ? t("accounts.upgrades.empty.PENDING") : t("accounts.upgrades.empty.other")
            }
            onClearFilters={() => setSearch(upgradesSearchDefaults)}
          />
        }
      />
    </>
  );
}
