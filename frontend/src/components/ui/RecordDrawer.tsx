import { Drawer, Skeleton, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { LoadFailure } from "@/components/ui/DetailPageStates";

/**
 * RecordDrawer shows one record, loaded by its id, beside the list it was
 * opened from: a skeleton while it loads, that it does not exist or why it
 * could not be loaded, and then the record (the children).
 */
export function RecordDrawer({
  opened,
  onClose,
  size,
  title,
  query,
  icon,
  notFound,
  children,
}: {
  opened: boolean;
  onClose: () => void;
  size: "lg" | "xl";
  title: ReactNode;
  query: { isPending: boolean; error: Error | null; refetch: () => unknown };
  /** The icon and text of "not found". */
  icon: ReactNode;
  notFound: string;
  children: ReactNode;
}) {
  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      size={size}
      title={
        <Text fw={600} fz="lg">
          {title}
        </Text>
      }
    >
      {opened && query.isPending && <Skeleton height={320} />}
      {query.error && (
        <LoadFailure
          error={query.error}
          onRetry={() => void query.refetch()}
          icon={icon}
          notFound={notFound}
        />
      )}
      {children}
    </Drawer>
  );
}
