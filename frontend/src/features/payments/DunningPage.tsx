import { IconMailExclamation } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useMemo } from "react";
import { DunningService } from "@leitstand/sdk/leitstand/admin/v1/dunning_service_pb.js";
import { DataTable, pagingProps } from "@/components/data-table/DataTable";
import { ExportButton } from "@/components/data-table/ExportButton";
import {
  FilterBar,
  FilterMultiSelect,
  FilterSelect,
  ListEmptyState,
} from "@/components/data-table/ListFilters";
import { PageHeader } from "@/components/ui/PageHeader";
import { SavedViews } from "@/components/saved-views/SavedViews";
import { useI18n } from "@/lib/i18n/i18n";
import { dunningListInput, useDunningNotices } from "./api/dunning";
import { useOrganizationChoices } from "./api/payments";
import { noticeColumns } from "./components/dunningColumns";
import {
  dunningLevelNames,
  dunningSearchDefaults,
  dunningStatusNames,
  parseDunningLevels,
  parseDunningStatuses,
  type DunningSearch,
} from "./search";

const route = getRouteApi("/_app/payments/dunning");

/**
 * DunningPage lists the dunning notices written for overdue invoices, the
 * latest first, with where each one's e-mail is and its letter, filtered
 * in the URL.
 */
export function DunningPage() {
  const i18n = useI18n();
  const { t, formatNumber } = i18n;
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/payments/dunning" });
  const list = useDunningNotices(search);
  const orgs = useOrganizationChoices();

  const setSearch = (patch: Partial<DunningSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.notices) ?? [], [list.data]);
  const total = list.data?.pages[0]?.totalSize;
  const columns = useMemo(() => noticeColumns(i18n, { created: false }), [i18n]);
  const orgOptions = useMemo(() => {
    const options = (orgs.data?.organizations ?? []).map((o) => ({ value: o.id, label: o.name }));
    // An organization from a link is named by its id until the list is in.
    if (search.org && !options.some((o) => o.value === search.org)) {
      const named = rows.find((n) => n.organizationId === search.org)?.organizationName;
      options.push({ value: search.org, label: named || search.org });
    }
    return options;
  }, [orgs.data, search.org, rows]);
  const filtered = Object.entries(dunningSearchDefaults).some(
    ([key, value]) => search[key as keyof DunningSearch] !== value,
  );

  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: t("payments.title"), to: "/payments" as const }]}
        title={t("payments.dunning.title")}
        description={
          total !== undefined
            ? t("payments.dunning.total", { total: formatNumber(total) })
            : t("payments.dunning.description")
        }
        actions={
          <ExportButton
            method={DunningService.method.listDunningNotices}
            request={dunningListInput(search)}
          />
        }
      />
      <FilterBar align="center">
        <FilterMultiSelect
          label={t("payments.dunning.filter.level")}
          data={dunningLevelNames.map((l) => ({
            value: l,
            label: t(`payments.dunning.level.${l}`),
          }))}
          value={parseDunningLevels(search.level)}
          onChange={(values) => setSearch({ level: values.join(",") })}
          style={{ flex: "0 1 260px", minWidth: 160 }}
        />
        <FilterMultiSelect
          label={t("payments.dunning.filter.status")}
          data={dunningStatusNames.map((s) => ({
            value: s,
            label: t(`payments.dunning.status.${s}`),
          }))}
          value={parseDunningStatuses(search.status)}
          onChange={(values) => setSearch({ status: values.join(",") })}
          style={{ flex: "0 1 220px", minWidth: 150 }}
        />
        <FilterSelect
          label={t("payments.dunning.filter.organization")}
          data={orgOptions}
          value={search.org}
          onChange={(org) => setSearch({ org })}
          searchable
          nothingFoundMessage={t("search.nothingFound")}
          w={200}
        />
        <SavedViews page="dunning" />
      </FilterBar>
      <DataTable
        view="dunning"
        label={t("payments.dunning.title")}
        columns={columns}
        rows={rows}
        rowKey={(n) => n.id}
        {...pagingProps(list)}
        dense
        total={total}
        noun={{
          one: "payments.dunning.count.one",
          other: "payments.dunning.count.other",
          showing: "payments.dunning.count.showing",
        }}
        empty={
          <ListEmptyState
            icon={<IconMailExclamation size={22} />}
            filtered={filtered}
            title={t("payments.dunning.empty")}
            description={t("payments.dunning.emptyHint")}
            onClearFilters={() => setSearch({ ...dunningSearchDefaults })}
          />
        }
      />
    </>
  );
}
