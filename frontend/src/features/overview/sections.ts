import type { Caller } from "@leitstand/sdk/leitstand/admin/v1/auth_service_pb.js";
import { Permission } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";

/**
 * The sections of the dashboard, in the order shown: the customers, services,
 * orders and alerts counted; the revenue (the MRR's tile, the chart, the top
 * customers); then the operations.
 */
export const overviewSections = [
  "counts",
  "revenue",
  "servers",
  "syncs",
  "runs",
  "changes",
] as const;
export type OverviewSection = (typeof overviewSections)[number];

/** The permission that reads what each section shows (the server refuses it otherwise). */
const sectionPermission: Record<OverviewSection, Permission> = {
  counts: Permission.ORGANIZATIONS_READ,
  revenue: Permission.INVOICES_READ,
  servers: Permission.SERVERS_READ,
  syncs: Permission.SERVERS_READ,
  runs: Permission.JOBS_READ,
  changes: Permission.AUDIT_READ,
};

/** visibleSections are the sections the caller may see; none means there is no dashboard for them. */
export function visibleSections(caller: Caller): OverviewSection[] {
  return overviewSections.filter((s) => caller.permissions.includes(sectionPermission[s]));
}

/**
 * The dashboard's widgets as the server knows them (savedview.Widgets), in
 * the default order, with the width each takes on a wide screen (of 12):
 * two halves side by side share a row.
 */
export const dashboardWidgets = [
  "key_figures",
  "revenue",
  "top_customers",
  "server_health",
  "failing_syncs",
  "failed_runs",
  "recent_changes",
] as const;
export type DashboardWidget = (typeof dashboardWidgets)[number];

export const widgetSpan: Record<DashboardWidget, number> = {
  key_figures: 12,
  revenue: 7,
  top_customers: 5,
  server_health: 12,
  failing_syncs: 6,
  failed_runs: 6,
  recent_changes: 12,
};

/** The sections whose permissions show a widget: any one of them does. */
const widgetSections: Record<DashboardWidget, OverviewSection[]> = {
  key_figures: ["counts", "revenue"],
  revenue: ["revenue"],
  top_customers: ["revenue"],
  server_health: ["servers"],
  failing_syncs: ["syncs"],
  failed_runs: ["runs"],
  recent_changes: ["changes"],
};

/** allowedWidgets are the widgets the caller's permissions show, in the default order. */
export function allowedWidgets(caller: Caller): DashboardWidget[] {
  const sections = visibleSections(caller);
  return dashboardWidgets.filter((w) => widgetSections[w].some((s) => sections.includes(s)));
}

export function isWidget(id: string): id is DashboardWidget {
  return (dashboardWidgets as readonly string[]).includes(id);
}

/** A widget of the caller's layout. */
export interface PlacedWidget {
  id: DashboardWidget;
  hidden: boolean;
}

/**
 * arrange is the layout to show: the server's (its widgets the caller
 * still may see, in its order), then the allowed widgets it does not name;
 * the default when there is none.
 */
export function arrange(
  allowed: DashboardWidget[],
  stored: readonly { widgetId: string; hidden: boolean }[] | undefined,
): PlacedWidget[] {
  const out: PlacedWidget[] = [];
  for (const w of stored ?? []) {
    if (
      isWidget(w.widgetId) &&
      allowed.includes(w.widgetId) &&
      !out.some((o) => o.id === w.widgetId)
    ) {
      out.push({ id: w.widgetId, hidden: w.hidden });
    }
  }
  for (const id of allowed) if (!out.some((o) => o.id === id)) out.push({ id, hidden: false });
  return out;
}

/**
 * rows groups the shown widgets into the rows of a wide screen: a widget
 * narrower than the row shares it with the next one when both fit, and
 * takes the whole row otherwise.
 */
export function rows(widgets: DashboardWidget[]): { id: DashboardWidget; span: number }[][] {
  const out: { id: DashboardWidget; span: number }[][] = [];
  for (let i = 0; i < widgets.length; i++) {
    const a = widgets[i]!;
    const b = widgets[i + 1];
    if (
      widgetSpan[a] < 12 &&
      b !== undefined &&
      widgetSpan[b] < 12 &&
      widgetSpan[a] + widgetSpan[b] <= 12
    ) {
      out.push([
        { id: a, span: widgetSpan[a] },
        { id: b, span: 12 - widgetSpan[a] },
      ]);
      i++;
    } else {
      out.push([{ id: a, span: 12 }]);
    }
  }
  return out;
}
