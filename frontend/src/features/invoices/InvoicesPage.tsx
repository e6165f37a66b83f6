import { TextInput } from "@mantine/core";
import { IconCalendarDollar, IconFileInvoice, IconPlus } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useMemo } from "react";
import { InvoiceService } from "@leitstand/sdk/leitstand/admin/v1/invoice_service_pb.js";
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
import { Permission, usePermission } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { listInput, useInvoiceList, useOrganizationChoices } from "./api/invoices";
import { invoiceColumns } from "./components/columns";
import { invoicesSearchDefaults, parseStatuses, statusNames, type InvoicesSearch } from "./search";

const route = getRouteApi("/_app/invoices/");

export function InvoicesPage() {
  const i18n = useI18n();
  const { t, formatNumber } = i18n;
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/invoices/" });
  const canWrite = usePermission(Permission.INVOICES_WRITE);
  const list = useInvoiceList(search);
  const orgs = useOrganizationChoices();

  const setSearch = (patch: Partial<InvoicesSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.invoices) ?? [], [list.data]);
  const total = list.data?.pages[0]?.totalSize;
  const columns = useMemo(() => invoiceColumns(i18n), [i18n]);
  const orgOptions = useMemo(() => {
    const options = (orgs.data?.organizations ?? []).map((o) => ({ value: o.id, label: o.name }));
    // An organization from a link is named by its id until the list is in.
    if (search.org && !options.some((o) => o.value === search.org)) {
      options.push({ value: search.org, label: search.org });
    }
    return options;
  }, [orgs.data, search.org]);
  const filtered =
    search.q !== "" ||
    search.status !== "" ||
    search.org !== "" ||
    search.from !== "" ||
    search.to !== "";

  return (
    <>
      <PageHeader
        title={t("invoices.title")}
        description={
          total !== undefined
            ? t("invoices.total", { total: formatNumber(total) })
            : t("invoices.description")
        }
        actions={
          <>
            <ExportButton method={InvoiceService.method.listInvoices} request={listInput(search)} />
            <ButtonLink
              to="/invoices/run"
              variant="default"
              leftSection={<IconCalendarDollar size={16} />}
            >
              {t("invoices.runPreview")}
            </ButtonLink>
            {canWrite && (
              <ButtonLink
                to="/invoices/new"
                search={{ organization: search.org }}
                leftSection={<IconPlus size={16} />}
              >
                {t("invoices.newManual")}
              </ButtonLink>
            )}
          </>
        }
      />
      <FilterBar align="center">
        <SearchInput
          value={search.q}
          onSearch={(q) => setSearch({ q })}
          placeholder={t("invoices.searchPlaceholder")}
          style={{ flex: "1 1 220px", maxWidth: 280 }}
        />
        <FilterMultiSelect
          label={t("invoices.filter.status")}
          data={statusNames.map((s) => ({ value: s, label: t(`invoices.status.${s}`) }))}
          value={parseStatuses(search.status)}
          onChange={(values) => setSearch({ status: values.join(",") })}
          style={{ flex: "0 1 260px", minWidth: 170 }}
        />
        <FilterSelect
          label={t("invoices.filter.organization")}
          data={orgOptions}
          value={search.org}
          onChange={(org) => setSearch({ org })}
          searchable
          nothingFoundMessage={t("search.nothingFound")}
          w={200}
        />
        <TextInput
          type="date"
          aria-label={t("invoices.filter.issuedFrom")}
          title={t("invoices.filter.issuedFrom")}
          value={search.from}
          max={search.to || undefined}
          onChange={(e) => setSearch({ from: e.currentTarget.value })}
          w={150}
        />
        <TextInput
          type="date"
          aria-label={t("invoices.filter.issuedTo")}
          title={t("invoices.filter.issuedTo")}
          value={search.to}
          min={search.from || undefined}
          onChange={(e) => setSearch({ to: e.currentTarget.value })}
          w={150}
        />
        <SavedViews page="invoices" />
      </FilterBar>
      <DataTable
        view="invoices"
        label={t("invoices.title")}
        columns={columns}
        rows={rows}
        rowKey={(inv) => inv.id}
        {...pagingProps(list)}
        dense
        onRowClick={(inv) =>
          void navigate({ to: "/invoices/$invoiceId", params: { invoiceId: inv.id } })
        }
        total={total}
        noun={{
          one: "invoices.count.one",
          other: "invoices.count.other",
          showing: "invoices.count.showing",
        }}
        empty={
          <ListEmptyState
            icon={<IconFileInvoice size={22} />}
            filtered={filtered}
            title={t("invoices.empty")}
            onClearFilters={() => setSearch({ ...invoicesSearchDefaults })}
          />
        }
      />
    </>
  );
}
