import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { PlanService } from "@leitstand/sdk/leitstand/admin/v1/plan_service_pb.js";
import { aDeveloper, anOperator, anOwner, aPlan, aPlanVersion, at } from "@/test/builders";
import { answer, cannedApi, invalid, signedIn, type Canned } from "@/test/canned";
import { renderApp } from "@/test/render";

const m = PlanService.method;

const basis = aPlan({ version: 2, versionId: "plv_01basis0000000000000000002" });
const path = `/plans/${basis.id}`;
const first = aPlanVersion({
  terms: { ...basis.terms!, monthlyFeeCents: 2500n },
  reason: "demo data",
});
const second = aPlanVersion({
  id: "plv_01basis0000000000000000002",
  version: 2,
  createTime: at("2026-01-02T09:00:00Z"),
  reason: "Price change from 1 January",
});

const plan = answer(m.getPlan, { plan: basis });
const versions = answer(m.listPlanVersions, { versions: [second, first] });

function api(...more: Canned[]) {
  return cannedApi(signedIn(anOwner()), plan, versions, ...more);
}

async function openEdit() {
  await userEvent.click(await screen.findByRole("button", { name: "Edit" }));
  return screen.findByRole("dialog", { name: "Edit Basis" });
}

describe("plan page", () => {
  it("shows the current terms and what each version changed", async () => {
    const canned = api();
    renderApp(path, canned);
    expect(await screen.findByRole("heading", { name: "Basis" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Current terms (version 2)" })).toBeInTheDocument();
    const v2 = await screen.findByRole("group", { name: "Version 2" });
    const fee = document.querySelector('[data-term="monthlyFeeCents"]')!;
    expect(fee).toHaveTextContent("€29.00");
    expect(fee).toHaveTextContent("new in version 2");
    expect(document.querySelector('[data-term="includedSupportMinutes"]')).toHaveTextContent("1 h");
    expect(document.querySelector('[data-term="maxUsers"]')).toHaveTextContent("25");
    expect(document.querySelector('[data-term="includedUsers"] [data-changed]')).toBeNull();

    expect(v2).toHaveTextContent("Current");
    expect(v2).toHaveTextContent("Price change from 1 January");
    expect(v2).toHaveTextContent("owner@demo.leitstand.test");
    const changes = v2.querySelectorAll("[data-changed]");
    expect([...changes].map((c) => c.getAttribute("data-changed"))).toEqual(["monthlyFeeCents"]);
    expect(changes[0]).toHaveTextContent("Monthly fee€25.00 → €29.00");

    const v1 = screen.getByRole("group", { name: "Version 1" });
    expect(v1).toHaveTextContent("The terms the plan was created with.");
    expect(v1).toHaveTextContent("€25.00");
    expect(canned.lastRequest(m.listPlanVersions)).toMatchObject({ planId: basis.id });
  });

  it("sends only a changed name, without asking for a reason", async () => {
    const canned = api(answer(m.updatePlan, { plan: { ...basis, name: "Basis Plus" } }));
    renderApp(path, canned);
    const dialog = await openEdit();
    const name = within(dialog).getByLabelText(/^Name/);
    await userEvent.clear(name);
    await userEvent.type(name, "Basis Plus");
    expect(within(dialog).getByLabelText("Reason (optional)")).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole("button", { name: "Save changes" }));
    await waitFor(() => expect(canned.lastRequest(m.updatePlan)).toBeDefined());
    expect(canned.lastRequest(m.updatePlan)).toMatchObject({
      plan: { id: basis.id, name: "Basis Plus" },
      updateMask: { paths: ["name"] },
      reason: "",
    });
  });

  it("asks why the terms change and sends only the changed terms with the reason", async () => {
    const canned = api(
      answer(m.updatePlan, {
        plan: { ...basis, version: 3, terms: { ...basis.terms!, monthlyFeeCents: 3490n } },
      }),
    );
    renderApp(path, canned);
    const dialog = await openEdit();
    const fee = within(dialog).getByLabelText(/^Monthly fee/);
    expect(fee).toHaveValue("29.00");
    await userEvent.clear(fee);
    await userEvent.type(fee, "34.90");
    expect(within(dialog).getByText(/saved as version 3/)).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole("button", { name: "Save changes" }));
    expect(await within(dialog).findByText(/Say why the terms change/)).toBeInTheDocument();
    expect(canned.lastRequest(m.updatePlan)).toBeUndefined();

    await userEvent.type(within(dialog).getByLabelText(/^Reason/), "New prices from 1 July");
    await userEvent.click(within(dialog).getByRole("button", { name: "Save changes" }));
    await waitFor(() => expect(canned.lastRequest(m.updatePlan)).toBeDefined());
    expect(canned.lastRequest(m.updatePlan)).toMatchObject({
      plan: { id: basis.id, terms: { monthlyFeeCents: 3490n } },
      updateMask: { paths: ["terms.monthly_fee_cents"] },
      reason: "New prices from 1 July",
    });
    expect(await screen.findByText("Basis saved with its terms as version 3.")).toBeInTheDocument();
  });

  it("shows the server's refusal at the field it names", async () => {
    const canned = api(
      answer(
        m.updatePlan,
        invalid([
          {
            path: ["plan", "terms", "max_users"],
            ruleId: "max_users.included",
            message: "a cap on users (0 for none) is not below the included users",
          },
          {
            path: ["reason"],
            ruleId: "reason.required",
            message: "say why the terms change",
          },
        ]),
      ),
    );
    renderApp(path, canned);
    const dialog = await openEdit();
    const cap = within(dialog).getByLabelText("User cap");
    await userEvent.clear(cap);
    await userEvent.type(cap, "3");
    await userEvent.type(within(dialog).getByLabelText(/^Reason/), "fewer users");
    await userEvent.click(within(dialog).getByRole("button", { name: "Save changes" }));
    expect(await within(dialog).findByText(/not below the included users/)).toBeInTheDocument();
    expect(within(dialog).getByLabelText("User cap")).toHaveAttribute("aria-invalid", "true");
    expect(within(dialog).getByLabelText(/^Reason/)).toHaveAttribute("aria-invalid", "true");
    expect(canned.lastRequest(m.updatePlan)).toMatchObject({
      updateMask: { paths: ["terms.max_users"] },
      plan: { terms: { maxUsers: 3 } },
    });
  });

  it("retires the plan with the reason", async () => {
    const canned = api(answer(m.retirePlan, { plan: { ...basis, retired: true } }));
    renderApp(path, canned);
    await userEvent.click(await screen.findByRole("button", { name: "Actions: Basis" }));
    await userEvent.click(await screen.findByRole("menuitem", { name: "Retire" }));
    const dialog = await screen.findByRole("dialog", { name: "Retire Basis?" });
    await userEvent.type(within(dialog).getByLabelText(/^Reason/), "Replaced by Team");
    await userEvent.click(within(dialog).getByRole("button", { name: "Retire" }));
    await waitFor(() =>
      expect(canned.lastRequest(m.retirePlan)).toMatchObject({
        id: basis.id,
        reason: "Replaced by Team",
      }),
    );
  });

  it("keeps a retired plan as it was", async () => {
    renderApp(
      path,
      cannedApi(
        signedIn(anOwner()),
        answer(m.getPlan, {
          plan: { ...basis, retired: true, retireTime: at("2026-03-01T09:00:00Z") },
        }),
        versions,
      ),
    );
    expect(await screen.findByText(/This plan is retired/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Edit" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Actions: Basis" })).not.toBeInTheDocument();
  });

  it.each([
    ["an operator", anOperator()],
    ["a developer", aDeveloper()],
  ])("shows %s the plan without changing it", async (_, caller) => {
    renderApp(path, cannedApi(signedIn(caller), plan, versions));
    await screen.findByRole("group", { name: "Version 2" });
    expect(screen.queryByRole("button", { name: "Edit" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Actions: Basis" })).not.toBeInTheDocument();
  });

  it("speaks German", async () => {
    renderApp(path, api(), "de");
    expect(
      await screen.findByRole("heading", { name: "Aktuelle Konditionen (Version 2)" }),
    ).toBeInTheDocument();
    const v2 = await screen.findByRole("group", { name: "Version 2" });
    for (const label of [
      "Grundgebühr",
      "Inklusive Nutzer",
      "Inklusive Speicher",
      "Inklusive Supportstunden",
      "Stundensatz",
      "Mehrspeicher je GB",
      "Obergrenze Nutzer",
      "Obergrenze Speicher",
    ]) {
      expect(screen.getAllByText(label).length).toBeGreaterThan(0);
    }
    expect(document.querySelector('[data-term="monthlyFeeCents"]')).toHaveTextContent(
      "29,00 €neu in Version 2",
    );
    expect(v2).toHaveTextContent("Aktuell");
    expect(v2.querySelector("[data-changed]")).toHaveTextContent("25,00 € → 29,00 €");
    await userEvent.click(screen.getByRole("button", { name: "Bearbeiten" }));
    const dialog = await screen.findByRole("dialog", { name: "Basis bearbeiten" });
    expect(within(dialog).getByLabelText(/^Grundgebühr/)).toHaveValue("29,00");
    expect(within(dialog).getByLabelText(/^Inklusive Supportstunden/)).toHaveValue("1");
  });
});
