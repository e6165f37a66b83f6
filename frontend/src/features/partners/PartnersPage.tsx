import { Switch } from "@mantine/core";
import { IconAffiliate, IconCash } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import {
  PartnerService,
  type Partner,
} from "@leitstand/sdk/leitstand/admin/v1/partner_service_pb.js";
import { DataTable } from "@/components/data-table/DataTable";
import { ExportButton } from "@/components/data-table/ExportButton";
import { FilterBar, ListEmptyState } from "@/components/data-table/ListFilters";
import { RecordActions, type RecordAction } from "@/components/row-actions/RecordActions";
import { PageHeader } from "@/components/ui/PageHeader";
import { SavedViews } from "@/components/saved-views/SavedViews";
import { Permission } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { usePartners } from "./api/partners";
import { partnerColumns } from "./components/columns";
import { RecordPayoutModal } from "./components/RecordPayoutModal";
import type { PartnersSearch } from "./search";

const route = getRouteApi("/_app/accounts/partners/");

/** What staff do with a partner from its row: pay out what it is owed. */
export const partnerActions: readonly RecordAction<Partner>[] = [
  {
    id: "payout",
    label: "partners.payout.action",
    icon: IconCash,
    permission: Permission.PAYMENTS_WRITE,
    dialog: ({ record, opened, onClose }) => (
      <RecordPayoutModal partner={record} opened={opened} onClose={onClose} />
    ),
  },
];

/**
 * PartnersPage lists the partner organizations by name (with the former
 * ones, when the URL says so): each with its commission, how many
 * organizations it referred and runs from outside, what it earned, was
 * paid out and is owed; a partner's page shows its referrals and ledger.
 */
export function PartnersPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/accounts/partners/" });
  const list = usePartners(search.former);
  const rows = list.data?.partners ?? [];

  const setSearch = (patch: Partial<PartnersSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  const columns = partnerColumns(i18n, {
    rowActions: (p) => (
      <RecordActions record={p} label={p.name || p.organizationId} actions={partnerActions} />
    ),
  });

  return (
    <>
      <PageHeader
        title={t("partners.title")}
        description={t("partners.description")}
        actions={
          <ExportButton
            method={PartnerService.method.listPartners}
            request={{ includeFormer: search.former }}
          />
        }
      />
      <FilterBar align="center">
        <Switch
          label={t("partners.includeFormer")}
          checked={search.former}
          onChange={(e) => setSearch({ former: e.currentTarget.checked })}
        />
        <SavedViews page="partners" />
      </FilterBar>
      <DataTable<Partner>
        label={t("partners.title")}
        columns={columns}
        rows={rows}
        rowKey={(p) => p.organizationId}
        loading={list.isPending}
        error={list.error}
        onRetry={() => void list.refetch()}
        noun={{
          one: "partners.count.one",
          other: "partners.count.other",
          showing: "partners.count.showing",
        }}
        total={rows.length}
        empty={
          <ListEmptyState
            icon={<IconAffiliate size={22} />}
            filtered={false}
            title={search.former ? t("partners.emptyFormer") : t("partners.empty")}
            description={t("partners.emptyHint")}
            onClearFilters={() => setSearch({ former: false })}
          />
        }
      />
    </>
  );
}
