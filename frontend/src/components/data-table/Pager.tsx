import { Button, Group, Text } from "@mantine/core";
import { IconChevronLeft, IconChevronRight } from "@tabler/icons-react";
import { useState } from "react";
import { useI18n } from "@/lib/i18n/i18n";

/** What usePages reads of an infinite query (keyset pages, each with the next page's token). */
interface InfiniteList<P> {
  data?: { pages: P[] };
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/** One page of a list paged with "previous" and "next". */
export interface PageOf<P> {
  /** The page shown; undefined while the first is loading. */
  page: P | undefined;
  /** Its position, from 0. */
  index: number;
  /** The rows of the pages before it. */
  offset: number;
  hasPrevious: boolean;
  hasNext: boolean;
  /** The next page is being fetched. */
  loading: boolean;
  previous: () => void;
  next: () => void;
}

/**
 * usePages shows an infinite query (keyset paging: a page token leads only
 * forward) one page at a time. The pages fetched stay in the query, so
 * "previous" shows the one before without asking again; "next" fetches a
 * page not fetched yet. A new key (the list's filters and order) starts on
 * the first page again.
 */
export function usePages<P>(
  list: InfiniteList<P>,
  key: string,
  /** The rows of a page. */
  size: (page: P) => number,
): PageOf<P> {
  const [state, setState] = useState({ key, index: 0 });
  const pages = list.data?.pages ?? [];
  const wanted = state.key === key ? state.index : 0;
  // While the next page loads, the last one fetched stays in view.
  const index = Math.max(0, Math.min(wanted, pages.length - 1));
  return {
    page: pages[index],
    index,
    offset: pages.slice(0, index).reduce((sum, p) => sum + size(p), 0),
    hasPrevious: index > 0,
    hasNext: index < pages.length - 1 || list.hasNextPage,
    loading: wanted > index && list.isFetchingNextPage,
    previous: () => setState({ key, index: Math.max(0, index - 1) }),
    next: () => {
      if (index + 1 >= pages.length) void list.fetchNextPage();
      setState({ key, index: index + 1 });
    },
  };
}

/**
 * Pager is the foot of a list paged with "previous" and "next": which rows
 * of how many it shows ("51–100 of 120"), and the two buttons.
 */
export function Pager({
  pages,
  shown,
  total,
}: {
  pages: PageOf<unknown>;
  /** The rows on the page shown. */
  shown: number;
  /** All rows that match, when the API counts them. */
  total?: number;
}) {
  const { t, formatNumber } = useI18n();
  const first = pages.offset + 1;
  const last = pages.offset + shown;
  return (
    <Group justify="space-between" w="100%" gap="sm" wrap="wrap">
      <Text fz="sm" c="dimmed" className="tabular-nums" data-testid="list-count">
        {t("table.range", {
          first: formatNumber(first),
          last: formatNumber(last),
          total: formatNumber(total ?? last),
        })}
      </Text>
      {(pages.hasPrevious || pages.hasNext) && (
        <Group gap="xs" role="group" aria-label={t("table.pager")}>
          <Button
            variant="default"
            size="xs"
            leftSection={<IconChevronLeft size={14} />}
            disabled={!pages.hasPrevious}
            onClick={pages.previous}
          >
            {t("table.previous")}
          </Button>
          <Button
            variant="default"
            size="xs"
            rightSection={<IconChevronRight size={14} />}
            disabled={!pages.hasNext}
            loading={pages.loading}
            onClick={pages.next}
          >
            {t("table.next")}
          </Button>
        </Group>
      )}
    </Group>
  );
}
