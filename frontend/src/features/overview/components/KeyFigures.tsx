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

function ServicesTile() {
  const { t, formatNumber } = useI18n();
  const canOpen = usePermission(Permission.SERVICES_READ);
  const dashboard = useDashboard();
  const attention = dashboard.data?.servicesNeedingAttention ?? 0;
  const text = t("overview.figures.services.attention", { count: attention });
  return (
    <Tile
      name="services"
      label={t("overview.figures.services")}
      value={formatNumber(dashboard.data?.activeServices ?? 0)}
      query={dashboard}
      link={
        canOpen
          ? (body, name) => (
              <MainLink
                to="/services"
                search={{ status: activeServices }}
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
            to="/services"
            search={{ status: servicesNeedingAttention }}
            fz="xs"
            c={attention > 0 ? "orange" : "dimmed"}
          >
            {text}
          </AnchorLink>
        ) : (
          text
        )}
      </Part>
    </Tile>
  );
}

function OrdersTile() {
  const { t, formatNumber } = useI18n();
  const canOpen = usePermission(Permission.ORDERS_READ);
  const dashboard = useDashboard();
  const waiting = dashboard.data?.ordersWaitingForStaff ?? 0;
  const text = t("overview.figures.orders.waiting", { count: waiting });
  return (
    <Tile
      name="orders"
      label={t("overview.figures.orders")}
      value={formatNumber(dashboard.data?.openOrders ?? 0)}
      query={dashboard}
      link={
        canOpen
          ? (body, name) => (
              <MainLink
                to="/orders"
                search={{ status: openOrders }}
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
            to="/orders"
            search={{ status: ordersWaitingForStaff }}
            fz="xs"
            c={waiting > 0 ? "orange" : "dimmed"}
          >
            {text}
          </AnchorLink>
        ) : (
          text
        )}
      </Part>
    </Tile>
  );
}

function AlertsTile() {
  const { t, formatNumber } = useI18n();
  const canOpen = usePermission(Permission.ALERTS_READ);
  const dashboard = useDashboard();
  const unacknowledged = dashboard.data?.unacknowledgedAlerts ?? 0;
  const text = t("overview.figures.alerts.unacknowledged", { count: unacknowledged });
  return (
    <Tile
      name="alerts"
      label={t("overview.figures.alerts")}
      value={formatNumber(dashboard.data?.openAlerts ?? 0)}
      query={dashboard}
      link={
        canOpen
          ? (body, name) => (
              <MainLink
                to="/alerts"
                search={{ status: openAlerts }}
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
            to="/alerts"
            search={{ status: unacknowledgedAlerts }}
            fz="xs"
            c={unacknowledged > 0 ? "red" : "dimmed"}
          >
            {text}
          </AnchorLink>
        ) : (
          text
        )}
      </Part>
    </Tile>
  );
}
