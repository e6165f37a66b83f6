import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  AccountRisk,
  AccountService,
  RevenueClass,
} from "@leitstand/sdk/leitstand/admin/v1/account_service_pb.js";
import { aDeveloper, anAtRiskAccount, anOwner } from "@/test/builders";
import { answer, answerWith, cannedApi, signedIn } from "@/test/canned";
import { renderApp, tableRows } from "@/test/render";

const m = AccountService.method;

// Most urgent first, as the server sorts them.
const blocked = anAtRiskAccount();
const atCap = anAtRiskAccount({
  account: {
    organizationId: "org_01storage0000000000000000000",
    organizationName: "Speicher AG",
    revenueClass: RevenueClass.PAYING,
    planName: "Basis",
    users: { used: 3n, cap: 25n, percent: 12 },
    storage: { used: 1_300_000_000n, cap: 1_000_000_000n, percent: 130 },
    currency: "EUR",
    adminContacts: ["Sara Speicher <sara@speicher.example>", "Tom Speicher <tom@speicher.example>"],
  },
  reasons: [
    { risk: AccountRisk.AT_CAP, cap: "storage", percent: 130 },
    { risk: AccountRisk.OVERDUE, overdueInvoices: 2, overdueCents: 12345n },
  ],
  risks: [AccountRisk.AT_CAP, AccountRisk.OVERDUE],
});
const overdue = anAtRiskAccount({
  account: {
    organizationId: "org_01overdue0000000000000000000",
    organizationName: "Offen GmbH",
    revenueClass: RevenueClass.MANAGED,
    planName: "Premium",
    currency: "EUR",
    adminContacts: [],
  },
  reasons: [{ risk: AccountRisk.OVERDUE, overdueInvoices: 1, overdueCents: 11781n }],
  risks: [AccountRisk.OVERDUE],
});
const approaching = anAtRiskAccount({
  account: {
    organizationId: "org_01nearly00000000000000000000",
    organizationName: "Fast Voll KG",
    revenueClass: RevenueClass.PAYING,
    planName: "Premium",
    users: { used: 9n, cap: 10n, percent: 90 },
    storage: { used: 46_000_000_000n, cap: 50_000_000_000n, percent: 92 },
    currency: "EUR",
  },
  reasons: [
    { risk: AccountRisk.APPROACHING_CAP, cap: "storage", percent: 92 },
    { risk: AccountRisk.APPROACHING_CAP, cap: "users", percent: 90 },
  ],
  risks: [AccountRisk.APPROACHING_CAP],
});
const downgraded = anAtRiskAccount({
  account: {
    organizationId: "org_01downgrade000000000000000000",
    organizationName: "Klein & Co",
    revenueClass: RevenueClass.PAYING,
    planName: "Basis",
    currency: "EUR",
  },
  reasons: [
    {
      risk: AccountRisk.DOWNGRADED,
      downgradedFrom: "Premium",
      downgradedTo: "Basis",
      downgradedOn: "2026-12-02",
    },
  ],
  risks: [AccountRisk.DOWNGRADED],
});

const page = {
  accounts: [blocked, atCap, overdue, approaching, downgraded],
  totalSize: 5,
  hardBlocked: 1,
  atCap: 1,
  overdue: 2,
  approachingCap: 1,
  downgraded: 1,
};
const list = answer(m.listAtRiskAccounts, page);

