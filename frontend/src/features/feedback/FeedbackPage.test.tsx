import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { FeedbackService } from "@leitstand/sdk/leitstand/admin/v1/feedback_service_pb.js";
import { aDeveloper, anOperator, at } from "@/test/builders";
import { answer, cannedApi, signedIn } from "@/test/canned";
import { renderApp } from "@/test/render";

const m = FeedbackService.method;
const poor = {
  id: "fbk_1",
  userEmail: "anna@nordlicht.example",
  rating: 1,
  text: "I could not find where to download our invoices.",
  area: "portal/invoices",
  createTime: at("2026-03-02T08:05:00Z"),
};
const good = {
  id: "fbk_2",
  userEmail: "ben@nordlicht.example",
  rating: 5,
  text: "Great: the alert was answered within ten minutes!",
  area: "portal/alerts",
  createTime: at("2026-03-01T08:05:00Z"),
  reviewTime: at("2026-03-01T10:00:00Z"),
  reviewedByEmail: "operator@demo.leitstand.test",
  reviewNote: "Answered the customer by mail.",
};
const list = answer(m.listFeedback, { feedback: [poor, good], totalSize: 2 });

describe("feedback page", () => {
  it("lists the feedback with rating, text, area, user and its review", async () => {
    renderApp("/feedback", cannedApi(signedIn(anOperator()), list));
    const first = (await screen.findByText(poor.text)).closest("tr")!;
    expect(within(first).getByLabelText("1 of 5")).toBeInTheDocument();
    expect(first).toHaveTextContent("portal/invoices");
    expect(first).toHaveTextContent("anna@nordlicht.example");
    expect(first).toHaveTextContent("Not reviewed");
    const second = screen.getByText(good.text).closest("tr")!;
    expect(second).toHaveTextContent("Reviewed by operator@demo.leitstand.test");
    expect(second).toHaveTextContent("Answered the customer by mail.");
  });

  it("sends the URL's filters, and keeps those chosen in the URL", async () => {
    const api = cannedApi(signedIn(anOperator()), list);
    const { history } = renderApp("/feedback?reviewed=no&maxRating=2", api);
    await screen.findByText(poor.text);
    expect(api.lastRequest(m.listFeedback)).toMatchObject({ reviewed: false, maxRating: 2 });
    await userEvent.click(screen.getByRole("radio", { name: "All" }));
    await waitFor(() => expect(history.location.search).not.toContain("reviewed"));
    await waitFor(() => expect(api.lastRequest(m.listFeedback)?.reviewed).toBeUndefined());
    await userEvent.click(screen.getByRole("radio", { name: "Reviewed" }));
    await waitFor(() => expect(history.location.search).toContain("reviewed=yes"));
    await waitFor(() => expect(api.lastRequest(m.listFeedback)?.reviewed).toBe(true));
  });

  it("marks feedback reviewed with a note", async () => {
    const api = cannedApi(
      signedIn(anOperator()),
      list,
      answer(m.reviewFeedback, { feedback: { ...poor, reviewTime: at("2026-03-02T09:00:00Z") } }),
    );
    renderApp("/feedback", api);
    await userEvent.click(
      await screen.findByRole("button", { name: "Mark reviewed: anna@nordlicht.example" }),
    );
    const dialog = await screen.findByRole("dialog", {
      name: "Review feedback of anna@nordlicht.example",
    });
    await userEvent.type(
      within(dialog).getByLabelText("Note"),
      "Invoices link goes on the start page.",
    );
    await userEvent.click(within(dialog).getByRole("button", { name: "Mark reviewed" }));
    await waitFor(() =>
      expect(api.lastRequest(m.reviewFeedback)).toMatchObject({
        id: "fbk_1",
        note: "Invoices link goes on the start page.",
      }),
    );
  });

  it("shows a developer the feedback without reviewing it", async () => {
    renderApp("/feedback", cannedApi(signedIn(aDeveloper()), list));
    await screen.findByText(poor.text);
    expect(screen.queryByRole("button", { name: /^Mark reviewed/ })).not.toBeInTheDocument();
  });
});
