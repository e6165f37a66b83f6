import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { PlanService } from "@leitstand/sdk/leitstand/admin/v1/plan_service_pb.js";
import { aDeveloper, anOperator, anOwner, aPlan, at } from "@/test/builders";
import { answer, answerWith, cannedApi, signedIn } from "@/test/canned";
import { renderApp, tableRows } from "@/test/render";

const m = PlanService.method;

const free = aPlan({
  id: "pln_01free00000000000000000000",
  name: "Free",
  description: "To try it out.",
  rank: 10,
  terms: {
    monthlyFeeCents: 0n,
    currency: "EUR",
    includedUsers: 1,
    includedStorageGb: 1,
    includedSupportMinutes: 0,
    hourlyRateCents: 12000n,
    storageOverageCentsPerGb: 0n,
    maxUsers: 1,
    maxStorageGb: 1,
  },
});
const basis = aPlan({ version: 2 });
const enterprise = aPlan({
  id: "pln_01enterprise00000000000000",
  name: "Enterprise",
  rank: 40,
  terms: {
    monthlyFeeCents: 34900n,
    currency: "EUR",
    includedUsers: 100,
    includedStorageGb: 1000,
    includedSupportMinutes: 90,
    hourlyRateCents: 7900n,
    storageOverageCentsPerGb: 20n,
    maxUsers: 0,
    maxStorageGb: 0,
  },
});
const legacy = aPlan({
  id: "pln_01legacy0000000000000000000",
  name: "Legacy",
  rank: 5,
  retired: true,
  retireTime: at("2026-02-01T10:00:00Z"),
});

/** The server's list: the retired plans only when asked for. */
const list = answerWith(m.listPlans, (req) => {
  const plans = req.includeRetired ? [legacy, free, basis, enterprise] : [free, basis, enterprise];
  return { plans, totalSize: plans.length };
});

const row = async (name: string) => (await screen.findByText(name)).closest("tr")!;
const term = (tr: HTMLElement, field: string) => tr.querySelector(`[data-term="${field}"]`);

