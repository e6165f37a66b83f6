import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { AccountService } from "@leitstand/sdk/leitstand/admin/v1/account_service_pb.js";
import { Permission } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import { PartnerService } from "@leitstand/sdk/leitstand/admin/v1/partner_service_pb.js";
import { anAccount, anAtRiskAccount, anOwner, aPartner } from "@/test/builders";
import { answer, answerWith, cannedApi, invalid, signedIn } from "@/test/canned";
import { renderApp, tableRows } from "@/test/render";

const m = PartnerService.method;

const webwerk = aPartner();
const former = aPartner({
  organizationId: "org_01altpartner0000000000000001",
  name: "Alt & Partner",
  partner: false,
  commissionBasisPoints: 1250,
});
const datenwerk = aPartner({
  organizationId: "org_01datenwerk0000000000000001",
  name: "Datenwerk AG",
  commissionBasisPoints: 800,
});

/** The rollup of this month with one account, as the server says. */
const accounts = (account = anAccount()) =>
  answer(AccountService.method.listAccounts, {
    accounts: [account],
    totalSize: 1,
    totals: { currency: "EUR", paying: 1 },
  });

/** openAction opens an action's dialog from an account's row menu. */
async function openAction(name: string, action: string, title: string) {
  const user = userEvent.setup();
  await user.click(await screen.findByRole("button", { name: `Actions: ${name}` }));
  await user.click(await screen.findByRole("menuitem", { name: action }));
  const dialog = await screen.findByRole("dialog", { name: title });
  return { user, dialog };
}

