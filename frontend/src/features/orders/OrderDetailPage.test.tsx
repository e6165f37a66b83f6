import { create } from "@bufbuild/protobuf";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  OrderCommentSchema,
  OrderCommentVisibility,
  OrderKind,
  OrderPriority,
  OrderSchema,
  OrderService,
  OrderStatus,
} from "@leitstand/sdk/leitstand/admin/v1/order_service_pb.js";
import { aDeveloper, anOperator, at } from "@/test/builders";
import { answer, cannedApi, refused, signedIn } from "@/test/canned";
import { renderApp } from "@/test/render";

const get = OrderService.method.getOrder;
const comments = OrderService.method.listOrderComments;
const setStatus = OrderService.method.setOrderStatus;
const addComment = OrderService.method.addOrderComment;
const update = OrderService.method.updateOrder;

const id = "ord_01kaj5m8d0e6xv1ks8wq6a5j0p";
const order = create(OrderSchema, {
  id,
  number: 12n,
  organizationId: "org_01kaj5m8d0e6xv1ks8wq6a5j0p",
  organizationName: "Nordlicht Medien",
  workspaceId: "ws_01kaj5m8d0e6xv1ks8wq6a5j0p",
  workspaceName: "Marketing",
  serviceInstanceId: "svc_01kaj5m8d0e6xv1ks8wq6a5j0p",
  serviceInstanceName: "Nextcloud Marketing",
  title: "Login fails for two users",
  description: "Two colleagues get “invalid credentials” since this morning.",
  kind: OrderKind.SUPPORT,
  priority: OrderPriority.HIGH,
  status: OrderStatus.OPEN,
  statusTime: at("2026-03-02T08:00:00Z"),
  assigneeId: "usr_01kaj5m8d0e6xv1ks8wq6a5j1q",
  assigneeName: "Otto Operator",
  dueDate: "2026-03-01",
  overdue: true,
  createdByEmail: "operator@example.com",
  createTime: at("2026-02-20T08:00:00Z"),
});
const thread = answer(comments, {
  comments: [
    create(OrderCommentSchema, {
      id: "ocm_1",
      createTime: at("2026-02-21T08:00:00Z"),
      authorEmail: "operator@example.com",
      visibility: OrderCommentVisibility.INTERNAL,
      code: "status-changed",
      params: { from: "IN_PROGRESS", to: "OPEN", reason: "back in the queue" },
      text: "Status changed from IN_PROGRESS to OPEN: back in the queue",
    }),
    create(OrderCommentSchema, {
      id: "ocm_2",
      createTime: at("2026-02-22T08:00:00Z"),
      authorEmail: "operator@example.com",
      visibility: OrderCommentVisibility.CUSTOMER,
      text: "Could you tell us a time this week when we may restart the service?",
    }),
  ],
});
const withStatus = (status: OrderStatus) =>
  answer(get, { order: { ...order, status, overdue: false } });

