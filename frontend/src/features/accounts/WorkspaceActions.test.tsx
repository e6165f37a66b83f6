import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { AccountService } from "@leitstand/sdk/leitstand/admin/v1/account_service_pb.js";
import { Permission } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import {
  ContractService,
  DiscountKind,
} from "@leitstand/sdk/leitstand/admin/v1/contract_service_pb.js";
import {
  OrganizationRole,
  OrganizationService,
} from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import {
  aDiscount,
  anAccount,
  anOperator,
  anOrganization,
  anOrganizationMember,
  aWorkspace,
} from "@/test/builders";
import { answer, answerWith, cannedApi, signedIn, type Canned } from "@/test/canned";
import { renderApp, tableRows } from "@/test/render";
import { thisMonth } from "@/lib/format";

const acme = anAccount();
const production = acme.workspaces[0]!;
const list = answer(AccountService.method.listAccounts, {
  accounts: [acme],
  totalSize: 1,
  month: thisMonth(),
});

/** Acme's workspace Production, administered by Anna; Ben is a member too. */
const organization = answer(OrganizationService.method.getOrganization, {
  organization: anOrganization({ id: acme.organizationId, name: "Acme GmbH" }),
  workspaces: [
    aWorkspace({
      id: production.workspaceId,
      organizationId: acme.organizationId,
      adminUserId: "usr_anna",
      adminDisplayName: "Anna Becker",
    }),
  ],
  members: [
    anOrganizationMember(),
    anOrganizationMember({
      userId: "usr_ben",
      email: "ben@acme.example",
      displayName: "Ben Krause",
      role: OrganizationRole.ADMIN,
    }),
  ],
});

/** Opens Acme's workspaces, then an action of Production's row. */
async function openWorkspaceAction(answers: Canned[], item: string, title: string) {
  const api = cannedApi(signedIn(anOperator()), list, ...answers);
  renderApp("/accounts", api);
  await tableRows();
  const user = userEvent.setup();
  await user.click(screen.getByRole("button", { name: "Show the workspaces of Acme GmbH" }));
  const workspaces = await screen.findByRole("region", { name: "Workspaces of Acme GmbH" });
  await user.click(
    within(workspaces).getByRole("button", { name: "Actions: Production of Acme GmbH" }),
  );
  await user.click(await screen.findByRole("menuitem", { name: item }));
  const dialog = await screen.findByRole("dialog", { name: title });
  return { api, user, dialog };
}

describe("a workspace's row actions", () => {
  it("name another administrator from the organization's members, with a reason", async () => {
    const update = OrganizationService.method.updateWorkspace;
    const { api, user, dialog } = await openWorkspaceAction(
      [
        organization,
        answer(update, {
          workspace: aWorkspace({ id: production.workspaceId, adminDisplayName: "Ben Krause" }),
        }),
      ],
      "Change admin…",
      "Change the administrator of Production (Acme GmbH)",
    );
    expect(await within(dialog).findByText("Administered by Anna Becker now.")).toBeVisible();
    const admin = within(dialog).getByRole("combobox", { name: /^New administrator/ });
    await user.click(within(dialog).getByRole("button", { name: "Change administrator" }));
    expect(
      await within(dialog).findByText("Choose another member than the one named now."),
    ).toBeInTheDocument();
    await user.click(admin);
    expect((await screen.findAllByRole("option")).map((o) => o.textContent)).toEqual([
      "Anna Becker · Owner",
      "Ben Krause · Admin",
    ]);
    await user.click(screen.getByRole("option", { name: "Ben Krause · Admin" }));
    await user.click(within(dialog).getByRole("button", { name: "Change administrator" }));
    expect(await within(dialog).findByText("Please give a reason.")).toBeInTheDocument();
    expect(api.requests(update)).toHaveLength(0);

    await user.type(within(dialog).getByLabelText(/^Reason/), "Anna left the project");
    await user.click(within(dialog).getByRole("button", { name: "Change administrator" }));
    await waitFor(() => expect(api.requests(update)).toHaveLength(1));
    expect(api.lastRequest(update)).toMatchObject({
      workspace: { id: production.workspaceId, adminUserId: "usr_ben" },
      updateMask: { paths: ["admin_user_id"] },
      reason: "Anna left the project",
    });
    expect(await screen.findByText("Ben Krause now administers Production.")).toBeInTheDocument();
  });

  it("grant the workspace a discount of a kind for people, with the server's preview", async () => {
    const grant = ContractService.method.grantDiscount;
    const effect = {
      billingDate: "2027-02-05",
      nextInvoiceGrossBeforeCents: 11781n,
      nextInvoiceGrossAfterCents: 10603n,
      mrrBeforeCents: 9900n,
      mrrAfterCents: 8910n,
      currency: "EUR",
    };
    const { api, user, dialog } = await openWorkspaceAction(
      [
        answerWith(grant, (req) =>
          req.preview ? { effect } : { discount: aDiscount({ name: req.name }), effect },
        ),
      ],
      "Discount…",
      "Discount for workspace Production of Acme GmbH",
    );
    // The workspace's own, fixed.
    expect(within(dialog).getByRole("combobox", { name: /^Applies to/ })).toBeDisabled();
    expect(within(dialog).getByRole("combobox", { name: /^Applies to/ })).toHaveValue(
      "Workspace Production",
    );
    await user.click(within(dialog).getByRole("combobox", { name: /^Kind/ }));
    expect((await screen.findAllByRole("option")).map((o) => o.textContent)).toEqual([
      "ScholarshipFor a school, a non-profit, a student project.",
      "StaffFor the platform's own staff.",
      "TrialWhile the customer tries the platform.",
    ]);
    await user.click(screen.getByRole("option", { name: /^Staff/ }));
    expect(within(dialog).getByRole("textbox", { name: /^Name/ })).toHaveValue("Mitarbeiter");
    await user.type(within(dialog).getByRole("textbox", { name: /^Percentage/ }), "10");
    await user.type(within(dialog).getByLabelText(/^Reason/), "Our trainee's workspace");
    const preview = within(dialog).getByTestId("effect-preview");
    await waitFor(() => expect(preview).toHaveAttribute("data-current"));
    expect(preview.querySelector("[data-effect='mrr']")).toHaveTextContent(
      "MRR:€99.00 → €89.10 (-€9.90)",
    );
    await user.click(within(dialog).getByRole("button", { name: "Grant discount" }));
    await waitFor(() => expect(api.requests(grant).filter((r) => !r.preview)).toHaveLength(1));
    expect(api.lastRequest(grant)).toMatchObject({
      organizationId: acme.organizationId,
      workspaceId: production.workspaceId,
      kind: DiscountKind.STAFF,
      name: "Mitarbeiter",
      basisPoints: 1000,
      reason: "Our trainee's workspace",
    });
  });

  it("are not offered to staff who may do neither", async () => {
    const readOnly = anOperator({
      permissions: anOperator().permissions.filter(
        (p) => p !== Permission.ORGANIZATIONS_WRITE && p !== Permission.CONTRACTS_WRITE,
      ),
    });
    renderApp("/accounts", cannedApi(signedIn(readOnly), list));
    await tableRows();
    await userEvent.click(screen.getByRole("button", { name: "Show the workspaces of Acme GmbH" }));
    const workspaces = await screen.findByRole("region", { name: "Workspaces of Acme GmbH" });
    expect(within(workspaces).getByText("Production")).toBeInTheDocument();
    expect(within(workspaces).queryByRole("button", { name: /^Actions:/ })).toBeNull();
  });
});
