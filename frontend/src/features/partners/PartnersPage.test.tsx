import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { Permission } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import {
  LedgerEntryKind,
  PartnerService,
} from "@leitstand/sdk/leitstand/admin/v1/partner_service_pb.js";
import {
  aDeveloper,
  aLedgerEntry,
  anExternalLedOrganization,
  anOperator,
  anOwner,
  aPartner,
  aReferral,
} from "@/test/builders";
import { answer, answerWith, cannedApi, invalid, signedIn } from "@/test/canned";
import { renderApp, tableRows } from "@/test/render";

const m = PartnerService.method;

const webwerk = aPartner();
const former = aPartner({
  organizationId: "org_01altpartner0000000000000001",
  name: "Alt & Partner",
  partner: false,
  commissionBasisPoints: 1250,
  referrals: 1,
  externalLed: 0,
  earnedCents: 4200n,
  paidOutCents: 4200n,
  balanceCents: 0n,
});

/** ListPartners: the current partners, and with include_former the former ones too. */
const partners = answerWith(m.listPartners, (req) => ({
  partners: req.includeFormer ? [former, webwerk] : [webwerk],
}));

const ledger = [
  aLedgerEntry({
    id: "ppo_01payout00000000000000000001",
    kind: LedgerEntryKind.PAYOUT,
    day: "2027-01-25",
    amountCents: -5000n,
    organizationId: "",
    organizationName: "",
    invoiceId: "",
    invoiceNumber: "",
    invoiceNetCents: 0n,
    rateBasisPoints: 0,
    reference: "GS-2027-01",
    note: "December and January",
    recordedByEmail: "owner@leitstand.example",
  }),
  aLedgerEntry(),
  aLedgerEntry({
    id: "rcm_01clawback000000000000000001",
    kind: LedgerEntryKind.CLAWBACK,
    day: "2027-01-12",
    amountCents: -990n,
    invoiceId: "inv_01cancelled00000000000000001",
    invoiceNumber: "RE-2026-0990",
  }),
];

