import { useQuery } from "@connectrpc/connect-query";
import { Group, Kbd, Loader, Text, UnstyledButton } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { createSpotlight, Spotlight, type SpotlightStore } from "@mantine/spotlight";
import "@mantine/spotlight/styles.layer.css";
import type { Icon } from "@tabler/icons-react";
import {
  IconApps,
  IconBox,
  IconBuildingStore,
  IconDisc,
  IconPlugConnected,
  IconSearch,
  IconServer,
  IconStack2,
  IconUser,
} from "@tabler/icons-react";
import { skipToken } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import { Permission } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import {
  SearchKind,
  SearchService,
  type SearchHit,
} from "@leitstand/sdk/leitstand/admin/v1/search_service_pb.js";
import { hasPermission, useCaller } from "@/lib/auth";
import { useI18n, type MessageKey } from "@/lib/i18n/i18n";
import classes from "./GlobalSearch.module.css";

/** How each kind of hit is shown: its group's label and its icon (the navigation's). */
const kinds: Record<SearchKind, { label: MessageKey; icon: Icon }> = {
  [SearchKind.UNSPECIFIED]: { label: "search.other", icon: IconSearch },
  [SearchKind.ORGANIZATION]: { label: "search.organizations", icon: IconBuildingStore },
  [SearchKind.MEMBER]: { label: "search.members", icon: IconUser },
  [SearchKind.SERVER]: { label: "search.servers", icon: IconServer },
  [SearchKind.CONTAINER]: { label: "search.containers", icon: IconBox },
  [SearchKind.CONNECTION]: { label: "search.connections", icon: IconPlugConnected },
  [SearchKind.CATALOG_ITEM]: { label: "search.catalogItems", icon: IconApps },
  [SearchKind.SERVICE]: { label: "search.services", icon: IconStack2 },
  [SearchKind.IMAGE]: { label: "search.images", icon: IconDisc },
};

/** The search dialog's own store, so that the best hit can be selected. */
const [searchStore, searchSpotlight] = createSpotlight();

/**
 * selectFirst marks the first hit as selected, as Spotlight does when the
 * query changes: the hits arrive later, from the server, so Enter opens the
 * best one.
 */
function selectFirst(store: SpotlightStore) {
  const { listId } = store.getState();
  const list = listId ? document.getElementById(listId) : null;
  if (!list) return;
  list.querySelector("[data-selected]")?.removeAttribute("data-selected");
  list.querySelector("[data-action]")?.setAttribute("data-selected", "true");
  store.updateState((state) => ({ ...state, selected: 0 }));
}

/** The permissions that read a kind the search finds; without any, no search. */
const searchable = [
  Permission.ORGANIZATIONS_READ,
  Permission.MEMBERS_READ,
  Permission.SERVERS_READ,
  Permission.CATALOG_READ,
  Permission.SERVICES_READ,
  Permission.IMAGES_READ,
];

/** groupByKind groups the hits by kind, the groups in the order of their best hit. */
function groupByKind(hits: SearchHit[]): { kind: SearchKind; hits: SearchHit[] }[] {
  const groups = new Map<SearchKind, SearchHit[]>();
  for (const hit of hits) groups.set(hit.kind, [...(groups.get(hit.kind) ?? []), hit]);
  return [...groups].map(([kind, grouped]) => ({ kind, hits: grouped }));
}

/**
 * GlobalSearch finds organizations, members, servers, containers,
 * connections, catalog items, booked services and images by name, e-mail or IP
 * address — without regard to case and accents — and the object a pasted id
 * names. The server searches only what the caller may read. It opens with
 * "/" or Ctrl+K (⌘K); the best hit is selected, so Enter opens it.
 */
