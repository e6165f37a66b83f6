import { SimpleGrid, Skeleton, Stack, Text } from "@mantine/core";
import { createLink } from "@tanstack/react-router";
import { forwardRef, type ComponentPropsWithoutRef, type ReactNode } from "react";
import { QueryError } from "@/components/ui/QueryError";
import { AnchorLink } from "@/components/ui/links";
import { Permission, usePermission } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { useDashboard, useRevenueSummary } from "../api/overview";
import { firstDay, formatChange, mrrChange } from "../revenue";
import classes from "./Overview.module.css";

const MainAnchor = forwardRef<HTMLAnchorElement, ComponentPropsWithoutRef<"a">>((props, ref) => (
  <a ref={ref} {...props} />
));
MainAnchor.displayName = "MainAnchor";
/** A tile's figure: it opens the list the figure counts (the whole tile is its target). */
const MainLink = createLink(MainAnchor);

// The lists' filters (each list's URL search) that show what a tile counts.
const activeServices = "ONLINE,PROVISIONING,MAINTENANCE,DISRUPTION,INCIDENT,SUSPENDED";
const servicesNeedingAttention = "MAINTENANCE,DISRUPTION,INCIDENT,SUSPENDED";
const openOrders = "OPEN,IN_PROGRESS,WAITING_FOR_CUSTOMER";
const ordersWaitingForStaff = "OPEN,IN_PROGRESS";
const openAlerts = "OPEN,ACKNOWLEDGED";
const unacknowledgedAlerts = "OPEN";

/** What a tile reads of its query. */
interface TileQuery {
  isPending: boolean;
  error: unknown;
}

/**
 * KeyFigures is the dashboard's first row: how many organizations, the MRR,
 * the services, the open orders and the open alerts, each a tile that opens
 * the list behind its figure (the lines under it, the part they name). The
 * counts are shown to callers who may read organizations, the MRR to those
 * who may read invoices. A failed request leaves a dash in its tiles; the
 * counts' error shows under the row with a retry, the revenue's in the
 * revenue's card below.
 */
export function KeyFigures({ counts, revenue }: { counts: boolean; revenue: boolean }) {
  const { t } = useI18n();
  const tiles = (counts ? 4 : 0) + (revenue ? 1 : 0);
  return (
    <Stack
      gap="sm"
      component="section"
      aria-label={t("overview.figures.title")}
      data-testid="overview-figures"
    >
      <SimpleGrid
        cols={{ base: 1, xs: Math.min(tiles, 2), md: Math.min(tiles, 3), lg: tiles }}
        spacing="md"
      >
        {counts && <OrganizationsTile />}
        {revenue && <MrrTile />}
        {counts && <ServicesTile />}
        {counts && <OrdersTile />}
        {counts && <AlertsTile />}
      </SimpleGrid>
      {counts && <CountsError />}
    </Stack>
  );
}

function CountsError() {
  const dashboard = useDashboard();
  if (!dashboard.error) return null;
  return <QueryError error={dashboard.error} onRetry={() => void dashboard.refetch()} />;
}

/**
 * Tile is one key figure: its label and figure (a link, unless the caller
 * may not open the list) and the lines under it.
 */
function Tile({
  name,
  label,
  hint,
  value,
  query,
  link,
  children,
}: {
  name: string;
  label: string;
  /** What the figure is, on hovering its label. */
  hint?: string;
  value: string;
  query: TileQuery;
  /** Wraps the label and the figure in the link to the list, when the caller may open it. */
  link?: (body: ReactNode, name: string) => ReactNode;
  children?: ReactNode;
}) {
  const loaded = !query.isPending && !query.error;
  const body = (
    <>
      <div className={classes.tileLabel} title={hint}>
        {label}
      </div>
      <div className={classes.tileCount} data-testid="kpi-value">
        {query.error ? "—" : query.isPending ? <Skeleton height={28} width="60%" mt={2} /> : value}
      </div>
    </>
  );
  return (
    <div className={`${classes.tile} ${classes.kpi}`} data-kpi={name} aria-busy={query.isPending}>
      {link && loaded ? (
        link(body, `${label}: ${value}`)
      ) : (
        <div className={classes.kpiMain}>{body}</div>
      )}
      {loaded && children && <div className={classes.kpiDetail}>{children}</div>}
    </div>
  );
}

/** Part is a line under a figure: a link to the list filtered by it, when the caller may open it. */
function Part({ children }: { children: ReactNode }) {
  return <span className={classes.kpiPart}>{children}</span>;
}

function OrganizationsTile() {
  const { t, formatNumber } = useI18n();
  const canOpen = usePermission(Permission.ORGANIZATIONS_READ);
  const dashboard = useDashboard();
  const orgs = dashboard.data?.organizations;
  const parts = [
    { status: "ACTIVE", count: orgs?.active ?? 0, key: "overview.figures.organizations.active" },
    {
      status: "PENDING_APPROVAL",
      count: orgs?.pendingApproval ?? 0,
      key: "overview.figures.organizations.pending",
    },
    {
      status: "SUSPENDED",
      count: orgs?.suspended ?? 0,
      key: "overview.figures.organizations.suspended",
    },
  ] as const;
  return (
    <Tile
      name="organizations"
      label={t("overview.figures.organizations")}
      value={formatNumber(orgs?.total ?? 0)}
      query={dashboard}
      link={
        canOpen
          ? (body, name) => (
              <MainLink to="/organizations" className={classes.kpiMain} aria-label={name}>
                {body}
              </MainLink>
            )
          : undefined
      }
    >
      {parts.map((p) => (
        <Part key={p.status}>
          {canOpen ? (
            <AnchorLink
              to="/organizations"
              search={{ status: p.status }}
              fz="xs"
              c={p.status === "PENDING_APPROVAL" && p.count > 0 ? "orange" : "dimmed"}
            >
              {t(p.key, { count: p.count })}
            </AnchorLink>
          ) : (
            t(p.key, { count: p.count })
          )}
        </Part>
      ))}
    </Tile>
  );
}

