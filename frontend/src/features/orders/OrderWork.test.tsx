import { create } from "@bufbuild/protobuf";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  OrderKind,
  OrderPriority,
  OrderSchema,
  OrderService,
  OrderStatus,
  TimeEntrySchema,
} from "@leitstand/sdk/leitstand/admin/v1/order_service_pb.js";
import { ProcessTemplateService } from "@leitstand/sdk/leitstand/admin/v1/process_template_service_pb.js";
import { aDeveloper, ago, anOperator, at } from "@/test/builders";
import { answer, cannedApi, refused, signedIn } from "@/test/canned";
import { renderApp } from "@/test/render";

const m = OrderService.method;
const id = "ord_01kaj5m8d0e6xv1ks8wq6a5j0p";
const orgId = "org_01kaj5m8d0e6xv1ks8wq6a5j0p";
const order = create(OrderSchema, {
  id,
  number: 7n,
  organizationId: orgId,
  organizationName: "Nordlicht Medien",
  title: "Onboarding Nordlicht",
  kind: OrderKind.PROJECT,
  priority: OrderPriority.NORMAL,
  status: OrderStatus.IN_PROGRESS,
  createTime: at("2026-02-20T08:00:00Z"),
});
const process = {
  id: "prc_1",
  name: "Onboarding",
  templateId: "ptp_1",
  steps: [
    {
      id: "pst_1",
      title: "Invite the customer's admins",
      doneTime: at("2026-02-21T09:00:00Z"),
      doneById: "usr_operator",
      doneByEmail: "operator@demo.leitstand.test",
    },
    { id: "pst_2", title: "Book the agreed services" },
    { id: "pst_3", title: "Training session" },
  ],
};
const operator = anOperator();
const entries = [
  create(TimeEntrySchema, {
    id: "tim_1",
    orderId: id,
    userId: "usr_someone",
    userName: "Olga Operator",
    date: "2026-02-22",
    minutes: 95,
    description: "Set up the workspaces",
    billable: true,
  }),
  create(TimeEntrySchema, {
    id: "tim_2",
    orderId: id,
    userId: "usr_someone",
    userName: "Olga Operator",
    date: "2026-02-01",
    minutes: 30,
    description: "Kick-off call",
    billable: true,
    invoiceTime: at("2026-02-05T06:00:00Z"),
  }),
];
const base = [
  answer(m.getOrder, { order }),
  answer(m.listOrderComments, { comments: [] }),
  answer(m.listOrderProcesses, { processes: [process] }),
  answer(m.listTimeEntries, { timeEntries: entries }),
  answer(m.getUnbilledTime, {
    orders: [{ orderId: id, orderNumber: 7n, minutes: 95n, entries: 1 }],
    minutes: 200n,
  }),
  answer(ProcessTemplateService.method.listProcessTemplates, {
    processTemplates: [
      { id: "ptp_1", name: "Onboarding", steps: ["a", "b", "c"] },
      { id: "ptp_2", name: "Migration", steps: ["a", "b"] },
    ],
  }),
];

const heading = () => screen.findByRole("heading", { name: "#7 Onboarding Nordlicht" });

