import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  AccountService,
  RevenueClass,
} from "@leitstand/sdk/leitstand/admin/v1/account_service_pb.js";
import { OrganizationStatus } from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import {
  aDeveloper,
  anAccount,
  anAccountMonth,
  anAccountWorkspace,
  anOwner,
} from "@/test/builders";
import { answer, answerWith, cannedApi, refused, signedIn } from "@/test/canned";
import { renderApp, tableRows } from "@/test/render";
import { thisMonth } from "@/lib/format";

const m = AccountService.method;
const now = thisMonth();

const acme = anAccount();
const trial = anAccount({
  organizationId: "org_01globex0000000000000000000",
  organizationName: "Globex AG",
  revenueClass: RevenueClass.TRIAL,
  planName: "Business",
  // At the cap of users, near that of storage.
  users: { used: 10n, cap: 10n, percent: 100 },
  storage: { used: 85_000_000_000n, cap: 100_000_000_000n, percent: 85 },
  traffic: { used: 2_500_000_000n, cap: 0n, percent: 0 },
  invoicedGrossCents: 0n,
  paidCents: 0n,
  mrrStartCents: 0n,
  mrrEndCents: 0n,
  nextInvoice: undefined,
  adminContacts: ["Gina Globex <gina@globex.example>"],
  workspaces: [],
});
const comped = anAccount({
  organizationId: "org_01initech000000000000000000",
  organizationName: "Initech",
  status: OrganizationStatus.SUSPENDED,
  revenueClass: RevenueClass.COMPED,
  planName: "",
  users: { used: 1n, cap: 0n, percent: 0 },
  storage: { used: 0n, cap: 0n, percent: 0 },
  traffic: { used: 0n, cap: 0n, percent: 0 },
  invoicedGrossCents: 0n,
  paidCents: 0n,
  mrrStartCents: 0n,
  mrrEndCents: 0n,
  nextInvoice: undefined,
  adminContacts: [],
  workspaces: [],
});

const totals = {
  currency: "EUR",
  invoicedGrossCents: 11781n,
  paidCents: 11781n,
  mrrStartCents: 7900n,
  mrrEndCents: 9900n,
  trial: 1,
  managed: 0,
  paying: 1,
  comped: 1,
};
const list = answer(m.listAccounts, {
  accounts: [acme, trial, comped],
  totalSize: 3,
  month: now,
  totals,
});

/** The progress bar's fill: Mantine colours it through a CSS variable. */
const barColor = (row: Element, label: RegExp) =>
  within(row as HTMLElement)
    .getByRole("progressbar", { name: label })
    .getAttribute("style");