export function GlobalSearch() {
  const { t } = useI18n();
  const caller = useCaller();
  const navigate = useNavigate();
  const [query, setQuery] = useState("");
  // The search dialog mounts right after the first paint (it is not needed
  // for it); the store opens it even before it is mounted.
  const [mounted, setMounted] = useState(false);
  useEffect(() => {
    const timer = window.setTimeout(() => setMounted(true), 0);
    return () => window.clearTimeout(timer);
  }, []);
  const open = () => {
    setMounted(true);
    searchSpotlight.open();
  };
  const [debounced] = useDebouncedValue(query.trim(), 200);
  const canSearch = searchable.some((p) => hasPermission(caller, p));

  const search = useQuery(
    SearchService.method.search,
    canSearch && debounced ? { query: debounced } : skipToken,
    { placeholderData: (previous) => previous },
  );
  const hits = debounced ? (search.data?.hits ?? []) : [];
  // Select the best hit whenever the hits change, so Enter opens it.
  const shown = hits.map((h) => h.id).join(" ");
  useEffect(() => {
    if (shown) selectFirst(searchStore);
  }, [shown]);

  if (!canSearch) return <div />;

  const openHit = (hit: SearchHit) => {
    switch (hit.kind) {
      case SearchKind.ORGANIZATION:
        return navigate({
          to: "/organizations/$organizationId",
          params: { organizationId: hit.id },
        });
      case SearchKind.MEMBER:
        return navigate({ to: "/members/$memberId", params: { memberId: hit.id } });
      case SearchKind.SERVER:
        return navigate({ to: "/servers/$serverId", params: { serverId: hit.id } });
      case SearchKind.CONTAINER:
        return navigate({ to: "/containers", search: { container: hit.id } });
      case SearchKind.CONNECTION:
        return navigate({ to: "/connections/$connectionId", params: { connectionId: hit.id } });
      case SearchKind.CATALOG_ITEM:
        // An item has no page of its own: the catalog filtered by its name
        // (names are unique), retired items included, as the hit may be one.
        return navigate({ to: "/catalog", search: { q: hit.title, state: "all" } });
      case SearchKind.SERVICE:
        return navigate({ to: "/services/$serviceId", params: { serviceId: hit.id } });
      case SearchKind.IMAGE:
        return navigate({ to: "/images/$imageId", params: { imageId: hit.id } });
    }
  };

  return (
    <>
      <UnstyledButton
        className={classes.trigger}
        onClick={open}
        aria-label={t("search.button")}
        aria-keyshortcuts="/ Control+K Meta+K"
      >
        <Group gap="xs" wrap="nowrap">
          <IconSearch size={16} stroke={1.8} />
          <Text fz="sm" c="dimmed" className={classes.placeholder} truncate>
            {t("search.placeholder")}
          </Text>
        </Group>
        <Group gap={4} wrap="nowrap" className={classes.keys}>
          <Kbd size="xs">/</Kbd>
        </Group>
      </UnstyledButton>

      {mounted && (
        <Spotlight.Root
          store={searchStore}
          query={query}
          onQueryChange={setQuery}
          shortcut={["mod + K", "/"]}
          scrollable
          maxHeight={420}
          onSpotlightClose={() => setQuery("")}
        >
          <Spotlight.Search
            placeholder={t("search.placeholder")}
            aria-label={t("search.button")}
            maxLength={200}
            leftSection={<IconSearch size={18} stroke={1.7} />}
            rightSection={search.isFetching ? <Loader size="xs" /> : null}
          />
          <Spotlight.ActionsList aria-label={t("search.results")}>
            {!debounced && <Spotlight.Empty>{t("search.typeToSearch")}</Spotlight.Empty>}
            {debounced && !search.isFetching && hits.length === 0 && (
              <Spotlight.Empty>{t("search.nothingFound")}</Spotlight.Empty>
            )}
            {groupByKind(hits).map(({ kind, hits: grouped }) => {
              const { label, icon: KindIcon } = kinds[kind];
              return (
                // The group's label is drawn by CSS; the role and name make
                // it known to assistive technology too.
                <Spotlight.ActionsGroup
                  key={kind}
                  label={t(label)}
                  role="group"
                  aria-label={t(label)}
                >
                  {grouped.map((hit) => (
                    <Spotlight.Action
                      key={hit.id}
                      leftSection={<KindIcon size={18} stroke={1.6} />}
                      label={hit.title}
                      description={hit.subtitle || undefined}
                      onClick={() => void openHit(hit)}
                    />
                  ))}
                </Spotlight.ActionsGroup>
              );
            })}
          </Spotlight.ActionsList>
          {hits.length > 0 && (
            <Spotlight.Footer>
              <Text fz="xs" c="dimmed">
                {t("search.enterToOpen")}
              </Text>
            </Spotlight.Footer>
          )}
        </Spotlight.Root>
      )}
    </>
  );
}