describe("an order's processes", () => {
  it("shows each process's steps, its progress and who ticked a step when", async () => {
    renderApp(`/orders/${id}`, cannedApi(signedIn(operator), ...base));
    const card = await screen.findByRole("group", { name: "Onboarding" });
    expect(within(card).getByTestId("progress")).toHaveTextContent("1/3");
    expect(within(card).getByText("1 of 3 steps done")).toBeInTheDocument();
    expect(within(card).getByLabelText("Invite the customer's admins")).toBeChecked();
    expect(within(card).getByText(/operator@demo\.leitstand\.test/)).toBeInTheDocument();
    expect(within(card).getByLabelText("Book the agreed services")).not.toBeChecked();
  });

  it("ticks a step and opens a ticked one again", async () => {
    const api = cannedApi(signedIn(operator), ...base, answer(m.setProcessStep, { process }));
    renderApp(`/orders/${id}`, api);
    const card = await screen.findByRole("group", { name: "Onboarding" });
    await userEvent.click(within(card).getByLabelText("Book the agreed services"));
    await waitFor(() =>
      expect(api.lastRequest(m.setProcessStep)).toMatchObject({
        orderId: id,
        stepId: "pst_2",
        done: true,
      }),
    );
    await userEvent.click(within(card).getByLabelText("Invite the customer's admins"));
    await waitFor(() =>
      expect(api.lastRequest(m.setProcessStep)).toMatchObject({ stepId: "pst_1", done: false }),
    );
  });

  it("adds a process from a template", async () => {
    const api = cannedApi(
      signedIn(operator),
      ...base,
      answer(m.addOrderProcess, { process: { ...process, id: "prc_2", name: "Migration" } }),
    );
    renderApp(`/orders/${id}`, api);
    await userEvent.click(await screen.findByRole("button", { name: "Add process" }));
    const dialog = await screen.findByRole("dialog");
    expect(
      within(dialog).getByText(/later edits of the template do not change/),
    ).toBeInTheDocument();
    await userEvent.click(within(dialog).getAllByLabelText(/^Template/)[0]!);
    await userEvent.click(await screen.findByRole("option", { name: "Migration (2 steps)" }));
    await userEvent.click(within(dialog).getByRole("button", { name: "Add process" }));
    await waitFor(() =>
      expect(api.lastRequest(m.addOrderProcess)).toEqual(
        expect.objectContaining({ orderId: id, templateId: "ptp_2" }),
      ),
    );
    expect(await screen.findByText("Process Migration added.")).toBeInTheDocument();
  });

  it("removes a process once confirmed", async () => {
    const api = cannedApi(signedIn(operator), ...base, answer(m.removeOrderProcess, {}));
    renderApp(`/orders/${id}`, api);
    const card = await screen.findByRole("group", { name: "Onboarding" });
    await userEvent.click(within(card).getByRole("button", { name: "Remove process" }));
    const dialog = await screen.findByRole("dialog", { name: "Remove the process Onboarding?" });
    expect(api.lastRequest(m.removeOrderProcess)).toBeUndefined();
    await userEvent.click(within(dialog).getByRole("button", { name: "Remove process" }));
    await waitFor(() =>
      expect(api.lastRequest(m.removeOrderProcess)).toMatchObject({
        orderId: id,
        processId: "prc_1",
      }),
    );
  });

  it("shows a developer the steps without ticking or adding", async () => {
    renderApp(`/orders/${id}`, cannedApi(signedIn(aDeveloper()), ...base));
    const card = await screen.findByRole("group", { name: "Onboarding" });
    expect(within(card).getByLabelText("Book the agreed services")).toBeDisabled();
    for (const name of ["Add process", "Remove process", "Start timer", "Record time"]) {
      expect(screen.queryByRole("button", { name })).not.toBeInTheDocument();
    }
  });
});

