import { Group, TextInput } from "@mantine/core";
import { IconBuildingBank, IconCash, IconMailExclamation } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useMemo } from "react";
import { PaymentService } from "@leitstand/sdk/leitstand/admin/v1/payment_service_pb.js";
import { DataTable, pagingProps } from "@/components/data-table/DataTable";
import { ExportButton } from "@/components/data-table/ExportButton";
import {
  FilterBar,
  FilterMultiSelect,
  FilterSelect,
  ListEmptyState,
  SearchInput,
} from "@/components/data-table/ListFilters";
import { ButtonLink } from "@/components/ui/links";
import { PageHeader } from "@/components/ui/PageHeader";
import { SavedViews } from "@/components/saved-views/SavedViews";
import { useI18n } from "@/lib/i18n/i18n";
import { listInput, useOrganizationChoices, usePaymentList } from "./api/payments";
import { paymentColumns } from "./components/columns";
import {
  methodNames,
  parseMethods,
  parseStatuses,
  paymentsSearchDefaults,
  statusNames,
  type PaymentsSearch,
} from "./search";

const route = getRouteApi("/_app/payments/");

/** PaymentsPage lists the payments of every organization, filtered in the URL. */
export function PaymentsPage() {
  const i18n = useI18n();
  const { t, formatNumber } = i18n;
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/payments/" });
  const list = usePaymentList(search);
  const orgs = useOrganizationChoices();

  const setSearch = (patch: Partial<PaymentsSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.payments) ?? [], [list.data]);
  const total = list.data?.pages[0]?.totalSize;
  const columns = useMemo(() => paymentColumns(i18n), [i18n]);
  const orgOptions = useMemo(() => {
    const options = (orgs.data?.organizations ?? []).map((o) => ({ value: o.id, label: o.name }));
    // An organization from a link is named by its id until the list is in.
    if (search.org && !options.some((o) => o.value === search.org)) {
      options.push({ value: search.org, label: search.org });
    }
    return options;
  }, [orgs.data, search.org]);
  const filtered = Object.entries(paymentsSearchDefaults).some(
    ([key, value]) => search[key as keyof PaymentsSearch] !== value,
  );

  return (
    <>
      <PageHeader
        title={t("payments.title")}
        description={
          total !== undefined
            ? t("payments.total", { total: formatNumber(total) })
            : t("payments.description")
        }
        actions={
          <Group gap="sm">
            <ButtonLink
              to="/payments/bank"
              variant="default"
              leftSection={<IconBuildingBank size={16} />}
            >
              {t("payments.bank.title")}
            </ButtonLink>
            <ButtonLink
              to="/payments/dunning"
              variant="default"
              leftSection={<IconMailExclamation size={16} />}
            >
              {t("payments.dunning.title")}
            </ButtonLink>
            <ExportButton method={PaymentService.method.listPayments} request={listInput(search)} />
          </Group>
        }
      />
      <FilterBar align="center">
        <SearchInput
          value={search.q}
          onSearch={(q) => setSearch({ q })}
          placeholder={t("payments.searchPlaceholder")}
          style={{ flex: "1 1 180px", maxWidth: 280 }}
        />
        <FilterMultiSelect
          label={t("payments.filter.method")}
          data={methodNames.map((m) => ({ value: m, label: t(`payments.method.${m}`) }))}
          value={parseMethods(search.method)}
          onChange={(values) => setSearch({ method: values.join(",") })}
          style={{ flex: "0 1 180px", minWidth: 140 }}
        />
        <FilterMultiSelect
          label={t("payments.filter.status")}
          data={statusNames.map((s) => ({ value: s, label: t(`payments.status.${s}`) }))}
          value={parseStatuses(search.status)}
          onChange={(values) => setSearch({ status: values.join(",") })}
          style={{ flex: "0 1 200px", minWidth: 150 }}
        />
        <FilterSelect
          label={t("payments.filter.organization")}
          data={orgOptions}
          value={search.org}
          onChange={(org) => setSearch({ org })}
          searchable
          nothingFoundMessage={t("search.nothingFound")}
          w={180}
        />
        <TextInput
          type="date"
          aria-label={t("payments.filter.valueFrom")}
          title={t("payments.filter.valueFrom")}
          value={search.from}
          max={search.to || undefined}
          onChange={(e) => setSearch({ from: e.currentTarget.value })}
          w={140}
        />
        <TextInput
          type="date"
          aria-label={t("payments.filter.valueTo")}
          title={t("payments.filter.valueTo")}
          value={search.to}
          min={search.from || undefined}
          onChange={(e) => setSearch({ to: e.currentTarget.value })}
          w={140}
        />
        <SavedViews page="payments" />
      </FilterBar>
      <DataTable
        view="payments"
        label={t("payments.title")}
        columns={columns}
        rows={rows}
        rowKey={(p) => p.id}
        {...pagingProps(list)}
        dense
        onRowClick={(p) =>
          void navigate({ to: "/payments/$paymentId", params: { paymentId: p.id } })
        }
        total={total}
        noun={{
          one: "payments.count.one",
          other: "payments.count.other",
          showing: "payments.count.showing",
        }}
        empty={
          <ListEmptyState
            icon={<IconCash size={22} />}
            filtered={filtered}
            title={t("payments.empty")}
            onClearFilters={() => setSearch({ ...paymentsSearchDefaults })}
          />
        }
      />
    </>
  );
}
