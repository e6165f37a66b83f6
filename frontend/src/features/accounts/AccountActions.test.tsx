import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { AccountService } from "@leitstand/sdk/leitstand/admin/v1/account_service_pb.js";
import { Permission } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import {
  ContractService,
  DiscountKind,
} from "@leitstand/sdk/leitstand/admin/v1/contract_service_pb.js";
import { aDiscount, anAccount, anAtRiskAccount, anOwner } from "@/test/builders";
import { answer, answerWith, cannedApi, invalid, signedIn, type Canned } from "@/test/canned";
import { renderApp, tableRows } from "@/test/render";
import { thisMonth } from "@/lib/format";

const m = AccountService.method;
const grantDiscount = ContractService.method.grantDiscount;

const acme = anAccount();
const list = answer(m.listAccounts, {
  accounts: [acme],
  totalSize: 1,
  month: thisMonth(),
  totals: { currency: "EUR", paying: 1 },
});

/** What 20 % off does to Acme's next invoice (117,81 €) and MRR (99,00 €), as the server says. */
const effect = {
  billingDate: "2027-01-14",
  nextInvoiceGrossBeforeCents: 11781n,
  nextInvoiceGrossAfterCents: 9425n,
  mrrBeforeCents: 9900n,
  mrrAfterCents: 7920n,
  currency: "EUR",
};

/** GrantDiscount: the effect for a preview; the discount granted (or the refusal) otherwise. */
const grant = (refusal?: ReturnType<typeof invalid>): Canned =>
  answerWith(grantDiscount, (req) =>
    req.preview
      ? { effect }
      : (refusal ?? {
          discount: aDiscount({
            organizationId: req.organizationId,
            name: req.name,
            kind: req.kind,
            basisPoints: req.basisPoints,
          }),
          effect,
        }),
  );

/** openDiscount opens the Discount dialog of an account's row. */
async function openDiscount(name: string) {
  const user = userEvent.setup();
  await user.click(await screen.findByRole("button", { name: `Actions: ${name}` }));
  await user.click(await screen.findByRole("menuitem", { name: "Discount…" }));
  const dialog = await screen.findByRole("dialog", { name: `Discount for ${name}` });
  return { user, dialog };
}

