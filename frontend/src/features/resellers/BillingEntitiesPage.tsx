import { Button, Text, Group } from "@mantine/core";
import { IconBuildingBank, IconPlus, IconReportMoney } from "@tabler/icons-react";
import { useNavigate } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import type { BillingEntity } from "@leitstand/sdk/leitstand/admin/v1/billing_entity_service_pb.js";
import { DataTable, type Column } from "@/components/data-table/DataTable";
import { EmptyState } from "@/components/ui/EmptyState";
import { Truncated } from "@/components/data-table/Truncated";
import { ButtonLink } from "@/components/ui/links";
import { PageHeader } from "@/components/ui/PageHeader";
import { useI18n, type I18n } from "@/lib/i18n/i18n";
import classes from "@/components/data-table/columns.module.css";
import { SavedViews } from "@/components/saved-views/SavedViews";
import { useBillingEntities, useManagesResellers } from "./api/resellers";
import { BillingEntityFormModal } from "./components/BillingEntityFormModal";
import { Capabilities, EntityStatusBadge, KindBadge } from "./components/ResellerBadges";

/**
 * BillingEntitiesPage lists the licensee and the resellers with their
 * capabilities and counts; a reseller's staff see their own entity only.
 */
export function BillingEntitiesPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const navigate = useNavigate();
  const list = useBillingEntities();
  const manages = useManagesResellers();
  const [creating, setCreating] = useState(false);
  const rows = list.data?.billingEntities ?? [];
  const columns = useMemo(() => entityColumns(i18n), [i18n]);

  return (
    <>
      <PageHeader
        title={t("resellers.title")}
        description={
          list.data && !manages && rows.length === 1
            ? t("resellers.descriptionOwn")
            : t("resellers.description")
        }
        actions={
          <>
            <ButtonLink
              to="/billing-entities/wholesale"
              variant="default"
              leftSection={<IconReportMoney size={16} />}
            >
              {t("resellers.wholesale.link")}
            </ButtonLink>
            {manages && (
              <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
                {t("resellers.new")}
              </Button>
            )}
          </>
        }
      />
      <Group justify="flex-end" mb="sm">
        <SavedViews page="billing_entities" />
      </Group>
      <DataTable
        view="billing_entities"
        label={t("resellers.title")}
        columns={columns}
        rows={rows}
        rowKey={(e) => e.id}
        loading={list.isPending}
        error={list.error}
        onRetry={() => void list.refetch()}
        onRowClick={(e) =>
          void navigate({
            to: "/billing-entities/$billingEntityId",
            params: { billingEntityId: e.id },
          })
        }
        total={list.data ? rows.length : undefined}
        noun={{
          one: "resellers.count.one",
          other: "resellers.count.other",
          showing: "resellers.count.showing",
        }}
        empty={<EmptyState icon={<IconBuildingBank size={22} />} title={t("resellers.empty")} />}
      />
      <BillingEntityFormModal opened={creating} onClose={() => setCreating(false)} />
    </>
  );
}

function entityColumns(i18n: I18n): Column<BillingEntity>[] {
  const { t, formatNumber } = i18n;
  const count = (n: number) => <span className="tabular-nums">{formatNumber(n)}</span>;
  return [
    {
      id: "name",
      header: t("resellers.col.name"),
      cell: (e) => (
        <div className={classes.name}>
          <Truncated>
            <Text span fz="sm" fw={600}>
              {e.name}
            </Text>
          </Truncated>
          {e.signupHandle && <Truncated className={classes.secondary}>{e.signupHandle}</Truncated>}
        </div>
      ),
    },
    {
      id: "kind",
      header: t("resellers.col.kind"),
      width: 130,
      hideOnMobile: true,
      cell: (e) => <KindBadge kind={e.kind} />,
    },
    {
      id: "status",
      header: t("resellers.col.status"),
      width: 130,
      keepOnMobile: true,
      cell: (e) => <EntityStatusBadge status={e.status} />,
    },
    {
      id: "capabilities",
      header: t("resellers.col.capabilities"),
      hideOnMobile: true,
      cell: (e) => <Capabilities entity={e} />,
    },
    {
      id: "organizations",
      header: t("resellers.col.organizations"),
      width: 120,
      align: "right",
      hideOnMobile: true,
      cell: (e) => count(e.organizationCount),
    },
    {
      id: "pending",
      header: t("resellers.col.pending"),
      width: 140,
      align: "right",
      hideOnMobile: true,
      cell: (e) => (
        <span className="tabular-nums" data-pending={e.pendingSignupCount}>
          {e.pendingSignupCount > 0 ? (
            <Text span fz="sm" fw={600} c="orange.8">
              {formatNumber(e.pendingSignupCount)}
            </Text>
          ) : (
            formatNumber(0)
          )}
        </span>
      ),
    },
    {
      id: "staff",
      header: t("resellers.col.staff"),
      width: 90,
      align: "right",
      hideOnMobile: true,
      cell: (e) => count(e.staffCount),
    },
  ];
}
