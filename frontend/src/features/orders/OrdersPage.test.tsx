import { create } from "@bufbuild/protobuf";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { PlatformRole } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import { MemberService } from "@leitstand/sdk/leitstand/admin/v1/member_service_pb.js";
import {
  OrderKind,
  OrderPriority,
  OrderSchema,
  OrderService,
  OrderStatus,
} from "@leitstand/sdk/leitstand/admin/v1/order_service_pb.js";
import { OrganizationService } from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { ServiceInstanceService } from "@leitstand/sdk/leitstand/admin/v1/service_instance_service_pb.js";
import { aDeveloper, anOperator, anOrganization, at } from "@/test/builders";
import { answer, answerWith, cannedApi, signedIn, type Canned } from "@/test/canned";
import { renderApp, tableRows } from "@/test/render";

const list = OrderService.method.listOrders;
const orgId = "org_01kaj5m8d0e6xv1ks8wq6a5j0p";
const operatorId = "usr_01kaj5m8d0e6xv1ks8wq6a5j1q";

const overdue = create(OrderSchema, {
  id: "ord_01kaj5m8d0e6xv1ks8wq6a5j0p",
  number: 12n,
  organizationId: orgId,
  organizationName: "Nordlicht Medien",
  serviceInstanceId: "svc_01kaj5m8d0e6xv1ks8wq6a5j0p",
  serviceInstanceName: "Nextcloud Marketing",
  title: "Login to Nextcloud Marketing fails for two users",
  kind: OrderKind.SUPPORT,
  priority: OrderPriority.CRITICAL,
  status: OrderStatus.OPEN,
  assigneeId: operatorId,
  assigneeName: "Otto Operator",
  dueDate: "2026-03-01",
  overdue: true,
  createTime: at("2026-02-20T08:00:00Z"),
  stepsTotal: 6,
  stepsDone: 2,
});
const done = create(OrderSchema, {
  id: "ord_01kaj5m8d0e6xv1ks8wq6a5j0q",
  number: 7n,
  organizationId: orgId,
  organizationName: "Nordlicht Medien",
  title: "Quarterly review meeting",
  kind: OrderKind.OTHER,
  priority: OrderPriority.NORMAL,
  status: OrderStatus.DONE,
  createTime: at("2026-02-10T08:00:00Z"),
});

function ordersApi(caller = anOperator(), ...more: Canned[]) {
  return cannedApi(
    signedIn(caller),
    answerWith(list, (request) => ({
      orders: request.filter?.overdue ? [overdue] : [overdue, done],
      totalSize: request.filter?.overdue ? 1 : 2,
    })),
    answer(MemberService.method.listMembers, {
      members: [
        {
          id: operatorId,
          email: "operator@example.com",
          displayName: "Otto Operator",
          platformRole: PlatformRole.OPERATOR,
        },
      ],
    }),
    answer(OrganizationService.method.listOrganizations, {
      organizations: [anOrganization({ id: orgId, name: "Nordlicht Medien" })],
    }),
    ...more,
  );
}

const rowOf = async (text: string) =>
  [...(await tableRows())].find((row) => row.textContent?.includes(text)) as HTMLElement;

