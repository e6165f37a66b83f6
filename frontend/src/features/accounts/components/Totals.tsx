import { Badge, Paper, SimpleGrid, Skeleton, Stack, Text, UnstyledButton } from "@mantine/core";
import {
  RevenueClass,
  type AccountTotals,
} from "@leitstand/sdk/leitstand/admin/v1/account_service_pb.js";
import { formatCivilDate } from "@/lib/format";
import { useI18n } from "@/lib/i18n/i18n";
import { classColor, classKey, monthDays, revenueClasses } from "../rollup";
import { formatMonth } from "@/lib/format";
import type { ClassName } from "../search";
import classes from "./Accounts.module.css";

/** Figure is one sum of the strip: what it is, the amount, and of when. */
function Figure({
  id,
  label,
  value,
  hint,
}: {
  id: string;
  label: string;
  value: string | undefined;
  hint: string;
}) {
  return (
    <Stack gap={2} className={classes.figure} data-testid={`total-${id}`}>
      <Text fz="xs" c="dimmed" fw={600} tt="uppercase" truncate>
        {label}
      </Text>
      {value === undefined ? (
        <Skeleton height={24} width="70%" my={2} />
      ) : (
        <Text fz="lg" fw={700} className="tabular-nums" truncate>
          {value}
        </Text>
      )}
      <Text fz="xs" c="dimmed" truncate>
        {hint}
      </Text>
    </Stack>
  );
}

const countOf = (totals: AccountTotals, c: RevenueClass): number => {
  switch (c) {
    case RevenueClass.TRIAL:
      return totals.trial;
    case RevenueClass.MANAGED:
      return totals.managed;
    case RevenueClass.PAYING:
      return totals.paying;
    case RevenueClass.COMPED:
      return totals.comped;
    default:
      return 0;
  }
};

/**
 * Totals is the strip above the rollup: the MRR at the month's start and
 * end (a forecast for this month), what was invoiced and paid, and how many
 * accounts are of each revenue class; a class's count shows that class alone.
 * The sums are of every account that matches, not of the page.
 */
export function Totals({
  totals,
  month,
  current,
  selected,
  onOnlyClass,
}: {
  /** undefined while loading. */
  totals: AccountTotals | undefined;
  /** YYYY-MM. */
  month: string;
  current: boolean;
  /** The classes the list is narrowed to. */
  selected: ClassName[];
  onOnlyClass: (name: ClassName) => void;
}) {
  const { t, locale, formatMoney, formatNumber } = useI18n();
  const money = (cents: bigint | undefined) =>
    cents === undefined || !totals ? undefined : formatMoney(cents, totals.currency || "EUR");
  const days = monthDays(month);
  return (
    <Paper withBorder p="md" mb="md" role="region" aria-label={t("accounts.totals")}>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="lg" verticalSpacing="md">
        <Figure
          id="mrrStart"
          label={t("accounts.totals.mrrStart")}
          value={money(totals?.mrrStartCents)}
          hint={t("accounts.totals.on", { day: formatCivilDate(days.first, locale) })}
        />
        <Figure
          id="mrrEnd"
          label={t(current ? "accounts.totals.mrrForecast" : "accounts.totals.mrrEnd")}
          value={money(totals?.mrrEndCents)}
          hint={t(current ? "accounts.totals.forecastFor" : "accounts.totals.on", {
            day: formatCivilDate(days.last, locale),
          })}
        />
        <Figure
          id="invoiced"
          label={t("accounts.totals.invoiced")}
          value={money(totals?.invoicedGrossCents)}
          hint={t("accounts.totals.invoicedHint", { month: formatMonth(month, locale) })}
        />
        <Figure
          id="paid"
          label={t("accounts.totals.paid")}
          value={money(totals?.paidCents)}
          hint={t("accounts.totals.paidHint")}
        />
        <Stack gap={2} role="group" aria-label={t("accounts.totals.classes")}>
          {revenueClasses.map((c) => {
            const name = RevenueClass[c] as ClassName;
            const label = t(classKey(c));
            const alone = selected.length === 1 && selected[0] === name;
            return (
              <UnstyledButton
                key={c}
                className={classes.classCount}
                data-active={alone || undefined}
                aria-pressed={alone}
                title={t("accounts.totals.onlyClass", { class: label })}
                onClick={() => onOnlyClass(name)}
                data-testid={`count-${name}`}
                py={2}
              >
                <Badge color={classColor[c]} variant="light" size="sm">
                  {label}
                </Badge>
                {totals ? (
                  <Text fz="sm" fw={600} className="tabular-nums">
                    {formatNumber(countOf(totals, c))}
                  </Text>
                ) : (
                  <Skeleton height={12} width={24} />
                )}
              </UnstyledButton>
            );
          })}
        </Stack>
      </SimpleGrid>
      <Text fz="xs" c="dimmed" mt="sm">
        {t("accounts.totals.hint")}
      </Text>
    </Paper>
  );
}
