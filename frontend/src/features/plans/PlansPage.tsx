import { Button, Switch } from "@mantine/core";
import { IconLayersSubtract, IconPlus } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import type { Plan } from "@leitstand/sdk/leitstand/admin/v1/plan_service_pb.js";
import { DataTable, pagingProps } from "@/components/data-table/DataTable";
import { FilterBar } from "@/components/data-table/ListFilters";
import { EmptyState } from "@/components/ui/EmptyState";
import { PageHeader } from "@/components/ui/PageHeader";
import { SavedViews } from "@/components/saved-views/SavedViews";
import { Permission, usePermission } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { usePlans, useRetirePlan } from "./api/plans";
import { PlanFormModal } from "./components/PlanFormModal";
import { planColumns } from "./components/columns";

const route = getRouteApi("/_app/plans/");

export function PlansPage() {
  const i18n = useI18n();
  const { t, formatNumber } = i18n;
  const search = route.useSearch();
  const navigate = useNavigate({ from: "/plans/" });
  const canWrite = usePermission(Permission.PLANS_WRITE);
  const [editing, setEditing] = useState<Plan | "new" | null>(null);
  const list = usePlans(search);
  const retire = useRetirePlan();

  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.plans) ?? [], [list.data]);
  const total = list.data?.pages[0]?.totalSize;
  const columns = useMemo(
    () =>
      planColumns(i18n, {
        canWrite,
        onEdit: (plan) => setEditing(plan),
        onRetire: (plan, reason) => retire.mutateAsync({ id: plan.id, reason }),
      }),
    // The mutation's function is stable; the columns change with the language and the caller.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [i18n, canWrite],
  );

  return (
    <>
      <PageHeader
        title={t("plans.title")}
        description={
          total !== undefined
            ? t("plans.total", { total: formatNumber(total) })
            : t("plans.description")
        }
        actions={
          canWrite && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing("new")}>
              {t("plans.create")}
            </Button>
          )
        }
      />
      <FilterBar align="center">
        <Switch
          label={t("plans.showRetired")}
          checked={search.retired}
          onChange={(e) => {
            const retired = e.currentTarget.checked;
            void navigate({ search: (prev) => ({ ...prev, retired }), replace: true });
          }}
        />
        <SavedViews page="plans" />
      </FilterBar>
      <DataTable
        view="plans"
        label={t("plans.title")}
        columns={columns}
        rows={rows}
        rowKey={(plan) => plan.id}
        {...pagingProps(list)}
        onRowClick={(plan) => void navigate({ to: "/plans/$planId", params: { planId: plan.id } })}
        total={total}
        noun={{
          one: "plans.count.one",
          other: "plans.count.other",
          showing: "plans.count.showing",
        }}
        dense
        empty={
          <EmptyState
            icon={<IconLayersSubtract size={22} />}
            title={search.retired ? t("plans.emptyRetired") : t("plans.empty")}
          />
        }
      />
      <PlanFormModal
        opened={editing !== null}
        plan={editing === "new" || editing === null ? undefined : editing}
        onClose={() => setEditing(null)}
      />
    </>
  );
}
