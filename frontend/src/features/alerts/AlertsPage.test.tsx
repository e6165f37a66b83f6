import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  AlertService,
  AlertStatus,
  type AlertSchema,
} from "@leitstand/sdk/leitstand/admin/v1/alert_service_pb.js";
import { OrderPriority, OrderStatus } from "@leitstand/sdk/leitstand/admin/v1/order_service_pb.js";
import type { MessageInitShape } from "@bufbuild/protobuf";
import { aDeveloper, anOperator, at } from "@/test/builders";
import { answer, cannedApi, refused, signedIn } from "@/test/canned";
import { renderApp } from "@/test/render";

const m = AlertService.method;
const org = "org_01kaj5m8d0e6xv1ks8wq6a5j0p";
const svc = "svc_01kaj5m8d0e6xv1ks8wq6a5j0p";
const lab = "alb_01kaj5m8d0e6xv1ks8wq6a5j0p";
const open: MessageInitShape<typeof AlertSchema> = {
  id: "alr_1",
  organizationId: org,
  organizationName: "Nordlicht Medien",
  serviceInstanceId: svc,
  serviceInstanceName: "Nextcloud Marketing",
  labelId: lab,
  labelName: "Service unavailable",
  priority: OrderPriority.CRITICAL,
  text: "The cloud shows a 502 error since 8 o'clock.",
  reporterEmail: "anna@nordlicht.example",
  status: AlertStatus.OPEN,
  createTime: at("2026-03-02T08:05:00Z"),
};
const linked: MessageInitShape<typeof AlertSchema> = {
  ...open,
  id: "alr_2",
  labelName: "Login issues",
  text: "Two colleagues cannot sign in.",
  priority: OrderPriority.NORMAL,
  status: AlertStatus.ACKNOWLEDGED,
  acknowledgeTime: at("2026-03-01T09:00:00Z"),
  acknowledgedByEmail: "operator@demo.leitstand.test",
  orderId: "ord_01kaj5m8d0e6xv1ks8wq6a5j0p",
  orderNumber: 42n,
  orderStatus: OrderStatus.IN_PROGRESS,
};
const list = answer(m.listAlerts, { alerts: [open, linked], totalSize: 2 });
const labels = answer(m.listAlertLabels, {
  labels: [
    { id: lab, name: "Service unavailable" },
    { id: "alb_2", name: "Fax issues", retireTime: at("2026-01-01T00:00:00Z") },
  ],
});