describe("an account's Discount", () => {
  it("shows the server's preview of the next invoice and the MRR, and grants the same discount", async () => {
    const api = cannedApi(signedIn(anOwner()), list, grant());
    renderApp("/accounts", api);
    await tableRows();
    const { user, dialog } = await openDiscount("Acme GmbH");
    const name = within(dialog).getByRole("textbox", { name: /^Name/ });
    // The name follows the kind until it is given another.
    expect(name).toHaveValue("Sonderkondition");
    await user.click(within(dialog).getByRole("combobox", { name: /^Kind/ }));
    await user.click(await screen.findByRole("option", { name: /^Scholarship/ }));
    expect(name).toHaveValue("Stipendium");
    await user.click(within(dialog).getByRole("combobox", { name: /^Applies to/ }));
    expect((await screen.findAllByRole("option")).map((o) => o.textContent)).toEqual([
      "Whole account",
      "Workspace Production",
    ]);
    await user.click(screen.getByRole("option", { name: "Workspace Production" }));
    await user.type(within(dialog).getByRole("textbox", { name: /^Percentage/ }), "20");
    expect(within(dialog).getByText("20% off")).toBeInTheDocument();
    fireEvent.change(within(dialog).getByLabelText("Last day"), {
      target: { value: "2027-06-30" },
    });
    // Nothing is asked before the inputs are valid: the reason is still missing.
    const preview = within(dialog).getByTestId("effect-preview");
    expect(preview).toHaveTextContent(
      "The effect shows here once the percentage and the reason are given.",
    );
    expect(api.requests(grantDiscount)).toHaveLength(0);
    await user.type(within(dialog).getByLabelText(/^Reason/), "Schulprojekt");

    // The server's preview: before → after, with the difference.
    await waitFor(() =>
      expect(preview.querySelector("[data-effect='next']")).toHaveTextContent(
        "Next invoice (on 14 Jan 2027):€117.81 → €94.25 (-€23.56)",
      ),
    );
    expect(preview.querySelector("[data-effect='mrr']")).toHaveTextContent(
      "MRR:€99.00 → €79.20 (-€19.80)",
    );
    expect(preview).toHaveAttribute("data-current");
    const asked = {
      organizationId: acme.organizationId,
      workspaceId: "ws_01production000000000000001",
      kind: DiscountKind.SCHOLARSHIP,
      name: "Stipendium",
      basisPoints: 2000,
      startDate: "",
      endDate: "2027-06-30",
      reason: "Schulprojekt",
    };
    expect(api.lastRequest(grantDiscount)).toMatchObject({ ...asked, preview: true });
    // Typing the reason asked once it rested, not once per key.
    expect(api.requests(grantDiscount).length).toBeLessThanOrEqual(2);

    const listed = api.requests(m.listAccounts).length;
    await user.click(within(dialog).getByRole("button", { name: "Grant discount" }));
    await waitFor(() => expect(api.lastRequest(grantDiscount)?.preview).toBe(false));
    expect(api.lastRequest(grantDiscount)).toMatchObject(asked);
    expect(api.requests(grantDiscount).filter((r) => !r.preview)).toHaveLength(1);
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(await screen.findByText("Discount Stipendium granted.")).toBeInTheDocument();
    // The list shows the account anew.
    await waitFor(() => expect(api.requests(m.listAccounts).length).toBeGreaterThan(listed));
    // No preview is asked over the granted discount.
    expect(api.lastRequest(grantDiscount)?.preview).toBe(false);
  });

  it("shows the server's verdict at its field", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      list,
      grant(
        invalid([
          {
            path: ["end_date"],
            ruleId: "end_date.before_start",
            message: "the last day (2020-01-01) is before the first (2027-01-10)",
          },
        ]),
      ),
    );
    renderApp("/accounts", api);
    await tableRows();
    const { user, dialog } = await openDiscount("Acme GmbH");
    await user.type(within(dialog).getByRole("textbox", { name: /^Percentage/ }), "10");
    const last = within(dialog).getByLabelText("Last day");
    fireEvent.change(last, { target: { value: "2020-01-01" } });
    await user.type(within(dialog).getByLabelText(/^Reason/), "test");
    await user.click(within(dialog).getByRole("button", { name: "Grant discount" }));
    await waitFor(() => expect(last).toHaveAttribute("aria-invalid", "true"));
    expect(
      within(dialog).getByText("the last day (2020-01-01) is before the first (2027-01-10)"),
    ).toBeInTheDocument();
    expect(screen.getByRole("dialog", { name: "Discount for Acme GmbH" })).toBeInTheDocument();
  });

  it("shows what the server refuses in the preview at its field", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      list,
      answer(
        grantDiscount,
        invalid([
          {
            path: ["name"],
            ruleId: "string.max_len",
            message: "value length must be at most 80 characters",
          },
        ]),
      ),
    );
    renderApp("/accounts", api);
    await tableRows();
    const { user, dialog } = await openDiscount("Acme GmbH");
    await user.type(within(dialog).getByRole("textbox", { name: /^Percentage/ }), "5");
    await user.type(within(dialog).getByLabelText(/^Reason/), "test");
    const name = within(dialog).getByRole("textbox", { name: /^Name/ });
    await waitFor(() => expect(name).toHaveAttribute("aria-invalid", "true"));
    expect(within(dialog).getByTestId("effect-preview")).toHaveTextContent(
      "The effect could not be computed: see the marked fields.",
    );
    expect(api.requests(grantDiscount).every((r) => r.preview)).toBe(true);
  });

  it("asks for a percentage it can send", async () => {
    const api = cannedApi(signedIn(anOwner()), list, grant());
    renderApp("/accounts", api);
    await tableRows();
    const { user, dialog } = await openDiscount("Acme GmbH");
    await user.type(within(dialog).getByRole("textbox", { name: /^Percentage/ }), "0");
    await user.type(within(dialog).getByLabelText(/^Reason/), "test");
    await user.click(within(dialog).getByRole("button", { name: "Grant discount" }));
    expect(
      await within(dialog).findByText("Enter a percentage above 0 and up to 100, e.g. 12.5."),
    ).toBeInTheDocument();
    expect(api.requests(grantDiscount)).toHaveLength(0);
  });

  it("is offered on the at-risk list too", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      answer(m.listAtRiskAccounts, { accounts: [anAtRiskAccount()], totalSize: 1, hardBlocked: 1 }),
      grant(),
    );
    renderApp("/accounts/at-risk", api);
    await tableRows();
    const { dialog } = await openDiscount("Bäckerei Blau");
    // The account has no workspaces: the whole account only.
    await userEvent.click(within(dialog).getByRole("combobox", { name: /^Applies to/ }));
    expect((await screen.findAllByRole("option")).map((o) => o.textContent)).toEqual([
      "Whole account",
    ]);
  });

  it("is not offered to staff who may not write contracts", async () => {
    const noContracts = anOwner({
      permissions: anOwner().permissions.filter((p) => p !== Permission.CONTRACTS_WRITE),
    });
    const { unmount } = renderApp("/accounts", cannedApi(signedIn(noContracts), list));
    await tableRows();
    await userEvent.click(await screen.findByRole("button", { name: "Actions: Acme GmbH" }));
    await screen.findByRole("menuitem", { name: "Reverse trial…" });
    expect(screen.queryByRole("menuitem", { name: "Discount…" })).not.toBeInTheDocument();
    unmount();

    // Who may take none of the actions has no menu, on either list.
    const actionless = anOwner({
      permissions: anOwner().permissions.filter(
        (p) =>
          ![
            Permission.CONTRACTS_WRITE,
            Permission.TIERS_CHANGE,
            Permission.ACCOUNTS_WRITE,
            Permission.INVOICES_WRITE,
            Permission.PAYMENTS_WRITE,
          ].includes(p),
      ),
    });
    const second = renderApp("/accounts", cannedApi(signedIn(actionless), list));
    await tableRows();
    expect(screen.getByRole("button", { name: "12-month history of Acme GmbH" })).toBeVisible();
    expect(screen.queryByRole("button", { name: "Actions: Acme GmbH" })).not.toBeInTheDocument();
    second.unmount();

    renderApp(
      "/accounts/at-risk",
      cannedApi(
        signedIn(actionless),
        answer(m.listAtRiskAccounts, { accounts: [anAtRiskAccount()], totalSize: 1 }),
      ),
    );
    await tableRows();
    expect(
      screen.queryByRole("button", { name: "Actions: Bäckerei Blau" }),
    ).not.toBeInTheDocument();
  });
});