describe("an order's time", () => {
  it("lists the entries as h:mm, billable and invoiced, and the unbilled total", async () => {
    renderApp(`/orders/${id}`, cannedApi(signedIn(operator), ...base));
    const row = (await screen.findByText("Set up the workspaces")).closest("tr")!;
    expect(row).toHaveTextContent("1:35");
    expect(row).toHaveTextContent("Olga Operator");
    expect(row).toHaveTextContent("Billable");
    expect(row).toHaveTextContent("Not invoiced");
    const invoiced = screen.getByText("Kick-off call").closest("tr")!;
    expect(invoiced).toHaveTextContent("0:30");
    expect(invoiced).toHaveTextContent(/Invoiced 5 Feb 2026/);
    expect(screen.getByTestId("unbilled")).toHaveTextContent("Unbilled billable time: 1:35");
  });

  it("does not offer to change invoiced time", async () => {
    renderApp(`/orders/${id}`, cannedApi(signedIn(operator), ...base));
    await screen.findByText("Kick-off call");
    await userEvent.click(screen.getByRole("button", { name: /^Actions: 1 Feb 2026/ }));
    expect(await screen.findByRole("menuitem", { name: "Edit" })).toHaveAttribute(
      "data-disabled",
      "true",
    );
    expect(screen.getByRole("menuitem", { name: "Delete" })).toHaveAttribute(
      "data-disabled",
      "true",
    );
  });

  it("records time by hand, read as h:mm", async () => {
    const api = cannedApi(
      signedIn(operator),
      ...base,
      answer(m.createTimeEntry, { timeEntry: entries[0] }),
    );
    renderApp(`/orders/${id}`, api);
    await heading();
    await userEvent.click(await screen.findByRole("button", { name: "Record time" }));
    const dialog = await screen.findByRole("dialog", { name: "Record time" });
    await userEvent.type(within(dialog).getByLabelText(/^Time worked/), "2:15");
    await userEvent.type(within(dialog).getByLabelText("What was done"), "Training prepared");
    await userEvent.click(within(dialog).getByRole("button", { name: "Record time" }));
    await waitFor(() =>
      expect(api.lastRequest(m.createTimeEntry)).toMatchObject({
        orderId: id,
        userId: operator.userId,
        minutes: 135,
        description: "Training prepared",
        billable: true,
      }),
    );
    expect(api.lastRequest(m.createTimeEntry)?.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("sends only the changed fields of an edited entry, and shows the server's refusal", async () => {
    const api = cannedApi(
      signedIn(operator),
      ...base,
      answer(m.updateTimeEntry, refused("time entry is invoiced on INV-2026-0042")),
    );
    renderApp(`/orders/${id}`, api);
    await screen.findByText("Set up the workspaces");
    await userEvent.click(screen.getByRole("button", { name: /^Actions: 22 Feb 2026/ }));
    await userEvent.click(await screen.findByRole("menuitem", { name: "Edit" }));
    const dialog = await screen.findByRole("dialog", { name: "Edit recorded time" });
    const duration = within(dialog).getByLabelText(/^Time worked/);
    expect(duration).toHaveValue("1:35");
    await userEvent.clear(duration);
    await userEvent.type(duration, "100");
    await userEvent.click(within(dialog).getByRole("button", { name: "Save changes" }));
    expect(await within(dialog).findByText(/invoiced on INV-2026-0042/)).toBeInTheDocument();
    expect(api.lastRequest(m.updateTimeEntry)).toMatchObject({
      timeEntry: { id: "tim_1", minutes: 100 },
      updateMask: { paths: ["minutes"] },
    });
  });

  it("starts the timer, shows it running and stops it", async () => {
    const runningEntry = create(TimeEntrySchema, {
      id: "tim_3",
      orderId: id,
      userId: operator.userId,
      userName: operator.displayName,
      date: "2026-03-02",
      billable: true,
      startTime: ago(65_000),
    });
    const api = cannedApi(
      signedIn(operator),
      ...base,
      answer(m.startTimer, { timeEntry: runningEntry }),
      answer(
        m.listTimeEntries,
        { timeEntries: entries },
        { timeEntries: [runningEntry, ...entries] },
      ),
      answer(m.stopTimer, { timeEntry: { ...runningEntry, startTime: undefined, minutes: 2 } }),
    );
    renderApp(`/orders/${id}`, api);
    await userEvent.click(await screen.findByRole("button", { name: "Start timer" }));
    await waitFor(() =>
      expect(api.lastRequest(m.startTimer)).toMatchObject({ orderId: id, billable: true }),
    );
    expect(await screen.findByTestId("timer-running")).toHaveTextContent(
      /Your timer runs: 0:01:\d\d/,
    );
    await userEvent.click(screen.getByRole("button", { name: "Stop timer" }));
    expect(await screen.findByText("Timer stopped: 0:02 recorded.")).toBeInTheDocument();
    expect(api.requests(m.stopTimer)).toHaveLength(1);
  });

  it("offers no timer on a closed order, and still takes time by hand", async () => {
    renderApp(
      `/orders/${id}`,
      cannedApi(
        signedIn(operator),
        ...base,
        answer(m.getOrder, { order: { ...order, status: OrderStatus.DONE } }),
      ),
    );
    await screen.findByText("Set up the workspaces");
    expect(screen.getByRole("button", { name: "Record time" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Start timer" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Add process" })).not.toBeInTheDocument();
    const card = screen.getByRole("group", { name: "Onboarding" });
    expect(within(card).getByLabelText("Book the agreed services")).toBeDisabled();
  });

  it("announces the server's refusal to start a second timer", async () => {
    const api = cannedApi(
      signedIn(operator),
      ...base,
      answer(m.startTimer, refused("your timer already runs on order #3")),
    );
    renderApp(`/orders/${id}`, api);
    await userEvent.click(await screen.findByRole("button", { name: "Start timer" }));
    expect(await screen.findByText(/already runs on order #3/)).toBeInTheDocument();
  });
});
