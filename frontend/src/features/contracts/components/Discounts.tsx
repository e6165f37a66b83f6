import { Button, Stack, Text } from "@mantine/core";
import { IconDiscount, IconPlus, IconCalendarX } from "@tabler/icons-react";
import { useMemo, useState } from "react";
import {
  DiscountKind,
  type Discount,
} from "@leitstand/sdk/leitstand/admin/v1/contract_service_pb.js";
import { actionsColumn, DataTable, type Column } from "@/components/data-table/DataTable";
import { ListEmptyState } from "@/components/data-table/ListFilters";
import { Truncated } from "@/components/data-table/Truncated";
import { RowActions } from "@/components/row-actions/RowActions";
import { StatusBadge, type Tone } from "@/components/ui/Badges";
import { Section } from "@/components/ui/Section";
import { formatCivilDate, todayIn } from "@/lib/format";
import { useI18n, type I18n } from "@/lib/i18n/i18n";
import { percentText } from "@/lib/percent";
import classes from "@/components/data-table/columns.module.css";
import { useBillingDates, useDiscounts } from "../api/contracts";
import { kindKey } from "../discounts";
import { EndDiscountModal } from "./EndDiscountModal";
import { GrantDiscountModal } from "./GrantDiscountModal";

/** Where a discount is in its life: in force today, still to come, or over. */
export type DiscountState = "active" | "upcoming" | "ended";

/** discountState tells where a discount is on today (YYYY-MM-DD); the server's `active` decides "active". */
export function discountState(discount: Discount, today: string): DiscountState {
  if (discount.active) return "active";
  return discount.startDate > today ? "upcoming" : "ended";
}

const stateTone: Record<DiscountState, Tone> = {
  active: "ok",
  upcoming: "active",
  ended: "neutral",
};

function discountColumns(
  i18n: I18n,
  today: string,
  onEnd: ((discount: Discount) => void) | null,
): Column<Discount>[] {
  const { t, locale } = i18n;
  const dimmed = (text: string) => <span className={classes.dimmed}>{text}</span>;
  const columns: Column<Discount>[] = [
    {
      id: "name",
      header: t("contracts.discount.col.name"),
      cell: (d) => <Truncated>{d.name}</Truncated>,
    },
    {
      id: "kind",
      header: t("contracts.discount.col.kind"),
      width: 120,
      hideOnMobile: true,
      cell: (d) => <span data-kind={DiscountKind[d.kind]}>{t(kindKey(d.kind))}</span>,
    },
    {
      id: "scope",
      header: t("contracts.discount.col.scope"),
      width: 180,
      hideOnMobile: true,
      cell: (d) =>
        d.workspaceId ? (
          <Truncated>{t("contracts.discount.workspace", { name: d.workspaceName })}</Truncated>
        ) : (
          t("contracts.discount.organization")
        ),
    },
    {
      id: "percent",
      header: t("contracts.discount.col.percent"),
      width: 90,
      align: "right",
      keepOnMobile: true,
      cell: (d) => <span data-percent>{percentText(d.basisPoints, locale)}</span>,
    },
    {
      id: "start",
      header: t("contracts.discount.col.start"),
      width: 120,
      hideOnMobile: true,
      cell: (d) => formatCivilDate(d.startDate, locale),
    },
    {
      id: "end",
      header: t("contracts.discount.col.end"),
      width: 120,
      hideOnMobile: true,
      cell: (d) =>
        d.endDate ? formatCivilDate(d.endDate, locale) : dimmed(t("contracts.discount.open")),
    },
    {
      id: "state",
      header: t("contracts.discount.col.state"),
      width: 120,
      keepOnMobile: true,
      cell: (d) => {
        const state = discountState(d, today);
        return (
          <StatusBadge tone={stateTone[state]} data-state={state}>
            {t(`contracts.discount.state.${state}`)}
          </StatusBadge>
        );
      },
    },
    {
      id: "reason",
      header: t("contracts.discount.col.reason"),
      hideOnMobile: true,
      cell: (d) => {
        const reason = d.endReason
          ? t("contracts.discount.endedBecause", { reason: d.endReason })
          : d.reason;
        return reason ? <Truncated>{reason}</Truncated> : dimmed("—");
      },
    },
  ];
  if (onEnd) {
    columns.push(
      actionsColumn((d) => (
        <RowActions
          label={d.name}
          actions={[
            {
              id: "end",
              label: t("contracts.discount.end"),
              icon: <IconCalendarX size={16} />,
              color: "red",
              // Over already: nothing left to end.
              hidden: discountState(d, today) === "ended",
              onSelect: () => onEnd(d),
            },
          ]}
        />
      )),
    );
  }
  return columns;
}

/**
 * Discounts is the discounts section of an organization's Contract tab:
 * all its discounts, those in force first, and for staff who may write
 * contracts the grant form and each discount's End.
 */
export function Discounts({
  organization,
  canWrite,
}: {
  organization: { id: string; name: string };
  canWrite: boolean;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const list = useDiscounts(organization.id);
  // Today in the billing calendar's time zone (the browser's until it is known).
  const calendar = useBillingDates(organization.id, true);
  const today = todayIn(calendar.data?.timeZone ?? "");
  const [granting, setGranting] = useState(false);
  const [ending, setEnding] = useState<Discount | null>(null);
  const rows = list.data?.discounts ?? [];
  const columns = useMemo(
    () => discountColumns(i18n, today, canWrite ? setEnding : null),
    [i18n, today, canWrite],
  );

  return (
    <Section
      title={t("contracts.discounts")}
      actions={
        canWrite && (
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setGranting(true)}>
            {t("contracts.discount.grant")}
          </Button>
        )
      }
    >
      <Stack gap="sm" data-testid="discounts">
        <Text fz="sm" c="dimmed">
          {t("contracts.discount.hint")}
        </Text>
        <DataTable
          label={t("contracts.discounts")}
          columns={columns}
          rows={rows}
          rowKey={(d) => d.id}
          loading={list.isPending}
          error={list.error}
          onRetry={() => void list.refetch()}
          dense
          total={list.data ? rows.length : undefined}
          noun={{
            one: "contracts.discount.count.one",
            other: "contracts.discount.count.other",
            showing: "contracts.discount.count.showing",
          }}
          empty={
            <ListEmptyState
              icon={<IconDiscount size={22} />}
              filtered={false}
              title={t("contracts.discount.none")}
              onClearFilters={() => undefined}
            />
          }
        />
      </Stack>
      {canWrite && (
        <>
          <GrantDiscountModal
            opened={granting}
            onClose={() => setGranting(false)}
            organization={organization}
            today={today}
          />
          <EndDiscountModal
            opened={ending !== null}
            onClose={() => setEnding(null)}
            discount={ending}
            today={today}
          />
        </>
      )}
    </Section>
  );
}
