import { Breadcrumbs, Group, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { Truncated } from "@/components/data-table/Truncated";
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
  meta,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  breadcrumbs?: Crumb[];
  badge?: ReactNode;
  /** A line under the title, e.g. the record's id with its copy button. */
  meta?: ReactNode;
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
        <Breadcrumbs separatorMargin={6} fz="sm" style={{ flexWrap: "wrap", minWidth: 0 }}>
          {breadcrumbs.map((crumb) =>
            crumb.to ? (
              <AnchorLink key={crumb.label} to={crumb.to} fz="sm" c="dimmed" maw="40ch">
                <Truncated>{crumb.label}</Truncated>
              </AnchorLink>
            ) : (
              <Text key={crumb.label} fz="sm" c="dimmed" maw="40ch">
                <Truncated>{crumb.label}</Truncated>
              </Text>
            ),
          )}
        </Breadcrumbs>
      )}
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
        <Stack gap={4} style={{ minWidth: 0, flex: "1 1 320px" }}>
          {/* A long title is cut to one line (the whole in a tooltip); the
              badge beside it keeps its size. */}
          <Group gap="sm" wrap="nowrap" align="center" style={{ minWidth: 0 }}>
            <Title order={1} style={{ minWidth: 0 }}>
              {typeof title === "string" ? <Truncated>{title}</Truncated> : title}
            </Title>
            {badge && <div style={{ flexShrink: 0, display: "flex" }}>{badge}</div>}
          </Group>
          {meta}
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
