import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { AlertService, AlertStatus } from "@leitstand/sdk/leitstand/admin/v1/alert_service_pb.js";
import { OrderPriority } from "@leitstand/sdk/leitstand/admin/v1/order_service_pb.js";
import { PlatformRole } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import {
  ServiceInstanceService,
  ServiceStatus,
} from "@leitstand/sdk/leitstand/admin/v1/service_instance_service_pb.js";
import { Permission } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import { aCaller, anOperator, at } from "@/test/builders";
import { answer, cannedApi, signedIn } from "@/test/canned";
import { renderApp } from "@/test/render";
import { rolePermissions } from "@/lib/auth";

const id = "svc_01kaj5m8d0e6xv1ks8wq6a5j0p";
const service = answer(ServiceInstanceService.method.getServiceInstance, {
  serviceInstance: {
    id,
    name: "Nextcloud Marketing",
    organizationId: "org_01kaj5m8d0e6xv1ks8wq6a5j0p",
    organizationName: "Nordlicht Medien",
    status: ServiceStatus.ONLINE,
    createTime: at("2026-03-01T08:00:00Z"),
  },
});
const alerts = answer(AlertService.method.listAlerts, {
  alerts: [
    {
      id: "alr_1",
      organizationName: "Nordlicht Medien",
      serviceInstanceId: id,
      serviceInstanceName: "Nextcloud Marketing",
      labelName: "Performance",
      text: "Uploads of large files stop at 80 %.",
      priority: OrderPriority.HIGH,
      status: AlertStatus.OPEN,
      createTime: at("2026-03-02T08:05:00Z"),
    },
  ],
  totalSize: 14,
});

describe("a service's Alerts panel", () => {
  it("lists the alerts about the service and links to the queue filtered to it", async () => {
    const api = cannedApi(signedIn(anOperator()), service, alerts);
    renderApp(`/services/${id}`, api);
    const panel = await screen.findByTestId("service-alerts");
    expect(
      await within(panel).findByText("Uploads of large files stop at 80 %."),
    ).toBeInTheDocument();
    expect(within(panel).getByText("The newest 1 of 14")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Show all in Alerts" })).toHaveAttribute(
      "href",
      `/alerts?service=${id}`,
    );
    expect(api.lastRequest(AlertService.method.listAlerts)).toMatchObject({
      filter: { serviceInstanceId: id },
    });
  });

  it("is not there for those who may not read alerts", async () => {
    const caller = aCaller({
      platformRole: PlatformRole.OPERATOR,
      permissions: rolePermissions(PlatformRole.OPERATOR).filter(
        (p) => p !== Permission.ALERTS_READ,
      ),
    });
    const api = cannedApi(signedIn(caller), service, alerts);
    renderApp(`/services/${id}`, api);
    await screen.findByRole("heading", { name: /Nextcloud Marketing/ });
    expect(screen.queryByTestId("service-alerts")).not.toBeInTheDocument();
    expect(api.calls()).not.toContain("AlertService/ListAlerts");
  });
});