describe("plans page", () => {
  it("lists the plans by rank with their current terms", async () => {
    const api = cannedApi(signedIn(anOwner()), list);
    renderApp("/plans", api);
    const rows = await tableRows();
    const names = [...rows].map((r) => r.querySelector("a")?.textContent);
    expect(names).toEqual(["Free", "Basis", "Enterprise"]);

    const b = await row("Basis");
    expect(term(b, "monthlyFeeCents")).toHaveTextContent("€29.00");
    expect(term(b, "includedUsers")).toHaveTextContent("5");
    expect(term(b, "includedStorageGb")).toHaveTextContent("50 GB");
    expect(term(b, "includedSupportMinutes")).toHaveTextContent("1 h");
    expect(term(b, "hourlyRateCents")).toHaveTextContent("€95.00");
    expect(term(b, "storageOverageCentsPerGb")).toHaveTextContent("€0.40");
    expect(b).toHaveTextContent("25 users · 500 GB");
    expect(b).toHaveTextContent("v2");

    const f = await row("Free");
    expect(term(f, "monthlyFeeCents")).toHaveTextContent("€0.00");
    expect(f).toHaveTextContent("1 user · 1 GB");

    const e = await row("Enterprise");
    expect(term(e, "includedSupportMinutes")).toHaveTextContent("1.5 h");
    expect(e).toHaveTextContent("no cap");
    expect(api.lastRequest(m.listPlans)).toMatchObject({ includeRetired: false });
  });

  it("shows the retired plans when asked, and keeps that in the URL", async () => {
    const api = cannedApi(signedIn(anOwner()), list);
    const { history } = renderApp("/plans", api);
    await screen.findByText("Basis");
    expect(screen.queryByText("Legacy")).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole("switch", { name: "Show retired plans" }));
    const legacyRow = await row("Legacy");
    expect(legacyRow).toHaveTextContent("Retired on");
    expect(api.lastRequest(m.listPlans)).toMatchObject({ includeRetired: true });
    expect(history.location.search).toContain("retired=true");
    // A retired plan is not changed again.
    expect(
      within(legacyRow).queryByRole("button", { name: "Actions: Legacy" }),
    ).not.toBeInTheDocument();
  });

  it("creates a plan with its prices in cents and its support time in minutes", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      list,
      answer(m.createPlan, { plan: aPlan({ id: "pln_01team00000000000000000000", name: "Team" }) }),
    );
    renderApp("/plans", api);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "New plan" }));
    const dialog = await screen.findByRole("dialog", { name: "New plan" });
    await user.type(within(dialog).getByLabelText(/^Name/), "Team");
    await user.type(within(dialog).getByLabelText(/^Rank/), "25");
    await user.type(within(dialog).getByLabelText(/^Monthly fee/), "19.99");
    await user.type(within(dialog).getByLabelText(/^Hourly rate/), "1.234,50");
    await user.type(within(dialog).getByLabelText(/^Extra storage per GB/), "0.35");
    const users = within(dialog).getByLabelText("Included users");
    await user.clear(users);
    await user.type(users, "10");
    const support = within(dialog).getByLabelText(/^Included support/);
    await user.clear(support);
    await user.type(support, "1.5");
    const cap = within(dialog).getByLabelText("User cap");
    await user.clear(cap);
    await user.type(cap, "50");
    await user.click(within(dialog).getByRole("button", { name: "New plan" }));
    await waitFor(() => expect(api.lastRequest(m.createPlan)).toBeDefined());
    expect(api.lastRequest(m.createPlan)).toMatchObject({
      name: "Team",
      rank: 25,
      reason: "",
      terms: {
        monthlyFeeCents: 1999n,
        includedUsers: 10,
        includedStorageGb: 0,
        includedSupportMinutes: 90,
        hourlyRateCents: 123450n,
        storageOverageCentsPerGb: 35n,
        maxUsers: 50,
        maxStorageGb: 0,
      },
    });
    expect(await screen.findByText("Team added.")).toBeInTheDocument();
  });

  it("refuses an amount that is not one before asking the server", async () => {
    const api = cannedApi(signedIn(anOwner()), list);
    renderApp("/plans", api);
    await userEvent.click(await screen.findByRole("button", { name: "New plan" }));
    const dialog = await screen.findByRole("dialog", { name: "New plan" });
    await userEvent.type(within(dialog).getByLabelText(/^Name/), "Team");
    await userEvent.type(within(dialog).getByLabelText(/^Rank/), "25");
    await userEvent.type(within(dialog).getByLabelText(/^Monthly fee/), "19 Euro");
    await userEvent.click(within(dialog).getByRole("button", { name: "New plan" }));
    expect(await within(dialog).findAllByText(/Enter an amount in euros/)).toHaveLength(3);
    expect(api.calls()).not.toContain("leitstand.admin.v1.PlanService/CreatePlan");
  });

  it.each([
    ["an operator", anOperator()],
    ["a developer", aDeveloper()],
  ])("shows %s the plans without changing them", async (_, caller) => {
    renderApp("/plans", cannedApi(signedIn(caller), list));
    await screen.findByText("Basis");
    expect(screen.queryByRole("button", { name: "New plan" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Actions: Basis" })).not.toBeInTheDocument();
  });

  it("speaks German", async () => {
    renderApp("/plans", cannedApi(signedIn(anOwner()), list), "de");
    const b = await row("Basis");
    expect(screen.getByRole("heading", { name: "Tarife" })).toBeInTheDocument();
    expect(screen.getByRole("columnheader", { name: "Grundgebühr" })).toBeInTheDocument();
    expect(screen.getByRole("columnheader", { name: "Stundensatz" })).toBeInTheDocument();
    expect(screen.getByRole("columnheader", { name: "Obergrenzen" })).toBeInTheDocument();
    expect(term(b, "monthlyFeeCents")).toHaveTextContent("29,00 €");
    expect(term(b, "includedSupportMinutes")).toHaveTextContent("1 Std.");
    expect(b).toHaveTextContent("25 Nutzer · 500 GB");
    const e = await row("Enterprise");
    expect(term(e, "includedSupportMinutes")).toHaveTextContent("1,5 Std.");
    expect(e).toHaveTextContent("keine Obergrenze");
    expect(screen.getByRole("switch", { name: "Eingestellte Tarife zeigen" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Neuer Tarif" })).toBeInTheDocument();
  });
});
