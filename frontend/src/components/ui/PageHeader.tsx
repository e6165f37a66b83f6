import { Breadcrumbs, Group, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { AnchorLink } from "@/components/ui/links";
import { useDocumentTitle } from "@/lib/document-title";
import type { FileRouteTypes } from "@/routeTree.gen";

export interface Crumb {
  label: string;
  to?: FileRouteTypes["to"];
}

export function PageHeader({
  title,
  description,
  actions,
  breadcrumbs,
  badge,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  breadcrumbs?: Crumb[];
  badge?: ReactNode;
}) {
  // The browser tab says which page it is: the title (while it is text),
  // then the crumbs back to the list, e.g. "Acme GmbH · Organizations · Leitstand".
  useDocumentTitle(
    typeof title === "string" ? title : undefined,
    ...(breadcrumbs ?? []).map((crumb) => crumb.label).reverse(),
  );
  return (
    <Stack gap={6} mb="lg">
      {breadcrumbs && breadcrumbs.length > 0 && (
        <Breadcrumbs separatorMargin={6} fz="sm">
          {breadcrumbs.map((crumb) =>
            crumb.to ? (
              <AnchorLink key={crumb.label} to={crumb.to} fz="sm" c="dimmed">
                {crumb.label}
              </AnchorLink>
            ) : (
              <Text key={crumb.label} fz="sm" c="dimmed">
                {crumb.label}
              </Text>
            ),
          )}
        </Breadcrumbs>
      )}
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
        <Stack gap={4} style={{ minWidth: 0, flex: "1 1 320px" }}>
          <Group gap="sm" wrap="nowrap" align="center">
            <Title order={1} style={{ overflowWrap: "anywhere" }}>
              {title}
            </Title>
            {badge}
          </Group>
          {description && (
            <Text c="dimmed" fz="sm">
              {description}
            </Text>
          )}
        </Stack>
        {actions && (
          <Group gap="sm" wrap="nowrap">
            {actions}
          </Group>
        )}
      </Group>
    </Stack>
  );
}
