import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { BillingEntityCapability } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import { BillingEntityService } from "@leitstand/sdk/leitstand/admin/v1/billing_entity_service_pb.js";
import { aDeveloper, aLicensee, anOwner, aReseller } from "@/test/builders";
import { answer, answerWith, cannedApi, invalid, signedIn } from "@/test/canned";
import { renderApp, tableRows } from "@/test/render";

const m = BillingEntityService.method;
const licensee = aLicensee();
const nordhost = aReseller();

describe("the billing entities", () => {
  it("lists the licensee and the resellers with kind, status, capabilities and counts", async () => {
    renderApp(
      "/billing-entities",
      cannedApi(
        signedIn(anOwner()),
        answer(m.listBillingEntities, { billingEntities: [licensee, nordhost] }),
      ),
    );
    const rows = await tableRows();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent("Leitstand Demo GmbH");
    expect(rows[0]).toHaveTextContent("Licensee");
    expect(rows[0]).toHaveTextContent("All");
    expect(rows[1]).toHaveTextContent("Nordhost Partner GmbH");
    expect(rows[1]).toHaveTextContent("nordhost");
    expect(rows[1]).toHaveTextContent("Reseller");
    expect(rows[1]).toHaveTextContent("Active");
    expect(rows[1]).toHaveTextContent("Manage customers");
    expect(rows[1]).toHaveTextContent("Issue invoices");
    expect(rows[1]).not.toHaveTextContent("See usage reports");
    expect(rows[1]?.querySelector("[data-pending]")).toHaveTextContent("1");
    expect(screen.getByRole("button", { name: "New reseller…" })).toBeVisible();
  });

  it("creates a reseller with its handle, sign-up rules and capabilities", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      answer(m.listBillingEntities, { billingEntities: [licensee] }),
      answer(
        m.createBillingEntity,
        invalid([
          {
            path: ["billing_entity", "signup_handle"],
            ruleId: "signup_handle.pattern",
            message: "the sign-up handle is taken",
          },
        ]),
      ),
    );
    renderApp("/billing-entities", api);
    await tableRows();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "New reseller…" }));
    const dialog = await screen.findByRole("dialog", { name: "New reseller…" });
    await user.type(within(dialog).getByLabelText(/^Name/), "Alpenhost AG");
    await user.type(within(dialog).getByLabelText(/^Sign-up handle/), "alpenhost");
    await user.click(
      within(dialog).getByRole("switch", { name: /^Approve sign-ups automatically/ }),
    );
    await user.click(within(dialog).getByRole("checkbox", { name: /^Manage customers/ }));
    await user.click(within(dialog).getByRole("checkbox", { name: /^See usage reports/ }));
    await user.type(within(dialog).getByLabelText(/^Reason/), "Contract signed");
    await user.click(within(dialog).getByRole("button", { name: "Create reseller" }));
    // The server's refusal is shown at the field.
    expect(
      await within(dialog).findByText("the sign-up handle is taken", {}, { timeout: 5000 }),
    ).toBeVisible();
    expect(api.lastRequest(m.createBillingEntity)).toMatchObject({
      billingEntity: {
        name: "Alpenhost AG",
        signupHandle: "alpenhost",
        acceptSignups: true,
        autoApproveSignups: true,
        capabilities: [
          BillingEntityCapability.MANAGE_CUSTOMERS,
          BillingEntityCapability.SEE_USAGE_REPORTS,
        ],
      },
      reason: "Contract signed",
    });
  });

  it("rejects a handle the server would refuse before sending it", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      answer(m.listBillingEntities, { billingEntities: [licensee] }),
    );
    renderApp("/billing-entities", api);
    await tableRows();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "New reseller…" }));
    const dialog = await screen.findByRole("dialog", { name: "New reseller…" });
    await user.type(within(dialog).getByLabelText(/^Name/), "Alpenhost AG");
    await user.type(within(dialog).getByLabelText(/^Sign-up handle/), "Alpen Host");
    await user.click(within(dialog).getByRole("button", { name: "Create reseller" }));
    expect(await within(dialog).findByText(/^Lower-case letters, digits and dashes/)).toBeVisible();
    expect(api.requests(m.createBillingEntity)).toHaveLength(0);
  });

  it("shows a reseller's staff their own entity, without the licensee's actions", async () => {
    // A reseller's owner holds the permission by role; the server refuses them every change.
    renderApp(
      "/billing-entities",
      cannedApi(
        signedIn(anOwner({ email: "owner@nordhost.example", billingEntityId: nordhost.id })),
        answer(m.listBillingEntities, { billingEntities: [nordhost] }),
      ),
    );
    const rows = await tableRows();
    expect(rows).toHaveLength(1);
    expect(screen.getByText("The billing entity you work for.")).toBeVisible();
    expect(screen.queryByRole("button", { name: "New reseller…" })).toBeNull();
  });

  it("offers no new reseller to those who may only read", async () => {
    renderApp(
      "/billing-entities",
      cannedApi(
        signedIn(aDeveloper()),
        answerWith(m.listBillingEntities, () => ({ billingEntities: [licensee, nordhost] })),
      ),
    );
    await tableRows();
    await waitFor(() => expect(screen.queryByRole("button", { name: "New reseller…" })).toBeNull());
  });
});
