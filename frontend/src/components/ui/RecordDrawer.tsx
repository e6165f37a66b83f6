import { Drawer, Skeleton, Text } from "@mantine/core";
import { useNavigate, useRouter } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { LoadFailure } from "@/components/ui/DetailPageStates";

/** The history entry a drawer pushed when it opened, so closing it can step back over it. */
const drawerEntry = "recordDrawer";

/**
 * useRecordDrawer opens and closes a side panel through the URL: opening
 * adds the record's id under `param` as a new history entry, so the
 * browser's Back closes the panel and a reload opens it again. Closing
 * steps back over the entry the panel added; a panel opened by a link or a
 * reload (no entry of its own) is closed by replacing the address instead,
 * so Back never leaves the page by surprise.
 */
export function useRecordDrawer(param: string) {
  const navigate = useNavigate();
  const router = useRouter();
  const setParam = (value: string, push: boolean) =>
    void navigate({
      to: ".",
      search: ((prev: Record<string, unknown>) => ({ ...prev, [param]: value })) as never,
      replace: !push,
      state: ((prev: Record<string, unknown>) =>
        push ? { ...prev, [drawerEntry]: true } : prev) as never,
    });
  return {
    open: (id: string) => setParam(id, true),
    close: () => {
      const state = router.state.location.state as unknown as Record<string, unknown>;
      if (state[drawerEntry] === true) router.history.back();
      else setParam("", false);
    },
  };
}

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