describe("an account's Partner…", () => {
  it("makes an organization a partner at a commission typed as a percentage, sent in basis points", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      accounts(),
      answer(m.listPartners, { partners: [webwerk] }),
      answerWith(m.setPartner, (req) => ({
        partner: aPartner({
          organizationId: req.organizationId,
          name: "Acme GmbH",
          commissionBasisPoints: req.commissionBasisPoints,
        }),
      })),
    );
    renderApp("/accounts", api);
    await tableRows();
    const { user, dialog } = await openAction("Acme GmbH", "Partner…", "Partnership of Acme GmbH");
    // Former partners too: its rate, if it was one.
    expect(api.lastRequest(m.listPartners)).toMatchObject({ includeFormer: true });
    expect(within(dialog).getByRole("switch", { name: /^A partner/ })).toBeChecked();
    const commission = within(dialog).getByRole("textbox", { name: /^Commission/ });
    expect(commission).toHaveValue("");
    await user.type(commission, "12,5");
    expect(within(dialog).getByText("12.5% of each paid invoice's net amount")).toBeVisible();
    await user.click(within(dialog).getByRole("button", { name: "Save partnership" }));
    expect(await within(dialog).findByText("Please give a reason.")).toBeVisible();
    await user.type(within(dialog).getByLabelText(/^Reason/), "Reseller agreement signed");
    await user.click(within(dialog).getByRole("button", { name: "Save partnership" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(api.lastRequest(m.setPartner)).toMatchObject({
      organizationId: anAccount().organizationId,
      partner: true,
      commissionBasisPoints: 1250,
      reason: "Reseller agreement signed",
    });
    expect(await screen.findByText("Acme GmbH is a partner at 12.5%.")).toBeVisible();
  });

  it("starts from the partner's rate, and ends the partnership", async () => {
    const acmePartner = aPartner({
      organizationId: anAccount().organizationId,
      name: "Acme GmbH",
      commissionBasisPoints: 1000,
    });
    const api = cannedApi(
      signedIn(anOwner()),
      accounts(anAccount({ partner: true })),
      answer(m.listPartners, { partners: [acmePartner, webwerk] }),
      answerWith(m.setPartner, (req) => ({ partner: { ...acmePartner, partner: req.partner } })),
    );
    renderApp("/accounts", api);
    await tableRows();
    const { user, dialog } = await openAction("Acme GmbH", "Partner…", "Partnership of Acme GmbH");
    expect(within(dialog).getByRole("textbox", { name: /^Commission/ })).toHaveValue("10");
    await user.click(within(dialog).getByRole("switch", { name: /^A partner/ }));
    expect(
      within(dialog).getByText(
        "Ending the partnership keeps its ledger and referrals; it earns nothing more.",
      ),
    ).toBeVisible();
    expect(within(dialog).queryByRole("textbox", { name: /^Commission/ })).toBeNull();
    await user.type(within(dialog).getByLabelText(/^Reason/), "Agreement ended");
    await user.click(within(dialog).getByRole("button", { name: "Save partnership" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(api.lastRequest(m.setPartner)).toMatchObject({
      partner: false,
      reason: "Agreement ended",
    });
    expect(await screen.findByText("The partnership of Acme GmbH ended.")).toBeVisible();
  });

  it("refuses a rate it cannot send, and shows the server's verdict at its field", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      accounts(),
      answer(m.listPartners, { partners: [] }),
      answer(
        m.setPartner,
        invalid([
          {
            path: ["commission_basis_points"],
            ruleId: "partner.commission",
            message: "a partner at 0 % earns nothing: end the partnership instead",
          },
        ]),
      ),
    );
    renderApp("/accounts", api);
    await tableRows();
    const { user, dialog } = await openAction("Acme GmbH", "Partner…", "Partnership of Acme GmbH");
    const commission = within(dialog).getByRole("textbox", { name: /^Commission/ });
    await user.type(commission, "150");
    await user.type(within(dialog).getByLabelText(/^Reason/), "test");
    await user.click(within(dialog).getByRole("button", { name: "Save partnership" }));
    expect(
      await within(dialog).findByText("Enter a percentage from 0 to 100, e.g. 12.5."),
    ).toBeVisible();
    expect(api.requests(m.setPartner)).toHaveLength(0);

    await user.clear(commission);
    await user.type(commission, "0");
    await user.click(within(dialog).getByRole("button", { name: "Save partnership" }));
    await waitFor(() => expect(commission).toHaveAttribute("aria-invalid", "true"));
    expect(
      within(dialog).getByText("a partner at 0 % earns nothing: end the partnership instead"),
    ).toBeVisible();
    expect(api.lastRequest(m.setPartner)).toMatchObject({ commissionBasisPoints: 0 });
  });
});

describe("an account's Referred by…", () => {
  it("records the partner that referred it, chosen from the partners", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      accounts(),
      answer(m.listPartners, { partners: [former, datenwerk, webwerk] }),
      answerWith(m.setReferral, (req) => ({
        referral: { organizationId: req.organizationId, partnerId: req.partnerId },
      })),
    );
    renderApp("/accounts", api);
    await tableRows();
    const { user, dialog } = await openAction("Acme GmbH", "Referred by…", "Referral of Acme GmbH");
    const partner = within(dialog).getByRole("combobox", { name: "Referred by" });
    expect(partner).toHaveValue("No partner");
    await user.click(partner);
    // The current partners, not the former ones.
    expect((await screen.findAllByRole("option")).map((o) => o.textContent)).toEqual([
      "No partner",
      "Datenwerk AG",
      "Webwerk KG",
    ]);
    await user.click(screen.getByRole("option", { name: "Webwerk KG" }));
    await user.type(within(dialog).getByLabelText(/^Reason/), "Came through Webwerk");
    await user.click(within(dialog).getByRole("button", { name: "Save referral" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(api.lastRequest(m.setReferral)).toMatchObject({
      organizationId: anAccount().organizationId,
      partnerId: webwerk.organizationId,
      reason: "Came through Webwerk",
    });
    expect(await screen.findByText("Acme GmbH was referred by Webwerk KG.")).toBeVisible();
  });

  it("starts from the partner it names, and records that none referred it", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      accounts(anAccount({ referredByName: "Alt & Partner", referredById: former.organizationId })),
      answer(m.listPartners, { partners: [former, webwerk] }),
      answer(m.setReferral, {}),
    );
    renderApp("/accounts", api);
    await tableRows();
    const { user, dialog } = await openAction("Acme GmbH", "Referred by…", "Referral of Acme GmbH");
    const partner = within(dialog).getByRole("combobox", { name: "Referred by" });
    expect(partner).toHaveValue("Alt & Partner (former partner)");
    await user.click(partner);
    await user.click(await screen.findByRole("option", { name: "No partner" }));
    await user.type(within(dialog).getByLabelText(/^Reason/), "Booked by mistake");
    await user.click(within(dialog).getByRole("button", { name: "Save referral" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(api.lastRequest(m.setReferral)).toMatchObject({ partnerId: "" });
    expect(await screen.findByText("Acme GmbH has no referring partner now.")).toBeVisible();
  });
});

describe("the partner actions", () => {
  it("are offered on the at-risk list too, and only to staff who may act on accounts", async () => {
    renderApp(
      "/accounts/at-risk",
      cannedApi(
        signedIn(anOwner()),
        answer(AccountService.method.listAtRiskAccounts, {
          accounts: [anAtRiskAccount()],
          totalSize: 1,
        }),
      ),
    );
    await tableRows();
    await userEvent.click(screen.getByRole("button", { name: "Actions: Bäckerei Blau" }));
    expect(await screen.findByRole("menuitem", { name: "Partner…" })).toBeVisible();
    expect(screen.getByRole("menuitem", { name: "Referred by…" })).toBeVisible();
  });

  it("are not offered without ACCOUNTS_WRITE", async () => {
    const readOnly = anOwner({
      permissions: anOwner().permissions.filter((p) => p !== Permission.ACCOUNTS_WRITE),
    });
    renderApp("/accounts", cannedApi(signedIn(readOnly), accounts()));
    await tableRows();
    await userEvent.click(screen.getByRole("button", { name: "Actions: Acme GmbH" }));
    expect(await screen.findByRole("menuitem", { name: "Discount…" })).toBeVisible();
    expect(screen.queryByRole("menuitem", { name: "Partner…" })).toBeNull();
    expect(screen.queryByRole("menuitem", { name: "Referred by…" })).toBeNull();
  });
});
