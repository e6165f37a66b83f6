import {
  Box,
  Button,
  Center,
  Group,
  Loader,
  Paper,
  Skeleton,
  Table,
  Text,
  UnstyledButton,
} from "@mantine/core";
import { useIntersection } from "@mantine/hooks";
import { IconArrowDown, IconArrowUp, IconArrowsSort } from "@tabler/icons-react";
import {
  Fragment,
  useEffect,
  useMemo,
  type CSSProperties,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
} from "react";
import type { SavedViewPage } from "@/components/saved-views/api";
import { chosenColumns, registerColumns, useColumnChoice } from "@/components/saved-views/columns";
import { QueryError } from "@/components/ui/QueryError";
import { useI18n } from "@/lib/i18n/i18n";
import classes from "./DataTable.module.css";
import { ListFooter, type CountNoun } from "./ListFooter";

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
  /**
   * The list's sort values (as in the URL) that sort by this column; its
   * header then sorts on click. `first` is the direction of the first click
   * (descending for usage, where the highest matters). A list the API sorts
   * one way only by this column has no `desc`.
   */
  sort?: { asc: string; desc?: string; first?: "asc" | "desc" };
  /**
   * Always shown, where it is: the column menu of a table with a `view`
   * cannot hide or move it. The first column (the key) and the actions are
   * fixed without saying so.
   */
  fixed?: boolean;
}

/** The width a column without a width of its own keeps before the table scrolls sideways. */
const flexibleMinWidth = 160;

/**
 * nextSort is the sort a click on a column's header asks for: its first
 * direction, or the other one when the list is already sorted by it.
 */
export function nextSort(column: NonNullable<Column<unknown>["sort"]>, current?: string): string {
  if (column.desc === undefined) return column.asc;
  if (current === column.asc) return column.desc;
  if (current === column.desc) return column.asc;
  return column.first === "desc" ? column.desc : column.asc;
}

