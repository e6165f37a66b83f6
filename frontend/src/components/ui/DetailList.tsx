import { SimpleGrid, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";

export interface Detail {
  label: string;
  value: ReactNode;
}

/**
 * DetailList shows labelled values in a grid (a description list). On a
 * phone it keeps two columns, so the facts of a page stay one screen.
 */
export function DetailList({ items, cols = 2 }: { items: Detail[]; cols?: number }) {
  return (
    <SimpleGrid
      cols={{ base: Math.min(2, cols), sm: cols }}
      spacing={{ base: "md", sm: "lg" }}
      verticalSpacing={{ base: "sm", sm: "md" }}
      component="dl"
      m={0}
    >
      {items.map((item) => (
        <Stack key={item.label} gap={2}>
          <Text component="dt" fz="xs" fw={600} c="dimmed" tt="uppercase" lts={0.4}>
            {item.label}
          </Text>
          <Text component="dd" m={0} fz="sm" style={{ overflowWrap: "anywhere" }}>
            {item.value}
          </Text>
        </Stack>
      ))}
    </SimpleGrid>
  );
}
