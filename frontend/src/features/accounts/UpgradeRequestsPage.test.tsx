import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { AccountService } from "@leitstand/sdk/leitstand/admin/v1/account_service_pb.js";
import { Permission } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import { OrganizationService } from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import {
  UpgradeRequestService,
  UpgradeRequestStatus,
} from "@leitstand/sdk/leitstand/admin/v1/upgrade_request_service_pb.js";
import {
  aDeveloper,
  ago,
  anAccount,
  anOperator,
  anOwner,
  anUpgradeRequest,
  at,
} from "@/test/builders";
import { answer, answerWith, cannedApi, invalid, signedIn, type Canned } from "@/test/canned";
import { renderApp, tableRows } from "@/test/render";
import { thisMonth } from "@/lib/format";

const m = UpgradeRequestService.method;

const acme = anUpgradeRequest();
const blau = anUpgradeRequest({
  id: "upr_01blaubusiness0000000000001",
  organizationId: "org_01blocked0000000000000000000",
  organizationName: "Bäckerei Blau",
  planName: "Business",
  fromPlanName: "",
  message: "",
  requestedByEmail: "berta@blau.example",
  createTime: ago(3 * 60 * 60 * 1000),
});

// The organization's next billing dates: next year's, so that they lie ahead whenever the test runs.
const year = new Date().getFullYear() + 1;
const dates: [string, string, string] = [`${year}-02-05`, `${year}-03-05`, `${year}-04-05`];
const calendar = answer(OrganizationService.method.listBillingDates, {
  billingDay: 5,
  timeZone: "Europe/Berlin",
  periods: dates.map((billingDate) => ({ billingDate, days: 28 })),
});

/** What moving Acme to Premium does to its next invoice (117,81 € → 236,81 €) and MRR, as the server says. */
const effect = {
  billingDate: dates[0],
  nextInvoiceGrossBeforeCents: 11781n,
  nextInvoiceGrossAfterCents: 23681n,
  mrrBeforeCents: 9900n,
  mrrAfterCents: 19900n,
  currency: "EUR",
};

/**
 * A queue whose requests leave it once decided: the list answers with the
 * pending requests not yet approved or denied, as the server would.
 */
function queue(...requests: ReturnType<typeof anUpgradeRequest>[]) {
  const decided = new Set<string>();
  const list = answerWith(m.listUpgradeRequests, (req) => {
    if (req.status !== UpgradeRequestStatus.PENDING && req.status !== 0) {
      return { upgradeRequests: [], totalSize: 0, pending: requests.length - decided.size };
    }
    const open = requests.filter((r) => !decided.has(r.id));
    return { upgradeRequests: open, totalSize: open.length, pending: open.length };
  });
  const approve = (refusal?: ReturnType<typeof invalid>): Canned =>
    answerWith(m.approveUpgradeRequest, (req) => {
      if (req.preview) return { effect };
      if (refusal) return refusal;
      decided.add(req.id);
      const asked = requests.find((r) => r.id === req.id)!;
      return {
        upgradeRequest: {
          ...asked,
          status: UpgradeRequestStatus.APPROVED,
          effectiveDate: req.startDate || dates[0],
          atOnce: req.atOnce,
          decisionReason: req.reason,
        },
        effect,
      };
    });
  const deny = answerWith(m.denyUpgradeRequest, (req) => {
    decided.add(req.id);
    const asked = requests.find((r) => r.id === req.id)!;
    return {
      upgradeRequest: { ...asked, status: UpgradeRequestStatus.DENIED, decisionReason: req.reason },
    };
  });
  return { list, approve, deny };
}

/** openAction opens an action's dialog from a request's row menu. */
async function openAction(name: string, action: string, title: string, actions = "Actions") {
  const user = userEvent.setup();
  await user.click(await screen.findByRole("button", { name: `${actions}: ${name}` }));
  await user.click(await screen.findByRole("menuitem", { name: action }));
  const dialog = await screen.findByRole("dialog", { name: title });
  return { user, dialog };
}

