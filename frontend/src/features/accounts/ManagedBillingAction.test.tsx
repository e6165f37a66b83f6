import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  AccountService,
  RevenueClass,
} from "@leitstand/sdk/leitstand/admin/v1/account_service_pb.js";
import { PlatformRole } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import {
  DisabledFilter,
  MemberService,
} from "@leitstand/sdk/leitstand/admin/v1/member_service_pb.js";
import { anAccount, anAtRiskAccount, anOperator, aStaffMember } from "@/test/builders";
import { answer, cannedApi, signedIn } from "@/test/canned";
import { renderApp, tableRows } from "@/test/render";
import { thisMonth } from "@/lib/format";

const m = AccountService.method;
const acme = anAccount();
const managed = anAccount({
  revenueClass: RevenueClass.MANAGED,
  managed: true,
  accountManager: "Oskar Operator <operator@demo.leitstand.test>",
  accountManagerUserId: "usr_operator",
});
const listOf = (account: typeof acme) =>
  answer(m.listAccounts, {
    accounts: [account],
    totalSize: 1,
    month: thisMonth(),
    totals: { currency: "EUR", paying: 1 },
  });
const staff = answer(MemberService.method.listMembers, {
  members: [aStaffMember(PlatformRole.OWNER), aStaffMember(PlatformRole.OPERATOR)],
  totalSize: 2,
});

async function openManaged() {
  const user = userEvent.setup();
  await user.click(await screen.findByRole("button", { name: "Actions: Acme GmbH" }));
  await user.click(await screen.findByRole("menuitem", { name: "Managed billing…" }));
  const dialog = await screen.findByRole("dialog", { name: "Managed billing of Acme GmbH" });
  return { user, dialog };
}

describe("an account's managed billing", () => {
  it("bills the account offline, managed by a member of staff, with a reason", async () => {
    const api = cannedApi(
      signedIn(anOperator()),
      listOf(acme),
      staff,
      answer(m.setManagedBilling, {
        managed: true,
        accountManagerUserId: "usr_operator",
        accountManager: "Oskar Operator <operator@demo.leitstand.test>",
      }),
    );
    renderApp("/accounts", api);
    await tableRows();
    const { user, dialog } = await openManaged();
    expect(within(dialog).getByRole("radio", { name: /^Billed as usual/ })).toBeChecked();
    await user.click(within(dialog).getByRole("radio", { name: /^Managed: billed offline/ }));
    await user.type(within(dialog).getByLabelText(/^Reason/), "Pays by invoice only");
    await user.click(within(dialog).getByRole("button", { name: "Save changes" }));
    // A managed account needs its manager.
    expect(
      await within(dialog).findByText("A managed account needs an account manager."),
    ).toBeInTheDocument();
    expect(api.requests(m.setManagedBilling)).toHaveLength(0);

    await user.click(within(dialog).getByRole("combobox", { name: /^Account manager/ }));
    // The owners and operators who may sign in, by name.
    expect(api.lastRequest(MemberService.method.listMembers)).toMatchObject({
      filter: {
        platformRoles: [PlatformRole.OWNER, PlatformRole.OPERATOR],
        disabled: DisabledFilter.ENABLED_ONLY,
      },
      orderBy: "display_name",
    });
    await user.click(
      await screen.findByRole("option", { name: "Oskar Operator (operator@demo.leitstand.test)" }),
    );
    await user.click(within(dialog).getByRole("button", { name: "Save changes" }));
    await waitFor(() => expect(api.requests(m.setManagedBilling)).toHaveLength(1));
    expect(api.lastRequest(m.setManagedBilling)).toMatchObject({
      organizationId: acme.organizationId,
      managed: true,
      accountManagerUserId: "usr_operator",
      reason: "Pays by invoice only",
    });
    expect(
      await screen.findByText("Acme GmbH is billed offline, managed by Oskar Operator."),
    ).toBeInTheDocument();
  });

  it("bills a managed account as usual again", async () => {
    const api = cannedApi(
      signedIn(anOperator()),
      listOf(managed),
      staff,
      answer(m.setManagedBilling, { managed: false }),
    );
    renderApp("/accounts", api);
    await tableRows();
    const { user, dialog } = await openManaged();
    expect(within(dialog).getByRole("combobox", { name: /^Account manager/ })).toHaveValue(
      "Oskar Operator (operator@demo.leitstand.test)",
    );
    await user.click(within(dialog).getByRole("radio", { name: /^Billed as usual/ }));
    expect(within(dialog).queryByRole("combobox", { name: /^Account manager/ })).toBeNull();
    await user.type(within(dialog).getByLabelText(/^Reason/), "Pays by card now");
    await user.click(within(dialog).getByRole("button", { name: "Save changes" }));
    await waitFor(() => expect(api.requests(m.setManagedBilling)).toHaveLength(1));
    expect(api.lastRequest(m.setManagedBilling)).toMatchObject({
      managed: false,
      accountManagerUserId: "",
      reason: "Pays by card now",
    });
    expect(await screen.findByText("Acme GmbH is billed as usual again.")).toBeInTheDocument();
  });

  it("shows a managed account's manager under its class, on both lists", async () => {
    const { unmount } = renderApp("/accounts", cannedApi(signedIn(anOperator()), listOf(managed)));
    const [row] = await tableRows();
    const manager = within(row as HTMLElement).getByRole("link", {
      name: "Manager: Oskar Operator",
    });
    expect(manager).toHaveAttribute("href", "mailto:operator@demo.leitstand.test");
    unmount();

    renderApp(
      "/accounts/at-risk",
      cannedApi(
        signedIn(anOperator()),
        answer(m.listAtRiskAccounts, {
          accounts: [anAtRiskAccount({ account: { ...managed, organizationName: "Acme GmbH" } })],
          totalSize: 1,
        }),
      ),
    );
    await tableRows();
    expect(screen.getByRole("link", { name: "Manager: Oskar Operator" })).toBeInTheDocument();
  });
});