describe("usage and billing", () => {
  it("shows each account's class, tier, usage against its caps, money, next invoice and admins, under the month's totals", async () => {
    renderApp("/accounts", cannedApi(signedIn(anOwner()), list));
    const rows = await tableRows();
    expect(rows).toHaveLength(3);

    const [first, second, third] = [...rows] as HTMLElement[];
    expect(within(first!).getByRole("link", { name: "Acme GmbH" })).toHaveAttribute(
      "href",
      `/organizations/${acme.organizationId}`,
    );
    expect(first!.querySelector("[data-class]")).toHaveAttribute("data-class", "PAYING");
    expect(first).toHaveTextContent("Paying");
    expect(first).toHaveTextContent("Premium");
    expect(first).toHaveTextContent("3 / 4");
    expect(first).toHaveTextContent("12.3 / 50 GB");
    // Traffic without a cap: the amount alone.
    expect(first).toHaveTextContent("45 GBno cap");
    expect(first).toHaveTextContent("€117.81");
    expect(first).toHaveTextContent("€99.00from €79.00");
    // Its next invoice, gross, with its billing date.
    expect(first).toHaveTextContent("€117.81on 5 Feb 2027");
    const admin = within(first!).getByRole("link", { name: "Anna Becker" });
    expect(admin).toHaveAttribute("href", "mailto:anna.becker@acme.example");
    await userEvent.click(within(first!).getByRole("button", { name: "1 more admin" }));
    expect(await screen.findByRole("link", { name: "Ben Krause" })).toHaveAttribute(
      "href",
      "mailto:ben@acme.example",
    );

    // Each class in a colour of its own.
    expect(second!.querySelector("[data-class]")).toHaveAttribute("data-class", "TRIAL");
    expect(third!.querySelector("[data-class]")).toHaveAttribute("data-class", "COMPED");
    const badgeColor = (row: HTMLElement) =>
      row.querySelector("[data-class]")!.getAttribute("style");
    expect(new Set([badgeColor(first!), badgeColor(second!), badgeColor(third!)]).size).toBe(3);

    // A bar turns red at the cap and orange from 80 %.
    expect(second).toHaveTextContent("10 / 10");
    expect(barColor(second!, /^Users/)).toContain("red");
    expect(barColor(second!, /^Storage/)).toContain("orange");
    expect(barColor(first!, /^Users/)).toContain("teal");
    expect(within(first!).queryByRole("progressbar", { name: /^Traffic/ })).toBeNull();
    // No plan, no admins, no next invoice: dashes; its status under its name.
    expect(third).toHaveTextContent("Suspended");
    expect(third).toHaveTextContent("1no cap");

    // The totals of every account that matches: MRR (a forecast this month), invoiced, paid, classes.
    const strip = screen.getByRole("region", { name: "Totals of the month" });
    expect(within(strip).getByTestId("total-mrrStart")).toHaveTextContent("€79.00");
    expect(within(strip).getByTestId("total-mrrEnd")).toHaveTextContent(
      "MRR at the end (forecast)€99.00",
    );
    expect(within(strip).getByTestId("total-invoiced")).toHaveTextContent("€117.81");
    expect(within(strip).getByTestId("total-paid")).toHaveTextContent("€117.81");
    expect(within(strip).getByTestId("count-PAYING")).toHaveTextContent("Paying1");
    expect(within(strip).getByTestId("count-MANAGED")).toHaveTextContent("Managed0");
    expect(screen.getByRole("columnheader", { name: /MRR \(forecast\)/ })).toBeInTheDocument();
    expect(screen.getByText("1–3 of 3")).toBeInTheDocument();
  });

  it("asks for the URL's month, classes, name and order, and so does the export", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      answer(m.listAccounts, { accounts: [acme], totalSize: 1, month: "2026-10", totals }),
    );
    renderApp("/accounts?month=2026-10&class=COMPED,MANAGED&q=acme&sort=paid_desc", api, "de");
    const rows = await tableRows();
    expect(api.lastRequest(m.listAccounts)).toMatchObject({
      month: "2026-10",
      revenueClasses: [RevenueClass.MANAGED, RevenueClass.COMPED],
      query: "acme",
      orderBy: "paid desc",
      pageToken: "",
    });
    // A past month: its MRR at the end is no forecast, and no next invoice is known.
    expect(screen.getByTestId("total-mrrEnd")).toHaveTextContent("MRR am Ende99,00 €");
    expect(screen.queryByRole("columnheader", { name: "Nächste Rechnung" })).toBeNull();
    expect(rows[0]).toHaveTextContent("117,81 €");
    expect(rows[0]).toHaveTextContent("12,3 / 50 GB");
    expect(screen.getByText("1 Konto im Oktober 2026")).toBeInTheDocument();
    expect(screen.getByRole("columnheader", { name: /Gezahlt/ })).toHaveAttribute(
      "aria-sort",
      "descending",
    );
    const href = decodeURIComponent(
      screen.getByRole("link", { name: "CSV exportieren" }).getAttribute("href") ?? "",
    );
    expect(href).toContain("AccountService/ListAccounts.csv");
    expect(href).toContain('"month":"2026-10"');
    expect(href).toContain("REVENUE_CLASS_MANAGED");
    expect(href).toContain('"orderBy":"paid desc"');
  });

  it("shows a month picked in the URL, and no month ahead of this one", async () => {
    const short = [
      "Jan",
      "Feb",
      "Mar",
      "Apr",
      "May",
      "Jun",
      "Jul",
      "Aug",
      "Sep",
      "Oct",
      "Nov",
      "Dec",
    ];
    const [year, month] = now.split("-").map(Number) as [number, number];
    const before = month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, "0")}`;
    const api = cannedApi(signedIn(anOwner()), list);
    const { history } = renderApp("/accounts", api);
    await tableRows();
    expect(screen.getByRole("button", { name: "Month" })).toHaveTextContent(
      new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric" }).format(new Date()),
    );

    await userEvent.click(screen.getByRole("button", { name: "Month" }));
    const picker = await screen.findByRole("dialog");
    if (month < 12) {
      expect(within(picker).getByRole("button", { name: short[month] })).toBeDisabled();
    }
    expect(picker.querySelector("[data-direction='next']")).toBeDisabled();
    if (month === 1) await userEvent.click(picker.querySelector("[data-direction='previous']")!);
    await userEvent.click(
      within(picker).getByRole("button", { name: short[Number(before.slice(5)) - 1] }),
    );
    await waitFor(() => expect(history.location.search).toContain(`month=${before}`));
    await waitFor(() => expect(api.lastRequest(m.listAccounts)?.month).toBe(before));
    // A past month: no forecast.
    expect(screen.getByTestId("total-mrrEnd")).toHaveTextContent("MRR at the end€99.00");
  });

  it("shows this month for a month ahead in the URL", async () => {
    const api = cannedApi(signedIn(anOwner()), list);
    renderApp(`/accounts?month=${Number(now.slice(0, 4)) + 1}-01`, api);
    await tableRows();
    expect(api.lastRequest(m.listAccounts)?.month).toBe("");
    expect(screen.getByTestId("total-mrrEnd")).toHaveTextContent("MRR at the end (forecast)");
  });

  it("filters by revenue class and sorts by a column, in the URL and the request", async () => {
    const api = cannedApi(signedIn(anOwner()), list);
    const { history } = renderApp("/accounts", api);
    await tableRows();
    expect(api.lastRequest(m.listAccounts)).toMatchObject({
      month: "",
      revenueClasses: [],
      orderBy: "name",
    });

    await userEvent.click(screen.getByRole("checkbox", { name: "Paying" }));
    await waitFor(() =>
      expect(api.lastRequest(m.listAccounts)?.revenueClasses).toEqual([RevenueClass.PAYING]),
    );
    expect(history.location.search).toContain("class=PAYING");
    await userEvent.click(screen.getByRole("checkbox", { name: "Trial" }));
    await waitFor(() => expect(history.location.search).toContain("class=TRIAL%2CPAYING"));
    expect(api.lastRequest(m.listAccounts)?.revenueClasses).toEqual([
      RevenueClass.TRIAL,
      RevenueClass.PAYING,
    ]);

    // A class's count in the totals shows that class alone.
    await userEvent.click(screen.getByTestId("count-COMPED"));
    await waitFor(() =>
      expect(api.lastRequest(m.listAccounts)?.revenueClasses).toEqual([RevenueClass.COMPED]),
    );
    expect(history.location.search).toContain("class=COMPED");
    expect(screen.getByTestId("count-COMPED")).toHaveAttribute("aria-pressed", "true");

    // Money sorts the highest first, then the other way.
    const mrr = screen.getByRole("columnheader", { name: /MRR/ });
    await userEvent.click(within(mrr).getByRole("button"));
    await waitFor(() => expect(api.lastRequest(m.listAccounts)?.orderBy).toBe("mrr desc"));
    expect(history.location.search).toContain("sort=mrr_desc");
    expect(mrr).toHaveAttribute("aria-sort", "descending");
    await userEvent.click(within(mrr).getByRole("button"));
    await waitFor(() => expect(api.lastRequest(m.listAccounts)?.orderBy).toBe("mrr"));
    expect(history.location.search).toContain("sort=mrr");
    const users = screen.getByRole("columnheader", { name: /Users/ });
    await userEvent.click(within(users).getByRole("button"));
    await waitFor(() => expect(api.lastRequest(m.listAccounts)?.orderBy).toBe("users desc"));
  });

  it("pages forward and back with the page tokens", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      answerWith(m.listAccounts, (req) =>
        req.pageToken === ""
          ? {
              accounts: [acme, trial],
              nextPageToken: "after-globex",
              totalSize: 3,
              month: now,
              totals,
            }
          : { accounts: [comped], nextPageToken: "", totalSize: 3, month: now, totals },
      ),
    );
    renderApp("/accounts", api);
    expect(await tableRows()).toHaveLength(2);
    expect(screen.getByText("1–2 of 3")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Previous" })).toBeDisabled();

    await userEvent.click(screen.getByRole("button", { name: "Next" }));
    await waitFor(() => expect(screen.getByText("3–3 of 3")).toBeInTheDocument());
    expect(api.lastRequest(m.listAccounts)?.pageToken).toBe("after-globex");
    expect(await tableRows()).toHaveLength(1);
    expect(screen.getByRole("link", { name: "Initech" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Next" })).toBeDisabled();

    // Back to the first page, without asking again.
    const calls = api.requests(m.listAccounts).length;
    await userEvent.click(screen.getByRole("button", { name: "Previous" }));
    await waitFor(() => expect(screen.getByText("1–2 of 3")).toBeInTheDocument());
    expect(screen.getByRole("link", { name: "Acme GmbH" })).toBeInTheDocument();
    expect(api.requests(m.listAccounts)).toHaveLength(calls);
  });

  it("opens an account's workspaces", async () => {
    const two = anAccount({
      workspaces: [
        anAccountWorkspace(),
        anAccountWorkspace({
          workspaceId: "ws_01staging0000000000000000001",
          name: "Staging",
          users: 1,
          storageBytes: 250_000_000n,
          trafficBytes: 0n,
          adminContact: "",
        }),
      ],
    });
    renderApp(
      "/accounts",
      cannedApi(
        signedIn(anOwner()),
        answer(m.listAccounts, { accounts: [two, trial], totalSize: 2, month: now, totals }),
      ),
    );
    await tableRows();
    const toggle = screen.getByRole("button", { name: "Show the workspaces of Acme GmbH" });
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    await userEvent.click(toggle);

    const region = screen.getByRole("region", { name: "Workspaces of Acme GmbH" });
    const workspaces = region.querySelectorAll("tr[data-workspace]");
    expect(workspaces).toHaveLength(2);
    expect(workspaces[0]).toHaveTextContent("ProductionPremium31.2 GB4.5 GBAnna Becker");
    expect(within(workspaces[0] as HTMLElement).getByRole("link")).toHaveAttribute(
      "href",
      "mailto:anna.becker@acme.example",
    );
    expect(workspaces[1]).toHaveTextContent("StagingPremium10.25 GB0 GB—");
    // The workspaces are no rows of the list.
    expect(await tableRows()).toHaveLength(2);

    await userEvent.click(screen.getByRole("button", { name: "Show the workspaces of Globex AG" }));
    expect(screen.getByRole("region", { name: "Workspaces of Globex AG" })).toHaveTextContent(
      "This account has no workspaces.",
    );

    await userEvent.click(screen.getByRole("button", { name: "Hide the workspaces of Acme GmbH" }));
    expect(screen.queryByRole("region", { name: "Workspaces of Acme GmbH" })).toBeNull();
  });

  it("shows an account's twelve months in a drawer, from its row and its workspaces", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      list,
      answer(m.getAccountHistory, {
        currency: "EUR",
        months: [
          anAccountMonth({
            month: "2026-10",
            revenueClass: RevenueClass.TRIAL,
            planName: "Business",
            mrrStartCents: 0n,
            invoicedGrossCents: 0n,
            paidCents: 0n,
          }),
          anAccountMonth({ month: "2026-11", mrrStartCents: 7900n }),
          anAccountMonth({ month: "2026-12", invoicedGrossCents: 23562n }),
        ],
      }),
    );
    const { history } = renderApp("/accounts", api);
    await tableRows();
    await userEvent.click(screen.getByRole("button", { name: "12-month history of Acme GmbH" }));

    const drawer = await screen.findByRole("dialog", { name: "12-month history of Acme GmbH" });
    expect(history.location.search).toContain(`history=${acme.organizationId}`);
    expect(api.lastRequest(m.getAccountHistory)).toMatchObject({
      organizationId: acme.organizationId,
      month: "",
    });
    const months = await waitFor(() => {
      const found = drawer.querySelectorAll("tr[data-month]");
      if (found.length === 0) throw new Error("no months yet");
      return found;
    });
    expect(months).toHaveLength(3);
    expect(months[0]).toHaveTextContent("October 2026TrialBusiness€0.00€0.00€0.00");
    expect(months[1]).toHaveTextContent("November 2026PayingPremium€79.00€117.81€117.81");
    expect(months[2]).toHaveTextContent("€235.62");
    expect(months[2]).toHaveTextContent("12.3 GB45 GB");
    expect(
      await within(drawer).findByTestId("chart-account-history", {}, { timeout: 8000 }),
    ).toHaveAttribute("data-points", "3");
    expect(within(drawer).getByTestId("chart-account-history")).toHaveTextContent(
      "€353.43 invoiced in these months",
    );

    // Closed, and opened again from the account's workspaces.
    await userEvent.keyboard("{Escape}");
    await waitFor(() => expect(history.location.search).not.toContain("history="));
    await userEvent.click(screen.getByRole("button", { name: "Show the workspaces of Acme GmbH" }));
    const region = screen.getByRole("region", { name: "Workspaces of Acme GmbH" });
    await userEvent.click(within(region).getByRole("button", { name: "12-month history" }));
    await screen.findByRole("dialog", { name: "12-month history of Acme GmbH" });
  });

  it("says when no account matches, and why none could be loaded", async () => {
    const { unmount } = renderApp(
      "/accounts?class=MANAGED",
      cannedApi(
        signedIn(anOwner()),
        answer(m.listAccounts, {
          accounts: [],
          totalSize: 0,
          month: now,
          totals: { currency: "EUR" },
        }),
      ),
    );
    expect(await screen.findByText("Nothing matches these filters.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Clear filters" })).toBeInTheDocument();
    unmount();

    renderApp(
      "/accounts",
      cannedApi(signedIn(anOwner()), answer(m.listAccounts, refused("the rollup is unavailable"))),
    );
    expect(await screen.findByRole("alert")).toHaveTextContent("the rollup is unavailable");
  });

  it("puts Usage & billing in the owner's navigation, not in a developer's", async () => {
    renderApp("/accounts", cannedApi(signedIn(anOwner()), list));
    await tableRows();
    const nav = screen.getByRole("navigation", { name: "Main navigation" });
    expect(within(nav).getByRole("link", { name: "Usage & billing" })).toHaveAttribute(
      "href",
      "/accounts",
    );
  });

  it("has no Usage & billing in a developer's navigation", async () => {
    renderApp("/", cannedApi(signedIn(aDeveloper())));
    const nav = await screen.findByRole("navigation", { name: "Main navigation" });
    expect(within(nav).queryByRole("link", { name: "Usage & billing" })).not.toBeInTheDocument();
  });
});