describe("the upgrade requests", () => {
  it("lists the pending requests, the oldest first, each with its tier change, message, sender and age", async () => {
    const { list } = queue(acme, blau);
    const api = cannedApi(signedIn(anOwner()), list);
    renderApp("/accounts/upgrades", api);
    const rows = [...(await tableRows())] as HTMLElement[];
    expect(rows).toHaveLength(2);
    expect(api.lastRequest(m.listUpgradeRequests)).toMatchObject({
      status: UpgradeRequestStatus.PENDING,
      pageToken: "",
      pageSize: 50,
    });
    expect(screen.getByRole("heading", { name: "Upgrade requests" })).toBeInTheDocument();
    expect(screen.getByText("2 requests wait, the oldest first")).toBeInTheDocument();
    expect(screen.getByRole("radio", { name: "Pending (2)" })).toBeChecked();

    const [first, second] = rows;
    expect(within(first!).getByRole("link", { name: "Acme GmbH" })).toHaveAttribute(
      "href",
      `/organizations/${acme.organizationId}`,
    );
    expect(within(first!).getByText("from Basis to Premium")).toBeInTheDocument();
    expect(first).toHaveTextContent("We hire four people next month and need the users.");
    expect(first).toHaveTextContent("anna.becker@acme.example");
    expect(first!.querySelector("time")).toHaveTextContent("2 days ago");
    // Without a contract it asks for its first tier; without a message it says so.
    expect(within(second!).getByText("from no contract to Business")).toBeInTheDocument();
    expect(second).toHaveTextContent("No message");
    expect(second!.querySelector("time")).toHaveTextContent("3 hours ago");
    expect(screen.getByText("1–2 of 2")).toBeInTheDocument();

    // The page's entry in the navigation, in the accounts' group.
    const nav = screen.getByRole("navigation", { name: "Main navigation" });
    const entry = within(nav).getByRole("link", { name: "Upgrade requests" });
    expect(entry).toHaveAttribute("href", "/accounts/upgrades");
    expect(entry).toHaveAttribute("aria-current", "page");
    expect(within(nav).getByRole("link", { name: "Usage & billing" })).not.toHaveAttribute(
      "aria-current",
    );
  });

  it("shows the decided ones by status, from the URL, with the decision and no actions", async () => {
    const approved = anUpgradeRequest({
      status: UpgradeRequestStatus.APPROVED,
      decidedByEmail: "owner@leitstand.example",
      decideTime: at("2027-01-10T10:00:00Z"),
      decisionReason: "Welcome to Premium!",
      effectiveDate: "2027-02-05",
      atOnce: true,
    });
    const denied = anUpgradeRequest({
      id: "upr_01blaudenied00000000000001",
      organizationName: "Bäckerei Blau",
      status: UpgradeRequestStatus.DENIED,
      decidedByEmail: "operator@leitstand.example",
      decideTime: at("2027-01-11T10:00:00Z"),
      decisionReason: "Business needs a signed framework contract first.",
    });
    const api = cannedApi(
      signedIn(anOwner()),
      answerWith(m.listUpgradeRequests, (req) =>
        req.status === UpgradeRequestStatus.APPROVED
          ? { upgradeRequests: [approved], totalSize: 1, pending: 3 }
          : req.status === UpgradeRequestStatus.DENIED
            ? { upgradeRequests: [denied], totalSize: 1, pending: 3 }
            : { upgradeRequests: [acme], totalSize: 3, pending: 3 },
      ),
    );
    const { history } = renderApp("/accounts/upgrades", api);
    await tableRows();
    await userEvent.click(screen.getByRole("radio", { name: "Approved" }));
    await waitFor(() => expect(history.location.search).toContain("status=APPROVED"));
    await waitFor(() =>
      expect(screen.getByText("1 approved request, the latest first")).toBeInTheDocument(),
    );
    const row = (await tableRows())[0] as HTMLElement;
    const decision = row.querySelector("[data-decision]");
    expect(decision).toHaveTextContent("Caps at once, price from 5 Feb 2027");
    expect(decision).toHaveTextContent("Welcome to Premium!");
    expect(decision).toHaveTextContent("owner@leitstand.example, 10 Jan 2027");
    expect(screen.getByRole("columnheader", { name: "Requested" })).toBeInTheDocument();
    expect(within(row).queryByRole("button", { name: /^Actions:/ })).not.toBeInTheDocument();
    // The pending ones stay counted.
    expect(screen.getByRole("radio", { name: "Pending (3)" })).not.toBeChecked();

    // A link to the denied ones opens them.
    await userEvent.click(screen.getByRole("radio", { name: "Denied" }));
    await waitFor(() =>
      expect(api.lastRequest(m.listUpgradeRequests)?.status).toBe(UpgradeRequestStatus.DENIED),
    );
    await waitFor(() =>
      expect(document.querySelector("[data-decision]")).toHaveTextContent(
        "Business needs a signed framework contract first.",
      ),
    );
    // Back to the queue: the URL says nothing.
    await userEvent.click(screen.getByRole("radio", { name: "Pending (3)" }));
    await waitFor(() => expect(history.location.search).not.toContain("status"));
  });

  it("says when an approved move was cancelled since", async () => {
    const approved = anUpgradeRequest({
      status: UpgradeRequestStatus.APPROVED,
      decidedByEmail: "owner@leitstand.example",
      decisionReason: "Welcome to Premium!",
      effectiveDate: "2027-02-05",
      moveCancelled: true,
    });
    const api = cannedApi(
      signedIn(anOwner()),
      answer(m.listUpgradeRequests, { upgradeRequests: [approved], totalSize: 1, pending: 0 }),
    );
    renderApp("/accounts/upgrades?status=APPROVED", api);
    const row = (await tableRows())[0] as HTMLElement;
    expect(row.querySelector("[data-decision]")).toHaveTextContent(
      "Approved, but the move was cancelled since",
    );
  });

  it("approves a request from the next billing date with the server's preview; it leaves the queue", async () => {
    const { list, approve } = queue(acme, blau);
    const api = cannedApi(signedIn(anOwner()), list, approve(), calendar);
    renderApp("/accounts/upgrades", api);
    await tableRows();
    const { user, dialog } = await openAction(
      "Acme GmbH",
      "Approve…",
      "Approve Premium for Acme GmbH",
    );
    expect(dialog).toHaveTextContent("Acme GmbH asks to move from Basis to Premium.");
    expect(within(dialog).getByTestId("upgrade-message")).toHaveTextContent(
      "We hire four people next month and need the users.",
    );
    expect(within(dialog).getByTestId("upgrade-message")).toHaveTextContent(
      "— anna.becker@acme.example",
    );
    // The next billing date by default.
    const start = within(dialog).getByRole("combobox", { name: /^Pays the new tier from/ });
    await waitFor(() => expect(start).toHaveValue(`5 Feb ${year} (the next billing date)`));
    await user.click(within(dialog).getByRole("checkbox", { name: /caps at once/ }));

    // Nothing is asked before the note is given.
    const preview = within(dialog).getByTestId("upgrade-preview");
    expect(preview).toHaveTextContent("The effect shows here once the note is given.");
    expect(api.requests(m.approveUpgradeRequest)).toHaveLength(0);
    await user.type(within(dialog).getByLabelText(/^Note/), "Welcome to Premium!");

    await waitFor(() =>
      expect(preview.querySelector("[data-effect='next']")).toHaveTextContent(
        `Next invoice (on 5 Feb ${year}):€117.81 → €236.81 (+€119.00)`,
      ),
    );
    expect(preview.querySelector("[data-effect='mrr']")).toHaveTextContent(
      "MRR:€99.00 → €199.00 (+€100.00)",
    );
    expect(preview).toHaveAttribute("data-current");
    const asked = {
      id: acme.id,
      startDate: "",
      atOnce: true,
      reason: "Welcome to Premium!",
    };
    expect(api.lastRequest(m.approveUpgradeRequest)).toMatchObject({ ...asked, preview: true });
    expect(api.requests(m.approveUpgradeRequest).length).toBeLessThanOrEqual(2);

    await user.click(within(dialog).getByRole("button", { name: "Approve upgrade" }));
    await waitFor(() => expect(api.lastRequest(m.approveUpgradeRequest)?.preview).toBe(false));
    expect(api.lastRequest(m.approveUpgradeRequest)).toMatchObject(asked);
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(
      await screen.findByText(`Acme GmbH moves to Premium on 5 Feb ${year}.`),
    ).toBeInTheDocument();
    // The request leaves the queue.
    await waitFor(() => expect(screen.queryByRole("link", { name: "Acme GmbH" })).toBeNull());
    expect(await tableRows()).toHaveLength(1);
    expect(screen.getByText("1 request waits, the oldest first")).toBeInTheDocument();
  });

  it("approves from a later billing date the staff choose", async () => {
    const { list, approve } = queue(acme);
    const api = cannedApi(signedIn(anOwner()), list, approve(), calendar);
    renderApp("/accounts/upgrades", api);
    await tableRows();
    const { user, dialog } = await openAction(
      "Acme GmbH",
      "Approve…",
      "Approve Premium for Acme GmbH",
    );
    await user.click(within(dialog).getByRole("combobox", { name: /^Pays the new tier from/ }));
    expect((await screen.findAllByRole("option")).map((o) => o.textContent)).toEqual([
      `5 Feb ${year} (the next billing date)`,
      `5 Mar ${year}`,
      `5 Apr ${year}`,
    ]);
    await user.click(screen.getByRole("option", { name: `5 Mar ${year}` }));
    await user.type(within(dialog).getByLabelText(/^Note/), "From March, as agreed.");
    await waitFor(() =>
      expect(api.lastRequest(m.approveUpgradeRequest)).toMatchObject({
        startDate: dates[1],
        atOnce: false,
        preview: true,
      }),
    );
    await user.click(within(dialog).getByRole("button", { name: "Approve upgrade" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(api.lastRequest(m.approveUpgradeRequest)).toMatchObject({
      startDate: dates[1],
      preview: false,
    });
    expect(
      await screen.findByText(`Acme GmbH moves to Premium on 5 Mar ${year}.`),
    ).toBeInTheDocument();
  });

  it("shows the server's verdict at its field, and keeps the request", async () => {
    const { list, approve } = queue(acme);
    const refusal = invalid([
      {
        path: ["start_date"],
        ruleId: "start_date.billing_date",
        message: "2027-02-06 is not one of the organization's billing dates",
      },
    ]);
    const api = cannedApi(signedIn(anOwner()), list, approve(refusal), calendar);
    renderApp("/accounts/upgrades", api);
    await tableRows();
    const { user, dialog } = await openAction(
      "Acme GmbH",
      "Approve…",
      "Approve Premium for Acme GmbH",
    );
    await user.type(within(dialog).getByLabelText(/^Note/), "ok");
    await within(dialog).findByText(/^Next invoice/);
    await user.click(within(dialog).getByRole("button", { name: "Approve upgrade" }));
    const start = within(dialog).getByRole("combobox", { name: /^Pays the new tier from/ });
    await waitFor(() => expect(start).toHaveAttribute("aria-invalid", "true"));
    expect(
      within(dialog).getByText("2027-02-06 is not one of the organization's billing dates"),
    ).toBeInTheDocument();
    expect(screen.getByRole("dialog", { name: "Approve Premium for Acme GmbH" })).toBeVisible();
  });

  it("asks for a note before it approves", async () => {
    const { list, approve } = queue(acme);
    const api = cannedApi(signedIn(anOwner()), list, approve(), calendar);
    renderApp("/accounts/upgrades", api);
    await tableRows();
    const { user, dialog } = await openAction(
      "Acme GmbH",
      "Approve…",
      "Approve Premium for Acme GmbH",
    );
    await user.click(within(dialog).getByRole("button", { name: "Approve upgrade" }));
    expect(
      await within(dialog).findByText("Please write a note for the customer."),
    ).toBeInTheDocument();
    expect(api.requests(m.approveUpgradeRequest)).toHaveLength(0);
  });

  it("denies a request with a reason the customer reads; it leaves the queue", async () => {
    const { list, deny } = queue(acme, blau);
    const api = cannedApi(signedIn(anOwner()), list, deny);
    renderApp("/accounts/upgrades", api);
    await tableRows();
    const { user, dialog } = await openAction(
      "Bäckerei Blau",
      "Deny…",
      "Deny Business for Bäckerei Blau",
    );
    expect(dialog).toHaveTextContent("the customer reads your reason in the portal");
    await user.click(within(dialog).getByRole("button", { name: "Deny request" }));
    expect(await within(dialog).findByText("Please give a reason.")).toBeInTheDocument();
    expect(api.requests(m.denyUpgradeRequest)).toHaveLength(0);

    await user.type(
      within(dialog).getByLabelText(/^Reason/),
      "Business needs a signed framework contract first.",
    );
    await user.click(within(dialog).getByRole("button", { name: "Deny request" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(api.lastRequest(m.denyUpgradeRequest)).toMatchObject({
      id: blau.id,
      reason: "Business needs a signed framework contract first.",
    });
    expect(
      await screen.findByText("The request of Bäckerei Blau for Business was denied."),
    ).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole("link", { name: "Bäckerei Blau" })).toBeNull());
    expect(await tableRows()).toHaveLength(1);
  });

  it("offers each action to the staff who may take it", async () => {
    // Operators deny, but change tiers only by a grant.
    const operator = anOperator();
    expect(operator.permissions).not.toContain(Permission.TIERS_CHANGE);
    const { list } = queue(acme);
    renderApp("/accounts/upgrades", cannedApi(signedIn(operator), list));
    await tableRows();
    await userEvent.click(screen.getByRole("button", { name: "Actions: Acme GmbH" }));
    expect(await screen.findByRole("menuitem", { name: "Deny…" })).toBeInTheDocument();
    expect(screen.queryByRole("menuitem", { name: "Approve…" })).not.toBeInTheDocument();
  });

  it("is not in a developer's navigation", async () => {
    renderApp("/", cannedApi(signedIn(aDeveloper())));
    const nav = await screen.findByRole("navigation", { name: "Main navigation" });
    expect(within(nav).queryByRole("link", { name: "Upgrade requests" })).not.toBeInTheDocument();
  });

  it("says when none waits", async () => {
    renderApp(
      "/accounts/upgrades",
      cannedApi(
        signedIn(anOwner()),
        answer(m.listUpgradeRequests, { upgradeRequests: [], totalSize: 0, pending: 0 }),
      ),
    );
    expect(await screen.findByText("No upgrade request waits.")).toBeInTheDocument();
    expect(screen.getByText("0 requests wait, the oldest first")).toBeInTheDocument();
  });

  it("reads in German", async () => {
    const { list, approve } = queue(acme, blau);
    const api = cannedApi(signedIn(anOwner()), list, approve(), calendar);
    renderApp("/accounts/upgrades", api, "de");
    const rows = [...(await tableRows())] as HTMLElement[];
    expect(screen.getByRole("heading", { name: "Upgrade-Anfragen" })).toBeInTheDocument();
    expect(screen.getByText("2 Anfragen warten, die ältesten zuerst")).toBeInTheDocument();
    expect(within(rows[0]!).getByText("von Basis zu Premium")).toBeInTheDocument();
    expect(rows[1]).toHaveTextContent("Keine Nachricht");
    expect(screen.getByRole("radio", { name: "Offen (2)" })).toBeChecked();
    const { user, dialog } = await openAction(
      "Acme GmbH",
      "Genehmigen…",
      "Premium für Acme GmbH genehmigen",
      "Aktionen",
    );
    await user.type(within(dialog).getByLabelText(/^Notiz/), "Willkommen!");
    const preview = within(dialog).getByTestId("upgrade-preview");
    await waitFor(() =>
      expect(preview.querySelector("[data-effect='mrr']")).toHaveTextContent(
        "MRR:99,00 € → 199,00 € (+100,00 €)",
      ),
    );
    expect(preview).toHaveTextContent(`Nächste Rechnung (am 05.02.${year})`);
  });
});

describe("the pending upgrade requests on Usage & billing", () => {
  const accounts = answer(AccountService.method.listAccounts, {
    accounts: [anAccount()],
    totalSize: 1,
    month: thisMonth(),
    totals: { currency: "EUR", paying: 1 },
  });

  it("lead to the queue while some wait", async () => {
    const { list } = queue(acme, blau);
    const api = cannedApi(signedIn(anOwner()), accounts, list);
    const { history } = renderApp("/accounts", api);
    await tableRows();
    const link = await screen.findByRole("link", { name: "2 upgrade requests wait" });
    expect(api.lastRequest(m.listUpgradeRequests)).toMatchObject({
      pageSize: 1,
      status: UpgradeRequestStatus.PENDING,
    });
    await userEvent.click(link);
    await waitFor(() => expect(history.location.pathname).toBe("/accounts/upgrades"));
  });

  it("are not mentioned while none waits", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      accounts,
      answer(m.listUpgradeRequests, { upgradeRequests: [], totalSize: 0, pending: 0 }),
    );
    renderApp("/accounts", api);
    await tableRows();
    await waitFor(() => expect(api.requests(m.listUpgradeRequests)).toHaveLength(1));
    expect(screen.queryByTestId("pending-upgrades")).not.toBeInTheDocument();
  });
});
