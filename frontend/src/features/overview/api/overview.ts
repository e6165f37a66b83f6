import { useQuery } from "@connectrpc/connect-query";
import { AuditService } from "@leitstand/sdk/leitstand/admin/v1/audit_service_pb.js";
import {
  ConnectionHealth,
  ConnectionService,
} from "@leitstand/sdk/leitstand/admin/v1/connection_service_pb.js";
import { DashboardService } from "@leitstand/sdk/leitstand/admin/v1/dashboard_service_pb.js";
import { JobRunOutcome, JobService } from "@leitstand/sdk/leitstand/admin/v1/job_service_pb.js";
import { ServerService } from "@leitstand/sdk/leitstand/admin/v1/server_service_pb.js";
import { ViewService } from "@leitstand/sdk/leitstand/admin/v1/view_service_pb.js";
import { useChange } from "@/lib/queries";

/** How often the overview asks again: the sync runs every minute. */
const refreshMs = 60_000;

/** How many failed runs and changes the page lists. */
export const recentCount = 5;

// Each section shows its own failure with a retry, so none is announced as
// a notification besides.
const inPlace = { meta: { handlesErrors: true }, refetchInterval: refreshMs } as const;

/**
 * How often the revenue is asked for again: it changes with an invoice or a
 * booking, and the server computes it over twelve months.
 */
const revenueRefreshMs = 5 * 60_000;

/** useServerHealth counts the servers per health (and those whose sync fails). */
export function useServerHealth() {
  return useQuery(ServerService.method.getHealthSummary, {}, inPlace);
}

/** useFailingConnections lists the connections whose last sync or test failed. */
export function useFailingConnections() {
  return useQuery(
    ConnectionService.method.listConnections,
    { health: ConnectionHealth.FAILING },
    inPlace,
  );
}

/** useFailedRuns loads the latest failed job runs. */
export function useFailedRuns() {
  return useQuery(
    JobService.method.listJobRuns,
    { outcome: JobRunOutcome.FAILED, pageSize: recentCount },
    inPlace,
  );
}

/** useRecentChanges loads the latest audit events. */
export function useRecentChanges() {
  return useQuery(AuditService.method.listAuditEvents, { pageSize: recentCount }, inPlace);
}

/**
 * useDashboard counts the organizations by status, the services, the open
 * orders and the open alerts (the dashboard's tiles share one request).
 */
export function useDashboard() {
  return useQuery(DashboardService.method.getDashboard, {}, inPlace);
}

/**
 * useRevenueSummary loads the MRR, the revenue of the last twelve months and
 * the top customers (the MRR's tile, the chart and the table share it).
 */
export function useRevenueSummary() {
  return useQuery(
    DashboardService.method.getRevenueSummary,
    {},
    { ...inPlace, refetchInterval: revenueRefreshMs },
  );
}

/**
 * useDashboardLayout is the caller's arrangement of the dashboard (the
 * server's default when they have none). It is not asked for again when it
 * fails: the page shows the default at once rather than wait for it.
 */
export function useDashboardLayout() {
  return useQuery(
    ViewService.method.getDashboardLayout,
    {},
    { meta: { handlesErrors: true }, retry: false },
  );
}

const layoutChanges = [ViewService, AuditService];

export function useUpdateDashboardLayout() {
  return useChange(ViewService.method.updateDashboardLayout, layoutChanges);
}

export function useResetDashboardLayout() {
  return useChange(ViewService.method.resetDashboardLayout, layoutChanges);
}