describe("order detail page", () => {
  it("shows the order with links to its organization and service, and its thread worded", async () => {
    renderApp(`/orders/${id}`, cannedApi(signedIn(anOperator()), answer(get, { order }), thread));
    expect(
      await screen.findByRole("heading", { name: "#12 Login fails for two users" }),
    ).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Nordlicht Medien" })).toHaveAttribute(
      "href",
      "/organizations/org_01kaj5m8d0e6xv1ks8wq6a5j0p",
    );
    expect(screen.getByRole("link", { name: "Nextcloud Marketing" })).toHaveAttribute(
      "href",
      "/services/svc_01kaj5m8d0e6xv1ks8wq6a5j0p",
    );
    expect(screen.getAllByText("Overdue").length).toBeGreaterThan(0);
    const list = await screen.findByTestId("comments");
    const [first, second] = list.querySelectorAll("[data-visibility]");
    expect(first).toHaveAttribute("data-visibility", "INTERNAL");
    expect(first).toHaveTextContent("Status changed from In progress to Open");
    expect(first).toHaveTextContent("back in the queue");
    expect(first).toHaveTextContent("Internal");
    expect(second).toHaveAttribute("data-visibility", "CUSTOMER");
    expect(second).toHaveTextContent("Customer");
  });

  it.each([
    ["OPEN", ["Start work", "Wait for customer", "Mark done"], true],
    ["IN_PROGRESS", ["Back to open", "Wait for customer", "Mark done"], true],
    ["WAITING_FOR_CUSTOMER", ["Back to open", "Start work", "Mark done"], true],
    ["DONE", ["Reopen"], false],
    ["CANCELLED", ["Reopen"], false],
  ] as const)("offers the changes allowed from %s", async (status, buttons, cancellable) => {
    renderApp(
      `/orders/${id}`,
      cannedApi(signedIn(anOperator()), withStatus(OrderStatus[status]), thread),
    );
    await screen.findByRole("heading", { name: "#12 Login fails for two users" });
    const offered = [
      "Back to open",
      "Start work",
      "Wait for customer",
      "Mark done",
      "Reopen",
    ].filter((name) => screen.queryByRole("button", { name }));
    expect(offered).toEqual(buttons);
    expect(screen.queryByRole("button", { name: "Actions: #12" }) !== null).toBe(cancellable);
    // A closed order is reopened before it is changed.
    expect(screen.queryByRole("button", { name: "Edit" }) !== null).toBe(cancellable);
  });

  it("moves an order along without a reason", async () => {
    const api = cannedApi(
      signedIn(anOperator()),
      answer(get, { order }),
      thread,
      answer(setStatus, { order: { ...order, status: OrderStatus.IN_PROGRESS } }),
    );
    renderApp(`/orders/${id}`, api);
    await userEvent.click(await screen.findByRole("button", { name: "Start work" }));
    const dialog = await screen.findByRole("dialog");
    await userEvent.click(within(dialog).getByRole("button", { name: "Start work" }));
    await waitFor(() =>
      expect(api.lastRequest(setStatus)).toMatchObject({
        id,
        status: OrderStatus.IN_PROGRESS,
        reason: "",
      }),
    );
  });

  it("asks for a reason to cancel, and shows the server's refusal", async () => {
    const api = cannedApi(
      signedIn(anOperator()),
      answer(get, { order }),
      thread,
      answer(setStatus, refused("order #12 cannot go from OPEN to CANCELLED right now")),
    );
    renderApp(`/orders/${id}`, api);
    await userEvent.click(await screen.findByRole("button", { name: "Actions: #12" }));
    await userEvent.click(await screen.findByRole("menuitem", { name: "Cancel order" }));
    const dialog = await screen.findByRole("dialog");
    // No reason, no request.
    await userEvent.click(within(dialog).getByRole("button", { name: "Cancel order" }));
    expect(await within(dialog).findByText("Please give a reason.")).toBeInTheDocument();
    expect(api.lastRequest(setStatus)).toBeUndefined();

    await userEvent.type(within(dialog).getByLabelText(/Reason/), "solved by the customer");
    await userEvent.click(within(dialog).getByRole("button", { name: "Cancel order" }));
    expect(await within(dialog).findByText(/cannot go from OPEN to CANCELLED/)).toBeInTheDocument();
    expect(api.lastRequest(setStatus)).toMatchObject({
      id,
      status: OrderStatus.CANCELLED,
      reason: "solved by the customer",
    });
  });

  it("asks for a reason to reopen a closed order", async () => {
    const api = cannedApi(
      signedIn(anOperator()),
      withStatus(OrderStatus.DONE),
      thread,
      answer(setStatus, { order: { ...order, status: OrderStatus.IN_PROGRESS } }),
    );
    renderApp(`/orders/${id}`, api);
    await userEvent.click(await screen.findByRole("button", { name: "Reopen" }));
    const dialog = await screen.findByRole("dialog");
    await userEvent.click(within(dialog).getByRole("button", { name: "Reopen" }));
    expect(await within(dialog).findByText("Please give a reason.")).toBeInTheDocument();
    await userEvent.type(within(dialog).getByLabelText(/Reason/), "still broken");
    await userEvent.click(within(dialog).getByRole("button", { name: "Reopen" }));
    await waitFor(() =>
      expect(api.lastRequest(setStatus)).toMatchObject({
        status: OrderStatus.IN_PROGRESS,
        reason: "still broken",
      }),
    );
  });

  it("adds a comment for the customer", async () => {
    const api = cannedApi(
      signedIn(anOperator()),
      answer(get, { order }),
      thread,
      answer(addComment, { comment: { id: "ocm_3" } }),
    );
    renderApp(`/orders/${id}`, api);
    await userEvent.type(await screen.findByLabelText("Comment"), "We restart it tonight.");
    await userEvent.click(screen.getByText("Customer and staff"));
    await userEvent.click(screen.getByRole("button", { name: "Add comment" }));
    await waitFor(() =>
      expect(api.lastRequest(addComment)).toMatchObject({
        orderId: id,
        visibility: OrderCommentVisibility.CUSTOMER,
        text: "We restart it tonight.",
      }),
    );
  });

  it("sends only the changed fields when edited", async () => {
    const api = cannedApi(
      signedIn(anOperator()),
      answer(get, { order }),
      thread,
      answer(update, { order }),
    );
    renderApp(`/orders/${id}`, api);
    await userEvent.click(await screen.findByRole("button", { name: "Edit" }));
    const dialog = await screen.findByRole("dialog");
    const title = within(dialog).getByLabelText(/^Title/);
    await userEvent.clear(title);
    await userEvent.type(title, "Login fails for everyone");
    await userEvent.click(within(dialog).getByRole("button", { name: "Save changes" }));
    await waitFor(() =>
      expect(api.lastRequest(update)).toMatchObject({
        order: { id, title: "Login fails for everyone" },
        updateMask: { paths: ["title"] },
      }),
    );
  });

  it("shows a developer the order without controls", async () => {
    renderApp(`/orders/${id}`, cannedApi(signedIn(aDeveloper()), answer(get, { order }), thread));
    await screen.findByRole("heading", { name: "#12 Login fails for two users" });
    await screen.findByTestId("comments");
    for (const name of [
      "Start work",
      "Wait for customer",
      "Mark done",
      "Edit",
      "Add comment",
      "Actions: #12",
    ]) {
      expect(screen.queryByRole("button", { name })).not.toBeInTheDocument();
    }
    expect(screen.queryByLabelText("Comment")).not.toBeInTheDocument();
  });
});