function MrrTile() {
  const { t, locale, formatMoney } = useI18n();
  const canOpen = usePermission(Permission.INVOICES_READ);
  const summary = useRevenueSummary();
  const data = summary.data;
  const currency = data?.currency || "EUR";
  const change = data ? mrrChange(data.mrrCents, data.months) : undefined;
  const changeText =
    change &&
    (change.share !== undefined
      ? formatChange(change.share, locale)
      : `${change.cents > 0n ? "+" : ""}${formatMoney(change.cents, currency)}`);
  return (
    <Tile
      name="mrr"
      label={t("overview.figures.mrr")}
      hint={t("overview.figures.mrr.hint")}
      value={formatMoney(data?.mrrCents ?? 0n, currency)}
      query={summary}
      link={
        canOpen
          ? (body, name) => (
              <MainLink to="/invoices" className={classes.kpiMain} aria-label={name}>
                {body}
              </MainLink>
            )
          : undefined
      }
    >
      {change && changeText && (
        <Part>
          <Text
            span
            fz="xs"
            fw={600}
            className="tabular-nums"
            c={change.cents > 0n ? "teal" : change.cents < 0n ? "red" : "dimmed"}
            data-testid="mrr-change"
            title={t("overview.figures.mrr.changeHint", {
              amount: formatMoney(change.cents, currency),
            })}
          >
            {t("overview.figures.mrr.change", {
              change: changeText,
              day: firstDay(change.since, locale),
            })}
          </Text>
        </Part>
      )}
      <Part>{t("overview.figures.mrr.paying", { count: data?.payingOrganizations ?? 0 })}</Part>
    </Tile>
  );
}

/** The lists a count tile opens, each filtered by status in its URL. */
type CountList = "/services" | "/orders" | "/alerts";

/**
 * CountTile is a count of one list's rows in some statuses, with the part
 * of them that wants attention under it; each opens the list filtered so.
 */
function CountTile({
  name,
  list,
  permission,
  label,
  value,
  all,
  part,
  partCount,
  partText,
  partColor,
}: {
  name: string;
  list: CountList;
  /** What the caller needs to open the list. */
  permission: Permission;
  label: string;
  value: number | undefined;
  /** The statuses counted, and those of the part (the list's status filter). */
  all: string;
  part: string;
  partCount: number;
  partText: string;
  /** The colour of the part's line when it counts any. */
  partColor: string;
}) {
  const { formatNumber } = useI18n();
  const canOpen = usePermission(permission);
  const dashboard = useDashboard();
  return (
    <Tile
      name={name}
      label={label}
      value={formatNumber(value ?? 0)}
      query={dashboard}
      link={
        canOpen
          ? (body, name) => (
              <MainLink
                to={list}
                search={{ status: all }}
                className={classes.kpiMain}
                aria-label={name}
              >
                {body}
              </MainLink>
            )
          : undefined
      }
    >
      <Part>
        {canOpen ? (
          <AnchorLink
            to={list}
            search={{ status: part }}
            fz="xs"
            c={partCount > 0 ? partColor : "dimmed"}
          >
            {partText}
          </AnchorLink>
        ) : (
          partText
        )}
      </Part>
    </Tile>
  );
}

function ServicesTile() {
  const { t } = useI18n();
  const data = useDashboard().data;
  const attention = data?.servicesNeedingAttention ?? 0;
  return (
    <CountTile
      name="services"
      list="/services"
      permission={Permission.SERVICES_READ}
      label={t("overview.figures.services")}
      value={data?.activeServices}
      all={activeServices}
      part={servicesNeedingAttention}
      partCount={attention}
      partText={t("overview.figures.services.attention", { count: attention })}
      partColor="orange"
    />
  );
}

function OrdersTile() {
  const { t } = useI18n();
  const data = useDashboard().data;
  const waiting = data?.ordersWaitingForStaff ?? 0;
  return (
    <CountTile
      name="orders"
      list="/orders"
      permission={Permission.ORDERS_READ}
      label={t("overview.figures.orders")}
      value={data?.openOrders}
      all={openOrders}
      part={ordersWaitingForStaff}
      partCount={waiting}
      partText={t("overview.figures.orders.waiting", { count: waiting })}
      partColor="orange"
    />
  );
}

function AlertsTile() {
  const { t } = useI18n();
  const data = useDashboard().data;
  const unacknowledged = data?.unacknowledgedAlerts ?? 0;
  return (
    <CountTile
      name="alerts"
      list="/alerts"
      permission={Permission.ALERTS_READ}
      label={t("overview.figures.alerts")}
      value={data?.openAlerts}
      all={openAlerts}
      part={unacknowledgedAlerts}
      partCount={unacknowledged}
      partText={t("overview.figures.alerts.unacknowledged", { count: unacknowledged })}
      partColor="red"
    />
  );
}
