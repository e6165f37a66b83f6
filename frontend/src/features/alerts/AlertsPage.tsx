import { Button } from "@mantine/core";
import { IconAlertTriangle, IconTags } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import { AlertService, type Alert } from "@leitstand/sdk/leitstand/admin/v1/alert_service_pb.js";
import { actionsColumn, DataTable, pagingProps } from "@/components/data-table/DataTable";
import { ExportButton } from "@/components/data-table/ExportButton";
import {
  FilterBar,
  FilterMultiSelect,
  FilterSelect,
  ListEmptyState,
} from "@/components/data-table/ListFilters";
import { RowActions } from "@/components/row-actions/RowActions";
import { PageHeader } from "@/components/ui/PageHeader";
import { SavedViews } from "@/components/saved-views/SavedViews";
import { Permission, usePermission } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { listInput, useAlertList, useLabels, useOrganizationChoices } from "./api/alerts";
import { ResolveAlertModal, useAlertActions } from "./components/actions";
import { alertColumns } from "./components/columns";
import { LabelsModal } from "./components/LabelsModal";
import { priorityNames, statusNames } from "./names";
import { alertsSearchDefaults, parsePriorities, parseStatuses, type AlertsSearch } from "./search";

const route = getRouteApi("/_app/alerts");

/**
 * AlertsPage is the queue of the problems customers report, newest first,
 * filtered in the URL; staff acknowledge, resolve, or turn one into a
 * support order, and keep the labels customers choose from.
 */
export function AlertsPage() {
  const i18n = useI18n();
  const { t, formatNumber } = i18n;
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/alerts" });
  const canWrite = usePermission(Permission.ALERTS_WRITE);
  const canReadServices = usePermission(Permission.SERVICES_READ);
  const [labelsOpen, setLabelsOpen] = useState(false);
  const [resolving, setResolving] = useState<Alert | null>(null);
  const list = useAlertList(search);
  const labels = useLabels();
  const orgs = useOrganizationChoices();
  const actionsOf = useAlertActions(setResolving);

  const setSearch = (patch: Partial<AlertsSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.alerts) ?? [], [list.data]);
  const total = list.data?.pages[0]?.totalSize;
  const columns = useMemo(() => {
    const cols = alertColumns(i18n, { linkServices: canReadServices });
    if (!canWrite) return cols;
    return [
      ...cols,
      actionsColumn<Alert>((a) => (
        <RowActions label={`${a.labelName} ${a.organizationName}`} actions={actionsOf(a)} />
      )),
    ];
  }, [i18n, canWrite, canReadServices, actionsOf]);
  const labelOptions = useMemo(() => {
    const options = (labels.data?.labels ?? []).map((l) => ({
      value: l.id,
      label: l.retireTime ? `${l.name} (${t("alerts.labels.retired")})` : l.name,
    }));
    if (search.label && !options.some((o) => o.value === search.label)) {
      options.push({ value: search.label, label: search.label });
    }
    return options;
  }, [labels.data, search.label, t]);
  const orgOptions = useMemo(() => {
    const options = (orgs.data?.organizations ?? []).map((o) => ({ value: o.id, label: o.name }));
    if (search.org && !options.some((o) => o.value === search.org)) {
      options.push({ value: search.org, label: search.org });
    }
    return options;
  }, [orgs.data, search.org]);
  // The service a link filtered by is named by its alerts.
  const serviceName =
    rows.find((a) => a.serviceInstanceId === search.service)?.serviceInstanceName || search.service;
  const filtered =
    search.status !== "" ||
    search.priority !== "" ||
    search.label !== "" ||
    search.org !== "" ||
    search.service !== "";

  return (
    <>
      <PageHeader
        title={t("alerts.title")}
        description={
          total !== undefined
            ? t("alerts.total", { total: formatNumber(total) })
            : t("alerts.description")
        }
        actions={
          <>
            <ExportButton method={AlertService.method.listAlerts} request={listInput(search)} />
            {canWrite && (
              <Button
                variant="default"
                leftSection={<IconTags size={16} />}
                onClick={() => setLabelsOpen(true)}
              >
                {t("alerts.labels")}
              </Button>
            )}
          </>
        }
      />
      <FilterBar align="center">
        <FilterMultiSelect
          label={t("alerts.filter.status")}
          data={statusNames.map((s) => ({ value: s, label: t(`alerts.status.${s}`) }))}
          value={parseStatuses(search.status)}
          onChange={(values) => setSearch({ status: values.join(",") })}
          style={{ flex: "0 1 260px", minWidth: 170 }}
        />
        <FilterMultiSelect
          label={t("alerts.filter.priority")}
          data={priorityNames.map((p) => ({ value: p, label: t(`alerts.priority.${p}`) }))}
          value={parsePriorities(search.priority)}
          onChange={(values) => setSearch({ priority: values.join(",") })}
          style={{ flex: "0 1 260px", minWidth: 170 }}
        />
        <FilterSelect
          label={t("alerts.filter.label")}
          data={labelOptions}
          value={search.label}
          onChange={(label) => setSearch({ label })}
          w={190}
        />
        <FilterSelect
          label={t("alerts.filter.organization")}
          data={orgOptions}
          value={search.org}
          onChange={(org) => setSearch({ org })}
          searchable
          nothingFoundMessage={t("search.nothingFound")}
          w={200}
        />
        {search.service && (
          <FilterSelect
            label={t("alerts.filter.service")}
            data={[
              {
                value: search.service,
                label: t("alerts.filter.serviceOnly", { service: serviceName }),
              },
            ]}
            value={search.service}
            onChange={(service) => setSearch({ service })}
            w={260}
          />
        )}
        <SavedViews page="alerts" />
      </FilterBar>
      <DataTable
        view="alerts"
        label={t("alerts.title")}
        columns={columns}
        rows={rows}
        rowKey={(a) => a.id}
        {...pagingProps(list)}
        dense
        total={total}
        noun={{
          one: "alerts.count.one",
          other: "alerts.count.other",
          showing: "alerts.count.showing",
        }}
        empty={
          <ListEmptyState
            icon={<IconAlertTriangle size={22} />}
            filtered={filtered}
            title={t("alerts.empty")}
            onClearFilters={() => setSearch({ ...alertsSearchDefaults })}
          />
        }
      />
      <ResolveAlertModal alert={resolving} onClose={() => setResolving(null)} />
      <LabelsModal opened={labelsOpen} onClose={() => setLabelsOpen(false)} />
    </>
  );
}
