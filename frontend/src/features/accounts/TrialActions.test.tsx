import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  AccountService,
  RevenueClass,
  TrialStatus,
} from "@leitstand/sdk/leitstand/admin/v1/account_service_pb.js";
import { Permission } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import { anAccount, anOperator, anOwner } from "@/test/builders";
import { answer, answerWith, cannedApi, refused, signedIn } from "@/test/canned";
import { renderApp, tableRows } from "@/test/render";
import { thisMonth } from "@/lib/format";

const m = AccountService.method;
const acme = anAccount();
/** Acme's trial of Enterprise, from 10 January to 10 February. */
const trial = {
  id: "trl_0001",
  organizationId: acme.organizationId,
  planName: "Enterprise",
  startDate: "2027-01-10",
  revertDate: "2027-02-10",
  status: TrialStatus.ACTIVE,
};
const trying = anAccount({ revenueClass: RevenueClass.TRIAL, trial });
const listOf = (account: typeof acme) =>
  answer(m.listAccounts, {
    accounts: [account],
    totalSize: 1,
    month: thisMonth(),
    totals: { currency: "EUR", paying: 1 },
  });

/** A trial changes neither the next invoice nor the MRR, as the server says. */
const effect = {
  billingDate: "2027-02-05",
  nextInvoiceGrossBeforeCents: 11781n,
  nextInvoiceGrossAfterCents: 11781n,
  mrrBeforeCents: 9900n,
  mrrAfterCents: 9900n,
  currency: "EUR",
};

async function openAction(item: string, title: string) {
  const user = userEvent.setup();
  await user.click(await screen.findByRole("button", { name: "Actions: Acme GmbH" }));
  await user.click(await screen.findByRole("menuitem", { name: item }));
  const dialog = await screen.findByRole("dialog", { name: title });
  return { user, dialog };
}

describe("an account's reverse trial", () => {
  it("is granted with a reason after the server's preview", async () => {
    const api = cannedApi(
      signedIn(anOperator()),
      listOf(acme),
      answerWith(m.grantReverseTrial, (req) => ({
        effect,
        trial: req.preview ? undefined : { ...trial, reason: req.reason },
      })),
    );
    renderApp("/accounts", api);
    await tableRows();
    const { user, dialog } = await openAction("Reverse trial…", "Reverse trial for Acme GmbH");
    // Without a running trial there is none to end.
    expect(screen.queryByRole("menuitem", { name: "End trial…" })).not.toBeInTheDocument();
    expect(dialog).toHaveTextContent("falls back to its own plan (Premium) by itself");
    const preview = within(dialog).getByTestId("effect-preview");
    expect(preview).toHaveTextContent("The effect shows here once the reason is given.");
    await user.click(within(dialog).getByRole("button", { name: "Grant reverse trial" }));
    expect(await within(dialog).findByText("Please give a reason.")).toBeInTheDocument();
    expect(api.requests(m.grantReverseTrial)).toHaveLength(0);

    await user.type(within(dialog).getByLabelText(/^Reason/), "Wants to try Enterprise");
    await waitFor(() => expect(preview).toHaveAttribute("data-current"));
    expect(preview.querySelector("[data-effect='next']")).toHaveTextContent(
      "Next invoice (on 5 Feb 2027):€117.81 → €117.81 (€0.00)",
    );
    expect(preview.querySelector("[data-effect='mrr']")).toHaveTextContent(
      "MRR:€99.00 → €99.00 (€0.00)",
    );
    expect(api.lastRequest(m.grantReverseTrial)).toMatchObject({
      organizationId: acme.organizationId,
      reason: "Wants to try Enterprise",
      preview: true,
    });

    await user.click(within(dialog).getByRole("button", { name: "Grant reverse trial" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(api.requests(m.grantReverseTrial).filter((r) => !r.preview)).toEqual([
      expect.objectContaining({
        organizationId: acme.organizationId,
        reason: "Wants to try Enterprise",
      }),
    ]);
    expect(
      await screen.findByText("Reverse trial of Enterprise granted until 10 Feb 2027."),
    ).toBeInTheDocument();
  });

  it("shows the server's refusal in the preview and keeps the dialog on granting", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      listOf(acme),
      answer(m.grantReverseTrial, refused("it pays for a tier as high as the top one")),
    );
    renderApp("/accounts", api);
    await tableRows();
    const { user, dialog } = await openAction("Reverse trial…", "Reverse trial for Acme GmbH");
    await user.type(within(dialog).getByLabelText(/^Reason/), "test");
    await waitFor(() =>
      expect(within(dialog).getByTestId("effect-preview")).toHaveTextContent(
        /The effect could not be computed: it pays for a tier as high as the top one/,
      ),
    );
    await user.click(within(dialog).getByRole("button", { name: "Grant reverse trial" }));
    await waitFor(() =>
      expect(api.requests(m.grantReverseTrial).filter((r) => !r.preview)).toHaveLength(1),
    );
    expect(screen.getByRole("dialog", { name: "Reverse trial for Acme GmbH" })).toBeInTheDocument();
  });

  it("is ended early with a reason when it runs", async () => {
    const api = cannedApi(
      signedIn(anOperator()),
      listOf(trying),
      answer(m.cancelReverseTrial, {
        trial: { ...trial, status: TrialStatus.CANCELLED },
      }),
    );
    renderApp("/accounts", api);
    await tableRows();
    const { user, dialog } = await openAction("End trial…", "End the trial of Acme GmbH");
    expect(screen.queryByRole("menuitem", { name: "Reverse trial…" })).not.toBeInTheDocument();
    expect(dialog).toHaveTextContent(
      "The trial of Enterprise would run until 10 Feb 2027. Ended now, the account has the caps of its own plan (Premium) again from today.",
    );
    await user.click(within(dialog).getByRole("button", { name: "End trial" }));
    expect(await within(dialog).findByText("Please give a reason.")).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText(/^Reason/), "Decided against it");
    await user.click(within(dialog).getByRole("button", { name: "End trial" }));
    await waitFor(() => expect(api.requests(m.cancelReverseTrial)).toHaveLength(1));
    expect(api.lastRequest(m.cancelReverseTrial)).toMatchObject({
      organizationId: acme.organizationId,
      reason: "Decided against it",
    });
    expect(await screen.findByText("The trial of Acme GmbH has ended.")).toBeInTheDocument();
  });

  it("is not offered to staff who may not act on accounts", async () => {
    const readOnly = anOwner({
      permissions: anOwner().permissions.filter((p) => p !== Permission.ACCOUNTS_WRITE),
    });
    renderApp("/accounts", cannedApi(signedIn(readOnly), listOf(acme)));
    await tableRows();
    await userEvent.click(await screen.findByRole("button", { name: "Actions: Acme GmbH" }));
    await screen.findByRole("menuitem", { name: "Discount…" });
    for (const item of ["Reverse trial…", "End trial…", "Managed billing…", "Reset usage…"]) {
      expect(screen.queryByRole("menuitem", { name: item })).not.toBeInTheDocument();
    }
  });
});