describe("alerts page", () => {
  it("lists the queue with priority, label, organization, service, status, reporter and the order", async () => {
    renderApp("/alerts", cannedApi(signedIn(anOperator()), list, labels));
    const first = (await screen.findByText("The cloud shows a 502 error since 8 o'clock.")).closest(
      "tr",
    )!;
    expect(first).toHaveTextContent("Service unavailable");
    expect(first).toHaveTextContent("Critical");
    expect(first).toHaveTextContent("Nordlicht Medien");
    expect(within(first).getByRole("link", { name: "Nextcloud Marketing" })).toHaveAttribute(
      "href",
      `/services/${svc}`,
    );
    expect(first).toHaveTextContent("Open");
    expect(first).toHaveTextContent("anna@nordlicht.example");
    const second = screen.getByText("Login issues").closest("tr")!;
    expect(within(second).getByRole("link", { name: "#42" })).toHaveAttribute(
      "href",
      "/orders/ord_01kaj5m8d0e6xv1ks8wq6a5j0p",
    );
    expect(second).toHaveTextContent("In progress");
    expect(second).toHaveTextContent("Acknowledged");
  });

  it("sends the URL's filters to the server", async () => {
    const api = cannedApi(signedIn(anOperator()), list, labels);
    renderApp(
      `/alerts?status=OPEN,ACKNOWLEDGED&priority=HIGH,CRITICAL&label=${lab}&org=${org}&service=${svc}`,
      api,
    );
    await screen.findByText("Login issues");
    expect(api.lastRequest(m.listAlerts)).toMatchObject({
      filter: {
        statuses: [AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED],
        priorities: [OrderPriority.HIGH, OrderPriority.CRITICAL],
        labelId: lab,
        organizationId: org,
        serviceInstanceId: svc,
      },
    });
    expect(screen.getByDisplayValue("Only alerts about Nextcloud Marketing")).toBeInTheDocument();
  });

  it("keeps the priorities chosen in the URL", async () => {
    const api = cannedApi(signedIn(anOperator()), list, labels);
    const { history } = renderApp("/alerts", api);
    await screen.findByText("Login issues");
    await userEvent.click(screen.getByLabelText("Priority", { selector: "input" }));
    await userEvent.click(await screen.findByRole("option", { name: "Critical" }));
    await userEvent.click(await screen.findByRole("option", { name: "High" }));
    await waitFor(() => expect(history.location.search).toContain("priority=CRITICAL%2CHIGH"));
    await waitFor(() =>
      expect(api.lastRequest(m.listAlerts)?.filter?.priorities).toEqual([
        OrderPriority.HIGH,
        OrderPriority.CRITICAL,
      ]),
    );
  });

  it("acknowledges an open alert", async () => {
    const api = cannedApi(
      signedIn(anOperator()),
      list,
      labels,
      answer(m.acknowledgeAlert, { alert: { ...open, status: AlertStatus.ACKNOWLEDGED } }),
    );
    renderApp("/alerts", api);
    await userEvent.click(
      await screen.findByRole("button", { name: "Actions: Service unavailable Nordlicht Medien" }),
    );
    // An acknowledged alert with an order offers only to resolve it; this one all three.
    expect(await screen.findByRole("menuitem", { name: "Create order" })).toBeInTheDocument();
    await userEvent.click(screen.getByRole("menuitem", { name: "Acknowledge" }));
    const dialog = await screen.findByRole("dialog");
    await userEvent.click(within(dialog).getByRole("button", { name: "Acknowledge" }));
    await waitFor(() => expect(api.lastRequest(m.acknowledgeAlert)).toMatchObject({ id: "alr_1" }));
  });

  it("resolves an alert with what was done, which is required", async () => {
    const api = cannedApi(
      signedIn(anOperator()),
      list,
      labels,
      answer(m.resolveAlert, { alert: { ...linked, status: AlertStatus.RESOLVED } }),
    );
    renderApp("/alerts", api);
    await screen.findByText("Login issues");
    await userEvent.click(
      screen.getByRole("button", { name: "Actions: Login issues Nordlicht Medien" }),
    );
    expect(screen.queryByRole("menuitem", { name: "Create order" })).not.toBeInTheDocument();
    expect(screen.queryByRole("menuitem", { name: "Acknowledge" })).not.toBeInTheDocument();
    await userEvent.click(await screen.findByRole("menuitem", { name: "Resolve" }));
    const dialog = await screen.findByRole("dialog");
    await userEvent.click(within(dialog).getByRole("button", { name: "Resolve" }));
    expect(await within(dialog).findByText("This field is required.")).toBeInTheDocument();
    await userEvent.type(within(dialog).getByLabelText(/^Resolution/), "Restarted the proxy.");
    await userEvent.click(within(dialog).getByRole("button", { name: "Resolve" }));
    await waitFor(() =>
      expect(api.lastRequest(m.resolveAlert)).toMatchObject({
        id: "alr_2",
        resolution: "Restarted the proxy.",
      }),
    );
  });

  it("creates an order from an alert and opens it", async () => {
    const api = cannedApi(
      signedIn(anOperator()),
      list,
      labels,
      answer(m.createOrderFromAlert, {
        alert: { ...open, orderId: "ord_01kaj5m8d0e6xv1ks8wq6a5j9z", orderNumber: 43n },
        order: { id: "ord_01kaj5m8d0e6xv1ks8wq6a5j9z", number: 43n },
      }),
    );
    const { history } = renderApp("/alerts", api);
    await userEvent.click(
      await screen.findByRole("button", { name: "Actions: Service unavailable Nordlicht Medien" }),
    );
    await userEvent.click(await screen.findByRole("menuitem", { name: "Create order" }));
    const dialog = await screen.findByRole("dialog");
    await userEvent.click(within(dialog).getByRole("button", { name: "Create order" }));
    await waitFor(() =>
      expect(history.location.pathname).toBe("/orders/ord_01kaj5m8d0e6xv1ks8wq6a5j9z"),
    );
    expect(api.lastRequest(m.createOrderFromAlert)).toMatchObject({ id: "alr_1" });
  });

  it("shows the server's refusal to create a second order", async () => {
    const api = cannedApi(
      signedIn(anOperator()),
      list,
      labels,
      answer(m.createOrderFromAlert, refused("the alert has order #41 already")),
    );
    renderApp("/alerts", api);
    await userEvent.click(
      await screen.findByRole("button", { name: "Actions: Service unavailable Nordlicht Medien" }),
    );
    await userEvent.click(await screen.findByRole("menuitem", { name: "Create order" }));
    const dialog = await screen.findByRole("dialog");
    await userEvent.click(within(dialog).getByRole("button", { name: "Create order" }));
    expect(await within(dialog).findByText(/has order #41 already/)).toBeInTheDocument();
  });

  it("adds and retires labels", async () => {
    const api = cannedApi(
      signedIn(anOperator()),
      list,
      labels,
      answer(m.createAlertLabel, { label: { id: "alb_3", name: "Mail delivery" } }),
      answer(m.retireAlertLabel, { label: { id: lab, name: "Service unavailable" } }),
    );
    renderApp("/alerts", api);
    await userEvent.click(await screen.findByRole("button", { name: "Labels" }));
    const dialog = await screen.findByRole("dialog", { name: "Alert labels" });
    const table = await within(dialog).findByTestId("labels");
    expect(within(table).getByText(/Retired/)).toBeInTheDocument();
    await userEvent.type(within(dialog).getByLabelText("New label"), "Mail delivery");
    await userEvent.click(within(dialog).getByRole("button", { name: "Add label" }));
    await waitFor(() =>
      expect(api.lastRequest(m.createAlertLabel)).toMatchObject({ name: "Mail delivery" }),
    );
    await userEvent.click(within(table).getByRole("button", { name: "Retire" }));
    const confirm = await screen.findByRole("dialog", {
      name: "Retire the label “Service unavailable”?",
    });
    await userEvent.click(within(confirm).getByRole("button", { name: "Retire" }));
    await waitFor(() => expect(api.lastRequest(m.retireAlertLabel)).toMatchObject({ id: lab }));
  });

  it("shows a developer the queue without actions", async () => {
    renderApp("/alerts", cannedApi(signedIn(aDeveloper()), list, labels));
    await screen.findByText("Login issues");
    expect(screen.queryByRole("button", { name: "Labels" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /^Actions:/ })).not.toBeInTheDocument();
  });
});
