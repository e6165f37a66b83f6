import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  BillingEntityCapability,
  PlatformRole,
} from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import {
  BillingEntityService,
  BillingEntityStatus,
} from "@leitstand/sdk/leitstand/admin/v1/billing_entity_service_pb.js";
import { PaymentService } from "@leitstand/sdk/leitstand/admin/v1/payment_service_pb.js";
import { SettingsService } from "@leitstand/sdk/leitstand/admin/v1/settings_service_pb.js";
import { AuthService } from "@leitstand/sdk/leitstand/admin/v1/auth_service_pb.js";
import { aLicensee, anOwner, aReseller, aResellerStaffMember } from "@/test/builders";
import { answer, answerWith, cannedApi, secondFactorRequired, signedIn } from "@/test/canned";
import { renderApp, tableRows } from "@/test/render";

const m = BillingEntityService.method;
const licensee = aLicensee();
const nordhost = aReseller();
const nora = aResellerStaffMember();
const path = `/billing-entities/${nordhost.id}`;

/** The licensee's owner, on Nordhost's page. */
const asLicensee = (...more: Parameters<typeof cannedApi>) =>
  cannedApi(
    signedIn(anOwner({ secondFactorEnrolled: true })),
    answer(m.listBillingEntities, { billingEntities: [licensee, nordhost] }),
    answer(m.getBillingEntity, { billingEntity: nordhost, staff: [nora] }),
    ...more,
  );

describe("a billing entity's page", () => {
  it("shows its sign-up rules, capabilities and counts", async () => {
    renderApp(path, asLicensee());
    expect(await screen.findByRole("heading", { name: nordhost.name })).toBeVisible();
    expect(screen.getByText("Open, each approved by staff")).toBeVisible();
    expect(screen.getByText("Manage customers")).toBeVisible();
    expect(screen.getByRole("link", { name: "1 sign-up waits" })).toHaveAttribute(
      "href",
      "/organizations/signups",
    );
    expect(await screen.findByRole("button", { name: "Edit…" })).toBeVisible();
  });

  it("grants a capability, sending only the capabilities", async () => {
    const api = asLicensee(
      answerWith(m.updateBillingEntity, (req) => ({ billingEntity: req.billingEntity })),
    );
    renderApp(path, api);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Edit…" }));
    const dialog = await screen.findByRole("dialog", { name: `Edit ${nordhost.name}` });
    await user.click(within(dialog).getByRole("checkbox", { name: /^See usage reports/ }));
    await user.click(within(dialog).getByRole("button", { name: "Save changes" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(api.lastRequest(m.updateBillingEntity)).toMatchObject({
      billingEntity: {
        id: nordhost.id,
        capabilities: [
          BillingEntityCapability.MANAGE_CUSTOMERS,
          BillingEntityCapability.ISSUE_INVOICES,
          BillingEntityCapability.SEE_USAGE_REPORTS,
        ],
      },
      updateMask: { paths: ["capabilities"] },
    });
  });

  it("suspends a reseller only with a reason", async () => {
    const api = asLicensee(
      answer(m.suspendBillingEntity, {
        billingEntity: { ...nordhost, status: BillingEntityStatus.SUSPENDED },
      }),
    );
    renderApp(path, api);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: `Actions: ${nordhost.name}` }));
    await user.click(await screen.findByRole("menuitem", { name: "Suspend…" }));
    const dialog = await screen.findByRole("dialog", { name: `Suspend ${nordhost.name}?` });
    const confirm = within(dialog).getByRole("button", { name: "Suspend reseller" });
    await user.click(confirm);
    expect(
      await within(dialog).findByText(/reason/i, { selector: ".mantine-InputWrapper-error" }),
    ).toBeVisible();
    expect(api.requests(m.suspendBillingEntity)).toHaveLength(0);
    await user.type(within(dialog).getByLabelText(/^Reason/), "Invoices unpaid");
    await user.click(confirm);
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(api.lastRequest(m.suspendBillingEntity)).toMatchObject({
      id: nordhost.id,
      reason: "Invoices unpaid",
    });
  });

  it("adds a staff member after the second factor and shows the first password once", async () => {
    const api = asLicensee(
      answer(m.addBillingEntityStaff, secondFactorRequired(), {
        staff: {
          userId: "usr_01new00000000000000000001",
          email: "ops@nordhost.example",
          displayName: "Ole Ops",
          platformRole: PlatformRole.OPERATOR,
        },
        initialPassword: "kite-ocean-4711-maple",
      }),
      answer(AuthService.method.verifySecondFactor, {}),
    );
    renderApp(`${path}?tab=staff`, api);
    const rows = await tableRows();
    expect(rows[0]).toHaveTextContent("owner@nordhost.example");
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Add staff…" }));
    const dialog = await screen.findByRole("dialog", { name: `Add staff to ${nordhost.name}` });
    await user.type(within(dialog).getByLabelText(/^E-mail address/), "ops@nordhost.example");
    await user.type(within(dialog).getByLabelText(/^Name/), "Ole Ops");
    await user.click(within(dialog).getByRole("button", { name: "Add staff member" }));
    const stepUp = await screen.findByRole("dialog", { name: "Confirm it’s you" });
    await user.type(within(stepUp).getByLabelText(/^Code from your authenticator app/), "123456");
    await user.click(within(stepUp).getByRole("button", { name: "Confirm and continue" }));
    const shown = await screen.findByRole("dialog", {
      name: "First password for ops@nordhost.example",
    });
    expect(within(shown).getByTestId("initial-password")).toHaveTextContent(
      "kite-ocean-4711-maple",
    );
    expect(within(shown).getByText(/shown only now/)).toBeVisible();
    expect(api.requests(m.addBillingEntityStaff)).toHaveLength(2);
    expect(api.lastRequest(m.addBillingEntityStaff)).toMatchObject({
      billingEntityId: nordhost.id,
      email: "ops@nordhost.example",
      displayName: "Ole Ops",
      platformRole: PlatformRole.OPERATOR,
    });
    await user.click(within(shown).getByRole("button", { name: "Done" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
  });

  it("edits the reseller's invoicing details under its own id", async () => {
    const api = asLicensee(
      answer(SettingsService.method.getSettings, {
        settings: { company: { name: "Nordhost Partner GmbH" } },
        missingForInvoices: ["bank.iban"],
      }),
      answer(PaymentService.method.listPaymentAccounts, { accounts: [] }),
    );
    renderApp(`${path}?tab=settings`, api);
    expect(await screen.findByDisplayValue("Nordhost Partner GmbH")).toBeVisible();
    expect(api.lastRequest(SettingsService.method.getSettings)).toMatchObject({
      billingEntityId: nordhost.id,
    });
    await waitFor(() =>
      expect(api.lastRequest(PaymentService.method.listPaymentAccounts)).toMatchObject({
        billingEntityId: nordhost.id,
      }),
    );
  });

  it("shows a reseller's staff their entity without the licensee's actions", async () => {
    renderApp(
      `${path}?tab=staff`,
      cannedApi(
        signedIn(anOwner({ email: "owner@nordhost.example", billingEntityId: nordhost.id })),
        answer(m.listBillingEntities, { billingEntities: [nordhost] }),
        answer(m.getBillingEntity, { billingEntity: nordhost, staff: [nora] }),
      ),
    );
    await tableRows();
    expect(await screen.findByText("Only the licensee's owners change a reseller.")).toBeVisible();
    expect(screen.queryByRole("button", { name: "Edit…" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Add staff…" })).toBeNull();
    expect(screen.queryByRole("button", { name: `Actions: ${nordhost.name}` })).toBeNull();
  });
});
