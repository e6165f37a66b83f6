import { Group, Paper, Skeleton, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { QueryError } from "@/components/ui/QueryError";

/** What a card reads of its query. */
interface CardQuery {
  isPending: boolean;
  error: unknown;
  refetch: () => unknown;
}

/**
 * OverviewCard is one section of the dashboard: its title and link to the
 * full list, skeleton lines while its data loads, its own error with a
 * retry (the other sections stay), then its content. It fills the height
 * of its grid cell, so cards side by side end on one line.
 */
export function OverviewCard({
  id,
  title,
  action,
  query,
  skeletonLines = 4,
  children,
}: {
  id: string;
  title: string;
  action?: ReactNode;
  query: CardQuery;
  skeletonLines?: number;
  children: () => ReactNode;
}) {
  const headingId = `overview-${id}`;
  return (
    <Paper
      withBorder
      p="lg"
      h="100%"
      component="section"
      aria-labelledby={headingId}
      aria-busy={query.isPending}
      data-testid={headingId}
    >
      <Group justify="space-between" mb="md" gap="xs">
        <Title order={2} fz="h3" id={headingId}>
          {title}
        </Title>
        {action}
      </Group>
      {query.error ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.isPending ? (
        <Stack gap="sm" data-testid="overview-skeleton">
          {Array.from({ length: skeletonLines }, (_, i) => (
            <Skeleton key={i} height={18} width={i % 2 ? "60%" : "85%"} />
          ))}
        </Stack>
      ) : (
        children()
      )}
    </Paper>
  );
}

/** EmptyLine is a section's sentence when there is nothing to show. */
export function EmptyLine({ children }: { children: ReactNode }) {
  return (
    <Text fz="sm" c="dimmed">
      {children}
    </Text>
  );
}
