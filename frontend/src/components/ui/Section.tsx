import { Group, Paper, Title } from "@mantine/core";
import type { ReactNode } from "react";

/** Section is a titled card on a detail page. */
export function Section({
  title,
  actions,
  children,
  padding = "lg",
}: {
  title?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  padding?: "md" | "lg" | 0;
}) {
  return (
    <Paper withBorder p={padding}>
      {(title || actions) && (
        <Group
          justify="space-between"
          mb="md"
          px={padding === 0 ? "lg" : 0}
          pt={padding === 0 ? "lg" : 0}
        >
          {title && <Title order={3}>{title}</Title>}
          {actions}
        </Group>
      )}
      {children}
    </Paper>
  );
}
