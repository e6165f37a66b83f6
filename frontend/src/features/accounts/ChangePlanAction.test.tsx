import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { AccountService } from "@leitstand/sdk/leitstand/admin/v1/account_service_pb.js";
import { Permission } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import {
  ContractService,
  ContractStatus,
} from "@leitstand/sdk/leitstand/admin/v1/contract_service_pb.js";
import { OrganizationService } from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { PlanService } from "@leitstand/sdk/leitstand/admin/v1/plan_service_pb.js";
import { aContract, anAccount, anOperator, anOwner, aPlan } from "@/test/builders";
import { answer, answerWith, cannedApi, refused, signedIn } from "@/test/canned";
import { renderApp, tableRows } from "@/test/render";
import { thisMonth } from "@/lib/format";

const schedule = ContractService.method.scheduleTransition;
const acme = anAccount({ organizationId: "org_0001" });

/** Acme on Premium with a plan to move to, and its billing dates after today. */
const answers = [
  answer(AccountService.method.listAccounts, {
    accounts: [acme],
    totalSize: 1,
    month: thisMonth(),
    totals: { currency: "EUR", paying: 1 },
  }),
  answer(ContractService.method.getContract, { contract: aContract() }),
  answer(PlanService.method.listPlans, {
    plans: [
      aPlan({
        id: "pln_enterprise",
        name: "Enterprise",
        version: 1,
        versionId: "plv_enterprise1",
        terms: { ...aContract().planTerms!, monthlyFeeCents: 24900n },
      }),
    ],
  }),
  answer(OrganizationService.method.listBillingDates, {
    timeZone: "Europe/Berlin",
    periods: [
      { billingDate: "2099-01-05", lastDay: "2099-02-04", days: 31 },
      { billingDate: "2099-02-05", lastDay: "2099-03-04", days: 28 },
    ],
  }),
];

/** What the move to Enterprise does, as the server says: 99 € → 249 € a month from 5 January. */
const effect = {
  billingDate: "2099-01-05",
  nextInvoiceGrossBeforeCents: 11781n,
  nextInvoiceGrossAfterCents: 29631n,
  mrrBeforeCents: 9900n,
  mrrAfterCents: 24900n,
  currency: "EUR",
};

async function openChangePlan() {
  const user = userEvent.setup();
  await user.click(await screen.findByRole("button", { name: "Actions: Acme GmbH" }));
  await user.click(await screen.findByRole("menuitem", { name: "Change plan…" }));
  const dialog = await screen.findByRole("dialog", { name: "Change the plan of Acme GmbH" });
  return { user, dialog };
}

describe("an account's Change plan", () => {
  it("moves the account on its next billing date, with the server's preview", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      ...answers,
      answerWith(schedule, (req) =>
        req.preview
          ? { effect }
          : {
              contract: aContract({
                planName: "Enterprise",
                status: ContractStatus.SCHEDULED,
                startDate: "2099-01-05",
              }),
              effect,
            },
      ),
    );
    renderApp("/accounts", api);
    await tableRows();
    const { user, dialog } = await openChangePlan();
    await user.click(await within(dialog).findByRole("combobox", { name: /New plan/ }));
    await user.click(await screen.findByRole("option", { name: /^Enterprise/ }));
    expect(within(dialog).getByRole("combobox", { name: /Takes effect on/ })).toHaveValue(
      "Next billing date (5 Jan 2099)",
    );
    await user.type(within(dialog).getByLabelText(/^Reason/), "Needs more storage");
    const preview = within(dialog).getByTestId("effect-preview");
    await waitFor(() => expect(preview).toHaveAttribute("data-current"));
    expect(preview.querySelector("[data-effect='next']")).toHaveTextContent(
      "Next invoice (on 5 Jan 2099):€117.81 → €296.31 (+€178.50)",
    );
    expect(preview.querySelector("[data-effect='mrr']")).toHaveTextContent(
      "MRR (from 5 Jan 2099):€99.00 → €249.00 (+€150.00)",
    );

    await user.click(within(dialog).getByRole("button", { name: "Schedule plan change" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(api.requests(schedule).filter((r) => !r.preview)).toEqual([
      expect.objectContaining({
        organizationId: "org_0001",
        planId: "pln_enterprise",
        startDate: "",
        reason: "Needs more storage",
      }),
    ]);
    expect(
      await screen.findByText("Plan change to Enterprise scheduled for 5 Jan 2099."),
    ).toBeInTheDocument();
  });

  it("shows the server's refusal of the preview", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      ...answers,
      answer(schedule, refused("the organization is closed")),
    );
    renderApp("/accounts", api);
    await tableRows();
    const { user, dialog } = await openChangePlan();
    await user.click(await within(dialog).findByRole("combobox", { name: /New plan/ }));
    await user.click(await screen.findByRole("option", { name: /^Enterprise/ }));
    await user.type(within(dialog).getByLabelText(/^Reason/), "test");
    expect(await within(dialog).findByRole("alert")).toHaveTextContent(
      "The effect could not be computed: the organization is closed",
    );
  });

  it("is not offered without the permission to change tiers", async () => {
    // Operators hold every other permission of the menu, not TIERS_CHANGE.
    expect(anOperator().permissions).not.toContain(Permission.TIERS_CHANGE);
    renderApp("/accounts", cannedApi(signedIn(anOperator()), ...answers));
    await tableRows();
    await userEvent.click(await screen.findByRole("button", { name: "Actions: Acme GmbH" }));
    await screen.findByRole("menuitem", { name: "Discount…" });
    expect(screen.queryByRole("menuitem", { name: "Change plan…" })).not.toBeInTheDocument();
  });
});