describe("accounts at risk", () => {
  it("lists the accounts most urgent first, each reason in words, under the counts of each risk", async () => {
    const api = cannedApi(signedIn(anOwner()), list);
    renderApp("/accounts/at-risk", api);
    const rows = [...(await tableRows())] as HTMLElement[];
    expect(rows).toHaveLength(5);
    expect(api.lastRequest(m.listAtRiskAccounts)).toMatchObject({
      approachingPercent: 80,
      pageToken: "",
    });
    expect(screen.getByRole("heading", { name: "At-risk accounts" })).toBeInTheDocument();
    expect(
      screen.getByText("5 accounts at risk this month, the most urgent first"),
    ).toBeInTheDocument();

    // The counts of each risk, the most urgent first.
    const counts = screen.getByRole("group", { name: "Accounts by risk" });
    const chips = [...counts.querySelectorAll("[data-testid^='risk-count-']")];
    expect(chips.map((c) => c.textContent)).toEqual([
      "Hard-blocked1",
      "At cap1",
      "Overdue2",
      "Approaching cap1",
      "Downgraded1",
    ]);

    // Each row: the organization, its most urgent risk, the reasons in words, class, tier, admins.
    const [first, second, third, fourth, fifth] = rows;
    expect(within(first!).getByRole("link", { name: "Bäckerei Blau" })).toHaveAttribute(
      "href",
      `/organizations/${blocked.account!.organizationId}`,
    );
    expect(first!.querySelector("[data-risk]")).toHaveAttribute("data-risk", "HARD_BLOCKED");
    expect(first).toHaveTextContent("Hard-blocked: 4 of 1 users (400%)");
    expect(first!.querySelector("[data-class]")).toHaveAttribute("data-class", "COMPED");
    expect(first).toHaveTextContent("Free");
    expect(within(first!).getByRole("link", { name: "Berta Blau" })).toHaveAttribute(
      "href",
      "mailto:berta@blau.example",
    );
    expect(
      within(first!).getByRole("button", {
        name: "Copy: e-mail addresses of the admins of Bäckerei Blau",
      }),
    ).toBeInTheDocument();

    expect(second!.querySelector("[data-risk]")).toHaveAttribute("data-risk", "AT_CAP");
    const reasons = [...second!.querySelectorAll("[data-reason]")].map((r) => r.textContent);
    expect(reasons).toEqual([
      "At storage cap: 1.3 of 1 GB (130%)",
      "Overdue: 2 invoices, €123.45 open",
    ]);
    expect(third).toHaveTextContent("Overdue: 1 invoice, €117.81 open");
    expect(third!.querySelector("[data-risk]")).toHaveAttribute("data-risk", "OVERDUE");
    expect(fourth).toHaveTextContent("Approaching storage cap: 92%");
    expect(fourth).toHaveTextContent("Approaching users cap: 90%");
    expect(fifth).toHaveTextContent("Downgraded Premium → Basis on 2 Dec 2026");
    expect(fifth!.querySelector("[data-risk]")).toHaveAttribute("data-risk", "DOWNGRADED");
    // Each risk in a colour of its own.
    const colors = rows.map((r) => r.querySelector("[data-risk]")!.getAttribute("style"));
    expect(new Set(colors).size).toBe(5);

    // At-risk is the page in the navigation, not Usage & billing too.
    const nav = screen.getByRole("navigation", { name: "Main navigation" });
    const atRisk = within(nav).getByRole("link", { name: "At-risk" });
    expect(atRisk).toHaveAttribute("href", "/accounts/at-risk");
    expect(atRisk).toHaveAttribute("data-active");
    expect(atRisk).toHaveAttribute("aria-current", "page");
    const billing = within(nav).getByRole("link", { name: "Usage & billing" });
    expect(billing).not.toHaveAttribute("data-active");
    expect(billing).not.toHaveAttribute("aria-current");
    expect(screen.getByText("1–5 of 5")).toBeInTheDocument();
  });

  it("reads in German", async () => {
    renderApp("/accounts/at-risk", cannedApi(signedIn(anOwner()), list), "de");
    const rows = [...(await tableRows())] as HTMLElement[];
    expect(screen.getByRole("heading", { name: "Gefährdete Konten" })).toBeInTheDocument();
    expect(rows[0]).toHaveTextContent("Blockiert: 4 von 1 Nutzern (400 %)");
    expect(rows[1]).toHaveTextContent("An der Speichergrenze: 1,3 von 1 GB (130 %)");
    expect(rows[1]).toHaveTextContent("Überfällig: 2 Rechnungen, 123,45 € offen");
    expect(rows[3]).toHaveTextContent("Nahe an der Speichergrenze: 92 %");
    expect(rows[4]).toHaveTextContent("Herabgestuft Premium → Basis am 02.12.2026");
    expect(screen.getByTestId("risk-count-OVERDUE")).toHaveTextContent("Überfällig2");
    const nav = screen.getByRole("navigation", { name: "Hauptnavigation" });
    expect(within(nav).getByRole("link", { name: "Gefährdete Konten" })).toBeInTheDocument();
  });

  it("asks from the URL's threshold, keeps a new one in the URL, and exports the same request", async () => {
    const api = cannedApi(signedIn(anOwner()), list);
    const { history } = renderApp("/accounts/at-risk?approaching=70", api);
    await tableRows();
    expect(api.lastRequest(m.listAtRiskAccounts)?.approachingPercent).toBe(70);
    const threshold = screen.getByRole("textbox", { name: "Approaching a cap from" });
    expect(threshold).toHaveValue("70");

    await userEvent.clear(threshold);
    await userEvent.type(threshold, "90");
    await waitFor(() => expect(history.location.search).toContain("approaching=90"));
    await waitFor(() => expect(api.lastRequest(m.listAtRiskAccounts)?.approachingPercent).toBe(90));
    // Only the threshold typed in full was asked for, not each keystroke on the way.
    expect(api.requests(m.listAtRiskAccounts).map((r) => r.approachingPercent)).not.toContain(9);

    const href = decodeURIComponent(
      screen.getByRole("link", { name: "Export CSV" }).getAttribute("href") ?? "",
    );
    expect(href).toContain("AccountService/ListAtRiskAccounts.csv");
    expect(href).toContain('"approachingPercent":90');

    // Back to the default: the URL says nothing.
    await userEvent.clear(threshold);
    await userEvent.type(threshold, "80");
    await waitFor(() => expect(api.lastRequest(m.listAtRiskAccounts)?.approachingPercent).toBe(80));
    await waitFor(() => expect(history.location.search).not.toContain("approaching"));
  });

  it("pages forward and back with the page tokens", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      answerWith(m.listAtRiskAccounts, (req) =>
        req.pageToken === ""
          ? { ...page, accounts: [blocked, atCap], nextPageToken: "after-speicher" }
          : { ...page, accounts: [overdue], nextPageToken: "" },
      ),
    );
    renderApp("/accounts/at-risk", api);
    expect(await tableRows()).toHaveLength(2);
    expect(screen.getByText("1–2 of 5")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Next" }));
    await waitFor(() => expect(screen.getByText("3–3 of 5")).toBeInTheDocument());
    expect(api.lastRequest(m.listAtRiskAccounts)?.pageToken).toBe("after-speicher");
    expect(screen.getByRole("link", { name: "Offen GmbH" })).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Previous" }));
    await waitFor(() => expect(screen.getByText("1–2 of 5")).toBeInTheDocument());
  });

  it("says when no account is at risk", async () => {
    renderApp(
      "/accounts/at-risk",
      cannedApi(signedIn(anOwner()), answer(m.listAtRiskAccounts, { accounts: [], totalSize: 0 })),
    );
    expect(await screen.findByText("No account is at risk.")).toBeInTheDocument();
    expect(screen.getByTestId("risk-count-HARD_BLOCKED")).toHaveTextContent("Hard-blocked0");
  });

  it("is not in a developer's navigation", async () => {
    renderApp("/", cannedApi(signedIn(aDeveloper())));
    const nav = await screen.findByRole("navigation", { name: "Main navigation" });
    expect(within(nav).queryByRole("link", { name: "At-risk" })).not.toBeInTheDocument();
  });
});
