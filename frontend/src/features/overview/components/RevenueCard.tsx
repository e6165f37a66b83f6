import { Skeleton, Stack, Text } from "@mantine/core";
import { lazy, Suspense } from "react";
import { AnchorLink } from "@/components/ui/links";
import { useI18n } from "@/lib/i18n/i18n";
import { useRevenueSummary } from "../api/overview";
import { revenuePoints, totalInvoiced } from "../revenue";
import { EmptyLine, OverviewCard } from "./OverviewCard";

const RevenueChart = lazy(() =>
  import("./RevenueChart").then((m) => ({ default: m.RevenueChart })),
);

/** The chart's height while its module loads (RevenueChart's, which loads with it). */
const chartHeight = 260;

/**
 * RevenueCard shows the last twelve months' revenue: what was invoiced in
 * them (net), and a chart of each month's invoiced revenue and MRR.
 */
export function RevenueCard() {
  const { t, formatMoney } = useI18n();
  const summary = useRevenueSummary();
  return (
    <OverviewCard
      id="revenue"
      title={t("overview.revenue.title")}
      query={summary}
      skeletonLines={6}
      action={
        <AnchorLink to="/invoices" fz="sm">
          {t("overview.revenue.invoices")}
        </AnchorLink>
      }
    >
      {() => {
        const data = summary.data!;
        const currency = data.currency || "EUR";
        const points = revenuePoints(data.months, currency);
        const empty = data.months.every((m) => m.mrrCents === 0n && m.invoicedNetCents === 0n);
        return (
          <Stack gap="xs">
            <Text fz="sm" className="tabular-nums" data-testid="revenue-total">
              <Text span fw={600} fz="sm">
                {formatMoney(totalInvoiced(data.months), currency)}
              </Text>{" "}
              <Text span c="dimmed" fz="sm">
                {t("overview.revenue.total")}
              </Text>
            </Text>
            {empty ? (
              <EmptyLine>{t("overview.revenue.none")}</EmptyLine>
            ) : (
              <div
                data-testid="chart-revenue"
                data-points={points.length}
                role="img"
                aria-label={t("overview.revenue.chart")}
              >
                <Suspense fallback={<Skeleton height={chartHeight} />}>
                  <RevenueChart points={points} currency={currency} />
                </Suspense>
              </div>
            )}
            <Text fz="xs" c="dimmed">
              {t("overview.revenue.explain")}
            </Text>
          </Stack>
        );
      }}
    </OverviewCard>
  );
}
