import { Grid, SimpleGrid, Stack } from "@mantine/core";
import { PageHeader } from "@/components/ui/PageHeader";
import { useCaller } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { FailedRunsCard } from "./components/FailedRunsCard";
import { FailingSyncsCard } from "./components/FailingSyncsCard";
import { KeyFigures } from "./components/KeyFigures";
import { RecentChangesCard } from "./components/RecentChangesCard";
import { RevenueCard } from "./components/RevenueCard";
import { ServerHealthCard } from "./components/ServerHealthCard";
import { TopCustomersCard } from "./components/TopCustomersCard";
import { visibleSections } from "./sections";

/**
 * OverviewPage is the start page, the dashboard: how the business is doing
 * (the key figures, the revenue, the top customers), then what needs
 * attention across the platform. Each section appears only to callers who
 * may read what it shows, and loads and fails on its own.
 */
export function OverviewPage() {
  const { t } = useI18n();
  const sections = new Set(visibleSections(useCaller()));
  const counts = sections.has("counts");
  const revenue = sections.has("revenue");
  const middle = [
    sections.has("syncs") && <FailingSyncsCard key="syncs" />,
    sections.has("runs") && <FailedRunsCard key="runs" />,
  ].filter(Boolean);
  return (
    <>
      <PageHeader title={t("overview.title")} description={t("overview.description")} />
      <Stack gap="lg">
        {(counts || revenue) && <KeyFigures counts={counts} revenue={revenue} />}
        {revenue && (
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, lg: 7 }}>
              <RevenueCard />
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 5 }}>
              <TopCustomersCard />
            </Grid.Col>
          </Grid>
        )}
        {sections.has("servers") && <ServerHealthCard />}
        {middle.length > 0 && (
          <SimpleGrid cols={{ base: 1, lg: middle.length }} spacing="lg">
            {middle}
          </SimpleGrid>
        )}
        {sections.has("changes") && <RecentChangesCard />}
      </Stack>
    </>
  );
}
