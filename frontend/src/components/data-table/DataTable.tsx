import { Box, Button, Center, Group, Loader, Paper, Skeleton, Table, Text } from "@mantine/core";
import { useIntersection, useMediaQuery } from "@mantine/hooks";
import { useEffect, type KeyboardEvent, type MouseEvent, type ReactNode } from "react";
import { QueryError } from "@/components/ui/QueryError";
import { useI18n } from "@/lib/i18n/i18n";
import classes from "./DataTable.module.css";

/** Column describes one column of a DataTable: adding a column is one entry. */
export interface Column<T> {
  id: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  width?: number | string;
  align?: "left" | "right" | "center";
  /** Hide the column below the "sm" breakpoint. */
  hideOnMobile?: boolean;
  /**
   * The column that matters most besides the first (a status, a health).
   * Once a table marks one, below the "sm" breakpoint it shows only its
   * first column, the marked ones and the actions, across the screen's
   * width instead of scrolling sideways.
   */
  keepOnMobile?: boolean;
}

/** actionsColumn is the last column of a table: the row's action menu or buttons. */
export function actionsColumn<T>(cell: (row: T) => ReactNode, width = 56): Column<T> {
  return { id: "actions", header: "", width, align: "right", cell };
}

export interface DataTableProps<T> {
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  /** The first page is loading. */
  loading?: boolean;
  error?: unknown;
  onRetry?: () => void;
  /** Opens a row (by click or Enter); clicks on buttons and links inside the row are left alone. */
  onRowClick?: (row: T) => void;
  empty?: ReactNode;
  /** Paging: whether the server has another page. */
  hasMore?: boolean;
  loadingMore?: boolean;
  onLoadMore?: () => void;
  /** Load the next page when the end of the table scrolls into view. */
  autoLoad?: boolean;
  total?: number;
  label: string;
  /**
   * For lists with many columns: narrow cell padding, and fixed column widths
   * (the columns without a width share the rest and truncate their text).
   */
  dense?: boolean;
  /** Below this width (px) the table scrolls sideways instead of squeezing its columns. */
  minWidth?: number;
}

/** What pagingProps reads of an infinite query. */
interface PagedQuery {
  isPending: boolean;
  error: unknown;
  refetch: () => unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/** pagingProps are the DataTable props of a list loaded page by page: loading, error with retry, and more pages. */
export function pagingProps(list: PagedQuery) {
  return {
    loading: list.isPending,
    error: list.error,
    onRetry: () => void list.refetch(),
    hasMore: list.hasNextPage,
    loadingMore: list.isFetchingNextPage,
    onLoadMore: () => void list.fetchNextPage(),
  };
}

/**
 * isOwnPlainClick: whether an event on a row should open it. Clicks on
 * controls inside the row, and events that bubble up from a dialog or menu
 * the row opened (React portals bubble through the component tree), do not.
 */
function isOwnPlainClick(event: MouseEvent | KeyboardEvent): boolean {
  const target = event.target;
  if (!(target instanceof Element) || !event.currentTarget.contains(target)) return false;
  return (
    target.closest(
      "a, button, input, textarea, select, label, [role='menuitem'], [role='dialog'], [role='menu']",
    ) === null
  );
}

/**
 * DataTable is the list of every area: server-paged rows, a skeleton while the
 * first page loads, an empty state, and "load more" (automatic on scroll).
 */
export function DataTable<T>({
  columns,
  rows,
  rowKey,
  loading,
  error,
  onRetry,
  onRowClick,
  empty,
  hasMore,
  loadingMore,
  onLoadMore,
  autoLoad = true,
  total,
  label,
  dense = false,
  minWidth = 640,
}: DataTableProps<T>) {
  const { t, formatNumber } = useI18n();
  const { ref, entry } = useIntersection({ rootMargin: "200px" });
  const visible = entry?.isIntersecting ?? false;
  // Below "sm" (48em), a table with a column kept on mobile fits the screen.
  const small = useMediaQuery("(max-width: 48em)") ?? false;
  const prioritized = columns.some((c) => c.keepOnMobile);

  useEffect(() => {
    if (autoLoad && visible && hasMore && !loadingMore) onLoadMore?.();
  }, [autoLoad, visible, hasMore, loadingMore, onLoadMore]);

  if (error && rows.length === 0) return <QueryError error={error} onRetry={onRetry} />;

  const alignOf = (c: Column<T>) => c.align ?? "left";
  const kept = (c: Column<T>) => c === columns[0] || c.keepOnMobile || c.id === "actions";
  const cellClass = (c: Column<T>) =>
    c.hideOnMobile || (prioritized && !kept(c)) ? classes.hideOnMobile : undefined;

  return (
    <Paper withBorder className={classes.paper}>
      <Table.ScrollContainer minWidth={small && prioritized ? 0 : minWidth} type="native">
        <Table
          highlightOnHover={!!onRowClick}
          verticalSpacing="sm"
          horizontalSpacing={dense ? "xs" : "md"}
          layout={dense ? "fixed" : undefined}
          aria-label={label}
          aria-busy={loading || loadingMore}
          className={classes.table}
        >
          <Table.Thead className={classes.thead}>
            <Table.Tr>
              {columns.map((c) => (
                <Table.Th key={c.id} w={c.width} ta={alignOf(c)} className={cellClass(c)}>
                  {c.header}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {loading &&
              Array.from({ length: 8 }, (_, i) => (
                <Table.Tr key={`skeleton-${i}`} data-testid="skeleton-row">
                  {columns.map((c) => (
                    <Table.Td key={c.id} className={cellClass(c)}>
                      <Skeleton
                        height={12}
                        my={4}
                        width={c.align === "right" ? "40%" : "70%"}
                        ml={c.align === "right" ? "auto" : 0}
                      />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            {!loading &&
              rows.map((row) => (
                <Table.Tr
                  key={rowKey(row)}
                  data-row
                  className={onRowClick ? classes.clickable : undefined}
                  onClick={
                    onRowClick
                      ? (event: MouseEvent) => {
                          if (isOwnPlainClick(event)) onRowClick(row);
                        }
                      : undefined
                  }
                  onKeyDown={
                    onRowClick
                      ? (event: KeyboardEvent) => {
                          if (event.key === "Enter" && isOwnPlainClick(event)) onRowClick(row);
                        }
                      : undefined
                  }
                  tabIndex={onRowClick ? 0 : undefined}
                >
                  {columns.map((c) => (
                    <Table.Td key={c.id} ta={alignOf(c)} className={cellClass(c)}>
                      {c.cell(row)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {!loading && rows.length === 0 && <Box>{empty}</Box>}
      {!loading && rows.length > 0 && (
        <Group justify="space-between" px="md" py="sm" className={classes.footer}>
          <Text fz="sm" c="dimmed" className="tabular-nums">
            {total !== undefined && total > 0
              ? t("common.showing", {
                  shown: formatNumber(rows.length),
                  total: formatNumber(total),
                })
              : t("common.showingCount", { shown: formatNumber(rows.length) })}
          </Text>
          {hasMore && (
            <Button
              ref={ref}
              variant="default"
              size="xs"
              onClick={() => onLoadMore?.()}
              loading={loadingMore}
            >
              {t("common.loadMore")}
            </Button>
          )}
          {!hasMore && loadingMore && (
            <Center>
              <Loader size="xs" />
            </Center>
          )}
        </Group>
      )}
    </Paper>
  );
}