describe("orders list", () => {
  it("lists orders newest first with number, priority, status, assignee and the overdue marker", async () => {
    const api = ordersApi();
    renderApp("/orders", api);
    const row = await rowOf("Login to Nextcloud");
    expect(row).toHaveTextContent("#12");
    expect(row).toHaveTextContent("Nordlicht Medien");
    expect(row).toHaveTextContent("Nextcloud Marketing");
    expect(row).toHaveTextContent("Support");
    expect(row).toHaveTextContent("Critical");
    expect(row).toHaveTextContent("Otto Operator");
    expect(row.querySelector('[data-status="OPEN"]')).toHaveTextContent("Open");
    // How far its processes got.
    expect(row.querySelector("[data-steps]")).toHaveTextContent("2/6");
    expect(row.querySelector("[data-overdue]")).toHaveTextContent("1 Mar 2026Overdue");
    expect(within(row).getByRole("link", { name: /Login to Nextcloud/ })).toHaveAttribute(
      "href",
      `/orders/${overdue.id}`,
    );
    const closed = await rowOf("Quarterly review");
    expect(closed).toHaveTextContent("Nobody");
    expect(closed.querySelector("[data-overdue]")).toBeNull();
    expect(closed.querySelector("[data-steps]")).toBeNull();
    expect(api.lastRequest(list)).toMatchObject({
      pageSize: 50,
      orderBy: "create_time desc",
      filter: { query: "", statuses: [], kinds: [], unassigned: false, overdue: false },
    });
  });

  it("sends the URL's filters to the server", async () => {
    const api = ordersApi();
    renderApp(
      `/orders?status=IN_PROGRESS,OPEN&kind=CHANGE&priority=HIGH&assignee=none&org=${orgId}&overdue=true&sort=created`,
      api,
    );
    await rowOf("Login to Nextcloud");
    expect(api.lastRequest(list)).toMatchObject({
      orderBy: "create_time",
      filter: {
        statuses: [OrderStatus.OPEN, OrderStatus.IN_PROGRESS],
        kinds: [OrderKind.CHANGE],
        priorities: [OrderPriority.HIGH],
        assigneeId: "",
        unassigned: true,
        organizationId: orgId,
        overdue: true,
      },
    });
    expect(screen.getByRole("switch", { name: "Overdue only" })).toBeChecked();
    expect(screen.getByLabelText("Assignee", { selector: "input" })).toHaveValue("Unassigned");
    expect(screen.getByLabelText("Organization", { selector: "input" })).toHaveValue(
      "Nordlicht Medien",
    );
  });

  it("keeps the filters chosen on the page in the URL", async () => {
    const api = ordersApi();
    const { history } = renderApp("/orders", api);
    await rowOf("Quarterly review");
    const user = userEvent.setup();
    await user.click(screen.getByRole("switch", { name: "Overdue only" }));
    await waitFor(() => expect(history.location.search).toContain("overdue=true"));
    await waitFor(async () => expect(await tableRows()).toHaveLength(1));

    await user.click(screen.getByLabelText("Assignee", { selector: "input" }));
    await user.click(await screen.findByRole("option", { name: "Otto Operator" }));
    await waitFor(() => expect(history.location.search).toContain(`assignee=${operatorId}`));

    await user.type(screen.getByRole("searchbox", { name: "Search" }), "#12");
    await waitFor(() => expect(history.location.search).toContain("q=%2312"));
    await waitFor(() =>
      expect(api.lastRequest(list)?.filter).toMatchObject({
        query: "#12",
        assigneeId: operatorId,
        unassigned: false,
        overdue: true,
      }),
    );
  });

  it("offers an operator a new order", async () => {
    renderApp("/orders", ordersApi(anOperator()));
    expect(await screen.findByRole("button", { name: "New order" })).toBeInTheDocument();
  });

  it("opens an order for an organization and goes to it", async () => {
    const createOrder = OrderService.method.createOrder;
    const api = ordersApi(
      anOperator(),
      answer(OrganizationService.method.listWorkspaces, {
        workspaces: [{ id: "ws_01kaj5m8d0e6xv1ks8wq6a5j0p", name: "Marketing" }],
      }),
      answer(ServiceInstanceService.method.listServiceInstances, { serviceInstances: [] }),
      answer(createOrder, { order: { ...overdue, number: 41n } }),
      answer(OrderService.method.getOrder, { order: { ...overdue, number: 41n } }),
      answer(OrderService.method.listOrderComments, { comments: [] }),
    );
    const { history } = renderApp("/orders", api);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "New order" }));
    const dialog = await screen.findByRole("dialog", { name: "New order" });
    await user.click(within(dialog).getByLabelText(/^Organization/, { selector: "input" }));
    await user.click(await screen.findByRole("option", { name: "Nordlicht Medien" }));
    await user.type(within(dialog).getByLabelText(/^Title/), "Raise the quota");
    await user.click(within(dialog).getByLabelText(/^Kind/, { selector: "input" }));
    await user.click(await screen.findByRole("option", { name: "Change" }));
    await user.click(within(dialog).getByRole("button", { name: "New order" }));
    await waitFor(() =>
      expect(api.lastRequest(createOrder)).toMatchObject({
        organizationId: orgId,
        title: "Raise the quota",
        kind: OrderKind.CHANGE,
        priority: OrderPriority.NORMAL,
        workspaceId: "",
        serviceInstanceId: "",
        assigneeId: "",
        dueDate: "",
      }),
    );
    await waitFor(() => expect(history.location.pathname).toBe(`/orders/${overdue.id}`));
  });

  it("shows a developer the list without the New order button", async () => {
    renderApp("/orders", ordersApi(aDeveloper()));
    await rowOf("Login to Nextcloud");
    expect(screen.queryByRole("button", { name: "New order" })).not.toBeInTheDocument();
  });
});
