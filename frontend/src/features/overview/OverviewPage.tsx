import { SimpleGrid, Stack } from "@mantine/core";
import { PageHeader } from "@/components/ui/PageHeader";
import { useCaller } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { FailedRunsCard } from "./components/FailedRunsCard";
import { FailingSyncsCard } from "./components/FailingSyncsCard";
import { RecentChangesCard } from "./components/RecentChangesCard";
import { ServerHealthCard } from "./components/ServerHealthCard";
import { visibleSections } from "./sections";

/**
 * OverviewPage is the start page: what needs attention across the
 * platform. Each section appears only to callers who may read what it
 * shows, and loads and fails on its own.
 */
export function OverviewPage() {
  const { t } = useI18n();
  const sections = new Set(visibleSections(useCaller()));
  const middle = [
    sections.has("syncs") && <FailingSyncsCard key="syncs" />,
    sections.has("runs") && <FailedRunsCard key="runs" />,
  ].filter(Boolean);
  return (
    <>
      <PageHeader title={t("overview.title")} description={t("overview.description")} />
      <Stack gap="lg">
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