describe("the partners", () => {
  it("lists the partners with their referrals, external-led count and sums, and the former ones on request", async () => {
    const api = cannedApi(signedIn(anOwner()), partners);
    const { history } = renderApp("/accounts/partners", api);
    let rows = [...(await tableRows())] as HTMLElement[];
    expect(rows).toHaveLength(1);
    expect(api.lastRequest(m.listPartners)).toMatchObject({ includeFormer: false });
    expect(screen.getByRole("heading", { name: "Partners" })).toBeInTheDocument();
    const [row] = rows;
    expect(within(row!).getByRole("link", { name: "Webwerk KG" })).toHaveAttribute(
      "href",
      `/accounts/partners/${webwerk.organizationId}`,
    );
    expect([...row!.querySelectorAll("td")].map((td) => td.textContent)).toEqual([
      "Webwerk KG",
      "10%",
      "2",
      "1",
      "€120.00",
      "€50.00",
      "€70.00",
      "",
    ]);
    expect(screen.getByTestId("list-count")).toHaveTextContent("1 partner");

    // The former partners too, and the URL says so.
    await userEvent.click(screen.getByRole("switch", { name: "Include former partners" }));
    await waitFor(() => expect(history.location.search).toContain("former=true"));
    await waitFor(() => expect(document.querySelectorAll("tr[data-row]")).toHaveLength(2));
    expect(api.lastRequest(m.listPartners)).toMatchObject({ includeFormer: true });
    rows = [...(await tableRows())] as HTMLElement[];
    expect(rows[0]).toHaveTextContent("Alt & PartnerFormer partner");
    expect(rows[0]!.querySelector("[data-amount='balance']")).toHaveTextContent("€0.00");

    // The page's entry in the navigation.
    const nav = screen.getByRole("navigation", { name: "Main navigation" });
    expect(within(nav).getByRole("link", { name: "Partners" })).toHaveAttribute(
      "aria-current",
      "page",
    );
  });

  it("opens a partner: its sums, referrals, ledger and the organizations it runs from outside", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      partners,
      answer(m.listReferrals, {
        referrals: [
          aReferral(),
          aReferral({
            organizationId: "org_01closed00000000000000000001",
            organizationName: "Zu GmbH",
            status: "CLOSED",
            earnedCents: 0n,
          }),
        ],
      }),
      answer(m.listReferralLedger, { entries: ledger, partner: webwerk }),
      answer(m.listExternalLedOrganizations, { organizations: [anExternalLedOrganization()] }),
    );
    const { history } = renderApp("/accounts/partners", api);
    await tableRows();
    await userEvent.click(screen.getByRole("link", { name: "Webwerk KG" }));
    expect(await screen.findByRole("heading", { name: "Webwerk KG" })).toBeInTheDocument();
    expect(screen.getByText("10% commission")).toBeInTheDocument();
    const sums = screen.getByRole("region", { name: "Ledger sums" });
    expect(within(sums).getByTestId("sum-earned")).toHaveTextContent("Earned€120.00");
    expect(within(sums).getByTestId("sum-paidOut")).toHaveTextContent("Paid out€50.00");
    expect(within(sums).getByTestId("sum-balance")).toHaveTextContent("Balance€70.00");
    expect(screen.getByRole("link", { name: "Organization page" })).toHaveAttribute(
      "href",
      `/organizations/${webwerk.organizationId}`,
    );

    // Referrals first.
    let rows = [...(await tableRows())] as HTMLElement[];
    expect(api.lastRequest(m.listReferrals)).toMatchObject({ partnerId: webwerk.organizationId });
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByRole("link", { name: "Acme GmbH" })).toHaveAttribute(
      "href",
      "/organizations/org_01acme00000000000000000000",
    );
    expect(rows[0]).toHaveTextContent("Active");
    expect(rows[0]).toHaveTextContent("2 Mar 2026");
    expect(rows[0]).toHaveTextContent("€39.60");
    expect(rows[1]).toHaveTextContent("Closed");

    // The ledger: each line signed as it moves the balance, with its invoice or reference.
    await userEvent.click(screen.getByRole("tab", { name: "Ledger" }));
    await waitFor(() => expect(history.location.search).toContain("tab=ledger"));
    await waitFor(() => expect(document.querySelectorAll("tr[data-row]")).toHaveLength(3));
    expect(api.lastRequest(m.listReferralLedger)).toMatchObject({
      partnerId: webwerk.organizationId,
      pageToken: "",
    });
    rows = [...(await tableRows())] as HTMLElement[];
    const [payout, commission, clawback] = rows;
    expect(payout!.querySelector("[data-kind]")).toHaveAttribute("data-kind", "PAYOUT");
    expect(payout).toHaveTextContent("25 Jan 2027");
    expect(payout).toHaveTextContent("Reference: GS-2027-01");
    expect(payout).toHaveTextContent("December and January");
    expect(payout).toHaveTextContent("recorded by owner@leitstand.example");
    expect(payout!.querySelector("[data-amount]")).toHaveTextContent("-€50.00");
    expect(commission!.querySelector("[data-kind]")).toHaveAttribute("data-kind", "COMMISSION");
    expect(within(commission!).getByRole("link", { name: "Invoice RE-2027-0042" })).toHaveAttribute(
      "href",
      "/invoices/inv_01acmejanuary0000000000001",
    );
    expect(commission).toHaveTextContent("10% of €99.00 net");
    expect(commission!.querySelector("[data-amount]")).toHaveTextContent("+€9.90");
    expect(clawback!.querySelector("[data-kind]")).toHaveAttribute("data-kind", "CLAWBACK");
    expect(clawback!.querySelector("[data-amount]")).toHaveTextContent("-€9.90");

    // The organizations it runs from outside.
    await userEvent.click(screen.getByRole("tab", { name: "External-led (1)" }));
    await waitFor(() => expect(screen.getByRole("link", { name: "Kanzlei Klar" })).toBeVisible());
    expect(api.lastRequest(m.listExternalLedOrganizations)).toMatchObject({
      partnerId: webwerk.organizationId,
    });
    const [external] = [...(await tableRows())] as HTMLElement[];
    expect(within(external!).getByRole("link", { name: "Paul Webwerk" })).toHaveAttribute(
      "href",
      "mailto:paul@webwerk.example",
    );
    expect(external!.querySelector("[data-referred]")).toHaveTextContent("No");
  });

  it("records a payout of at most the balance", async () => {
    let paid = false;
    const api = cannedApi(
      signedIn(anOwner()),
      answerWith(m.listPartners, () => ({
        partners: [paid ? { ...webwerk, paidOutCents: 12000n, balanceCents: 0n } : webwerk],
      })),
      answer(m.listReferrals, { referrals: [] }),
      answerWith(m.recordPartnerPayout, (req) => {
        paid = true;
        return {
          entry: aLedgerEntry({
            kind: LedgerEntryKind.PAYOUT,
            amountCents: -req.amountCents,
            reference: req.reference,
          }),
          partner: { ...webwerk, paidOutCents: 12000n, balanceCents: 0n },
        };
      }),
    );
    renderApp(`/accounts/partners/${webwerk.organizationId}`, api);
    await screen.findByRole("heading", { name: "Webwerk KG" });
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Record payout…" }));
    const dialog = await screen.findByRole("dialog", { name: "Payout to Webwerk KG" });
    const amount = within(dialog).getByRole("textbox", { name: /^Amount/ });
    // The balance unless changed.
    expect(amount).toHaveValue("70.00");
    await user.clear(amount);
    await user.type(amount, "80");
    await user.type(within(dialog).getByRole("textbox", { name: "Reference" }), "GS-2027-02");
    await user.click(within(dialog).getByRole("button", { name: "Record payout" }));
    expect(await within(dialog).findByText("More than the balance of €70.00.")).toBeVisible();
    expect(api.requests(m.recordPartnerPayout)).toHaveLength(0);

    await user.clear(amount);
    await user.type(amount, "70");
    const paidOn = within(dialog).getByLabelText(/^Paid on/);
    fireEvent.change(paidOn, { target: { value: "2025-12-31" } });
    await user.type(within(dialog).getByRole("textbox", { name: "Note" }), "January");
    await user.click(within(dialog).getByRole("button", { name: "Record payout" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(api.lastRequest(m.recordPartnerPayout)).toMatchObject({
      partnerId: webwerk.organizationId,
      amountCents: 7000n,
      paidOn: "2025-12-31",
      reference: "GS-2027-02",
      note: "January",
    });
    expect(await screen.findByText("Payout of €70.00 to Webwerk KG recorded.")).toBeVisible();
    // The sums anew: nothing is owed, and no payout is offered.
    await waitFor(() =>
      expect(screen.getByTestId("sum-balance")).toHaveTextContent("Balance€0.00"),
    );
    expect(screen.getByRole("button", { name: "Record payout…" })).toBeDisabled();
  });

  it("shows the server's verdict at its field", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      partners,
      answer(
        m.recordPartnerPayout,
        invalid([
          {
            path: ["paid_on"],
            ruleId: "paid_on.not_future",
            message: "the payout cannot be paid after today",
          },
        ]),
      ),
    );
    renderApp("/accounts/partners", api);
    await tableRows();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Actions: Webwerk KG" }));
    await user.click(await screen.findByRole("menuitem", { name: "Record payout…" }));
    const dialog = await screen.findByRole("dialog", { name: "Payout to Webwerk KG" });
    await user.click(within(dialog).getByRole("button", { name: "Record payout" }));
    const paidOn = within(dialog).getByLabelText(/^Paid on/);
    await waitFor(() => expect(paidOn).toHaveAttribute("aria-invalid", "true"));
    expect(within(dialog).getByText("the payout cannot be paid after today")).toBeVisible();
    expect(api.lastRequest(m.recordPartnerPayout)).toMatchObject({ amountCents: 7000n });
  });

  it("offers payouts only to staff who may record payments", async () => {
    const noPayments = anOperator({
      permissions: anOperator().permissions.filter((p) => p !== Permission.PAYMENTS_WRITE),
    });
    renderApp(
      `/accounts/partners/${webwerk.organizationId}`,
      cannedApi(signedIn(noPayments), partners, answer(m.listReferrals, { referrals: [] })),
    );
    await screen.findByRole("heading", { name: "Webwerk KG" });
    expect(screen.queryByRole("button", { name: "Record payout…" })).not.toBeInTheDocument();
  });

  it("says when a partner does not exist", async () => {
    renderApp(
      "/accounts/partners/org_01nobody00000000000000000001",
      cannedApi(signedIn(anOwner()), partners),
    );
    expect(
      await screen.findByText("This partner does not exist, or you may not see it."),
    ).toBeVisible();
  });

  it("says when there are none", async () => {
    renderApp(
      "/accounts/partners",
      cannedApi(signedIn(anOwner()), answer(m.listPartners, { partners: [] })),
    );
    expect(await screen.findByText("No organization is a partner yet.")).toBeVisible();
  });

  it("reads in German", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      partners,
      answer(m.listReferralLedger, { entries: ledger, partner: webwerk }),
    );
    renderApp(`/accounts/partners/${webwerk.organizationId}?tab=ledger`, api, "de");
    const rows = [...(await tableRows())] as HTMLElement[];
    expect(screen.getByText("10 % Provision")).toBeInTheDocument();
    expect(screen.getByRole("tab", { name: "Provisionskonto" })).toHaveAttribute(
      "aria-selected",
      "true",
    );
    expect(rows[0]).toHaveTextContent("Auszahlung");
    expect(rows[0]).toHaveTextContent("Verwendungszweck: GS-2027-01");
    expect(rows[0]!.querySelector("[data-amount]")).toHaveTextContent("-50,00 €");
    expect(rows[1]).toHaveTextContent("10 % von 99,00 € netto");
    expect(rows[1]!.querySelector("[data-amount]")).toHaveTextContent("+9,90 €");
    expect(screen.getByTestId("sum-balance")).toHaveTextContent("Saldo70,00 €");
  });

  it("is not in a developer's navigation", async () => {
    renderApp("/", cannedApi(signedIn(aDeveloper())));
    const nav = await screen.findByRole("navigation", { name: "Main navigation" });
    expect(within(nav).queryByRole("link", { name: "Partners" })).not.toBeInTheDocument();
  });
});
