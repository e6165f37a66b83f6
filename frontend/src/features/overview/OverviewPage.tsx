import { Button, Center, Grid, Loader, Stack } from "@mantine/core";
import { IconLayoutDashboard } from "@tabler/icons-react";
import { useState, type ReactNode } from "react";
import { PageHeader } from "@/components/ui/PageHeader";
import { useCaller } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { useDashboardLayout } from "./api/overview";
import { CustomiseDashboard } from "./components/CustomiseDashboard";
import { FailedRunsCard } from "./components/FailedRunsCard";
import { FailingSyncsCard } from "./components/FailingSyncsCard";
import { KeyFigures } from "./components/KeyFigures";
import { RecentChangesCard } from "./components/RecentChangesCard";
import { RevenueCard } from "./components/RevenueCard";
import { ServerHealthCard } from "./components/ServerHealthCard";
import { TopCustomersCard } from "./components/TopCustomersCard";
import { allowedWidgets, arrange, rows, visibleSections, type DashboardWidget } from "./sections";

/**
 * OverviewPage is the start page, the dashboard: how the business is doing
 * (the key figures, the revenue, the top customers), then what needs
 * attention across the platform. Each widget appears only to callers who
 * may read what it shows, and loads and fails on its own. Each member of
 * staff arranges their own (Customise): the order, what is hidden; the
 * server keeps it, so it follows them to another browser.
 */
export function OverviewPage() {
  const { t } = useI18n();
  const caller = useCaller();
  const sections = new Set(visibleSections(caller));
  const allowed = allowedWidgets(caller);
  const layout = useDashboardLayout();
  const [customising, setCustomising] = useState(false);
  // Without an answer (an older server, a failure) the default is shown.
  const placed = arrange(allowed, layout.data?.layout?.widgets);
  const shown = placed.filter((w) => !w.hidden).map((w) => w.id);

  const widget: Record<DashboardWidget, () => ReactNode> = {
    key_figures: () => (
      <KeyFigures counts={sections.has("counts")} revenue={sections.has("revenue")} />
    ),
    revenue: () => <RevenueCard />,
    top_customers: () => <TopCustomersCard />,
    server_health: () => <ServerHealthCard />,
    failing_syncs: () => <FailingSyncsCard />,
    failed_runs: () => <FailedRunsCard />,
    recent_changes: () => <RecentChangesCard />,
  };

  return (
    <>
      <PageHeader
        title={t("overview.title")}
        description={t("overview.description")}
        actions={
          allowed.length > 0 &&
          !customising && (
            <Button
              variant="default"
              leftSection={<IconLayoutDashboard size={16} />}
              onClick={() => setCustomising(true)}
              disabled={layout.isPending}
            >
              {t("overview.customise")}
            </Button>
          )
        }
      />
      {customising && (
        <CustomiseDashboard
          placed={placed}
          customised={layout.data?.layout?.customised ?? false}
          onDone={() => setCustomising(false)}
        />
      )}
      {layout.isPending ? (
        <Center py="xl">
          <Loader size="sm" />
        </Center>
      ) : (
        <Stack gap="lg" data-testid="dashboard">
          {rows(shown).map((row) =>
            row.length === 1 ? (
              <div key={row[0]!.id} data-widget={row[0]!.id}>
                {widget[row[0]!.id]()}
              </div>
            ) : (
              <Grid key={row.map((w) => w.id).join("+")} gap="lg">
                {row.map((w) => (
                  <Grid.Col key={w.id} span={{ base: 12, lg: w.span }} data-widget={w.id}>
                    {widget[w.id]()}
                  </Grid.Col>
                ))}
              </Grid>
            ),
          )}
        </Stack>
      )}
    </>
  );
}