/** isFixed: whether the column menu leaves a column alone (the first, the actions, and those marked fixed). */
function isFixed(c: { id: string; fixed?: boolean }, index: number): boolean {
  return index === 0 || c.id === "actions" || c.fixed === true;
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
  /**
   * For a list shown a page at a time: its foot (a Pager), in place of the
   * count and "load more".
   */
  pager?: ReactNode;
  /**
   * What an opened row shows beneath it, across the table's width (its
   * parts, its details); undefined while it is closed. The row's own cells
   * hold the control that opens it.
   */
  expandedRow?: (row: T) => ReactNode | undefined;
  total?: number;
  label: string;
  /** What the list holds, for the count under it ("45 organizations"). */
  noun?: CountNoun;
  /** The current sort (a column's sort value), and where a click on a sortable header sends it. */
  sort?: string;
  onSortChange?: (sort: string) => void;
  /** For lists with many columns: narrow cell padding. */
  dense?: boolean;
  /**
   * Below this width (px) the table scrolls sideways instead of squeezing its
   * columns. By default, the columns' widths and a share for each column
   * without one, counting only the columns shown at the screen's width.
   */
  minWidth?: number;
  /**
   * The list page the table is the list of (its key for saved views): its
   * columns follow the user's choice of that page (a saved view's, or the
   * column menu's), and the page's SavedViews control offers them.
   */
  view?: SavedViewPage;
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
  columns: allColumns,
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
  pager,
  expandedRow,
  total,
  label,
  noun,
  sort,
  onSortChange,
  dense = false,
  minWidth,
  view,
}: DataTableProps<T>) {
  const { t, formatNumber } = useI18n();
  const choice = useColumnChoice(view);
  useEffect(() => {
    if (view) {
      registerColumns(
        view,
        allColumns.map((c, i) => ({ id: c.id, header: c.header, fixed: isFixed(c, i) })),
      );
    }
  }, [view, allColumns]);
  const columns = useMemo(() => chosenColumns(allColumns, choice, isFixed), [allColumns, choice]);
  const { ref, entry } = useIntersection({ rootMargin: "200px" });
  const visible = entry?.isIntersecting ?? false;

  useEffect(() => {
    if (autoLoad && visible && hasMore && !loadingMore) onLoadMore?.();
  }, [autoLoad, visible, hasMore, loadingMore, onLoadMore]);

  if (error && rows.length === 0) return <QueryError error={error} onRetry={onRetry} />;

  const alignOf = (c: Column<T>) => c.align ?? "left";
  const prioritized = columns.some((c) => c.keepOnMobile);
  const kept = (c: Column<T>) => c === columns[0] || c.keepOnMobile || c.id === "actions";
  const hiddenOnMobile = (c: Column<T>) => c.hideOnMobile || (prioritized && !kept(c));
  const cellClass = (c: Column<T>) =>
    hiddenOnMobile(c) ? `${classes.cell} ${classes.hideOnMobile}` : classes.cell;
  // The layout is fixed: columns with a width keep it, the others share the
  // rest, and what does not fit in a cell is cut with an ellipsis. A long
  // name cannot widen its column and push the others off the screen.
  const widthOf = (shown: Column<T>[]) =>
    shown.reduce((sum, c) => sum + (typeof c.width === "number" ? c.width : flexibleMinWidth), 0);
  const tableMin = {
    "--data-table-min": `${minWidth ?? widthOf(columns)}px`,
    // A table with a column kept on mobile fits the phone's width.
    "--data-table-min-mobile": prioritized
      ? "0px"
      : `${minWidth ?? widthOf(columns.filter((c) => !hiddenOnMobile(c)))}px`,
  } as CSSProperties;

  return (
    <Paper withBorder className={classes.paper}>
      <Table.ScrollContainer minWidth={0} type="native">
        <Table
          highlightOnHover={!!onRowClick}
          verticalSpacing="sm"
          horizontalSpacing={dense ? "xs" : "md"}
          layout="fixed"
          aria-label={label}
          aria-busy={loading || loadingMore}
          className={classes.table}
          style={tableMin}
        >
          <Table.Thead className={classes.thead}>
            <Table.Tr>
              {columns.map((c) => {
                const direction =
                  c.sort && sort === c.sort.asc
                    ? "ascending"
                    : c.sort?.desc !== undefined && sort === c.sort.desc
                      ? "descending"
                      : undefined;
                return (
                  <Table.Th
                    key={c.id}
                    w={c.width}
                    ta={alignOf(c)}
                    className={cellClass(c)}
                    aria-sort={c.sort && onSortChange ? (direction ?? "none") : undefined}
                  >
                    {c.sort && onSortChange ? (
                      <SortHeader
                        align={alignOf(c)}
                        direction={direction}
                        onClick={() => onSortChange(nextSort(c.sort!, sort))}
                      >
                        {c.header}
                      </SortHeader>
                    ) : (
                      c.header
                    )}
                  </Table.Th>
                );
              })}
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
                <Fragment key={rowKey(row)}>
                  <Table.Tr
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
                  <ExpandedRow content={expandedRow?.(row)} span={columns.length} />
                </Fragment>
              ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {!loading && rows.length === 0 && <Box>{empty}</Box>}
      {!loading && rows.length > 0 && pager && (
        <Group px="md" py="sm" className={classes.footer}>
          {pager}
        </Group>
      )}
      {!loading && rows.length > 0 && !pager && (
        <Group justify="space-between" px="md" py="sm" className={classes.footer}>
          {noun ? (
            <ListFooter noun={noun} shown={rows.length} total={total} />
          ) : (
            <Text fz="sm" c="dimmed" className="tabular-nums">
              {total !== undefined && total > 0
                ? t("common.showing", {
                    shown: formatNumber(rows.length),
                    total: formatNumber(total),
                  })
                : t("common.showingCount", { shown: formatNumber(rows.length) })}
            </Text>
          )}
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

/**
 * ExpandedRow is what an opened row shows beneath it: one cell across every
 * column. It is no row of the list (no data-row): it belongs to the one above.
 */
function ExpandedRow({ content, span }: { content: ReactNode; span: number }) {
  if (content === undefined || content === null || content === false) return null;
  return (
    <Table.Tr className={classes.expanded} data-expanded>
      <Table.Td colSpan={span} className={classes.expandedCell}>
        {content}
      </Table.Td>
    </Table.Tr>
  );
}

/** SortHeader is a sortable column's header: its name and the direction it sorts in. */
function SortHeader({
  align,
  direction,
  onClick,
  children,
}: {
  align: "left" | "right" | "center";
  direction?: "ascending" | "descending";
  onClick: () => void;
  children: ReactNode;
}) {
  const Icon =
    direction === "ascending"
      ? IconArrowUp
      : direction === "descending"
        ? IconArrowDown
        : IconArrowsSort;
  return (
    <UnstyledButton
      onClick={onClick}
      className={classes.sortButton}
      data-active={direction ? true : undefined}
      style={{ justifyContent: align === "right" ? "flex-end" : "flex-start" }}
    >
      <span className={classes.sortLabel}>{children}</span>
      <Icon size={14} stroke={1.8} aria-hidden className={classes.sortIcon} />
    </UnstyledButton>
  );
}
