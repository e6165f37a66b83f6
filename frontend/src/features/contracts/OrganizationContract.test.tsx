import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { Permission } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import type { Caller } from "@leitstand/sdk/leitstand/admin/v1/auth_service_pb.js";
import {
  ContractService,
  ContractStatus,
  DiscountKind,
} from "@leitstand/sdk/leitstand/admin/v1/contract_service_pb.js";
import { InvoiceService } from "@leitstand/sdk/leitstand/admin/v1/invoice_service_pb.js";
import { OrganizationService } from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { PlanService } from "@leitstand/sdk/leitstand/admin/v1/plan_service_pb.js";
import {
  aContract,
  aDeveloper,
  aDiscount,
  anInvoice,
  anInvoiceLine,
  anOperator,
  anOrganization,
  anOwner,
  at,
} from "@/test/builders";
import {
  answer,
  answerWith,
  cannedApi,
  invalid,
  refused,
  signedIn,
  type Canned,
} from "@/test/canned";
import { renderApp } from "@/test/render";
import { todayIn } from "@/lib/format";
import { termFields } from "./terms";

const getContract = ContractService.method.getContract;
const listContracts = ContractService.method.listContracts;
const setCustomTerms = ContractService.method.setCustomTerms;
const scheduleTransition = ContractService.method.scheduleTransition;
const cancelTransition = ContractService.method.cancelTransition;
const listDiscounts = ContractService.method.listDiscounts;
const grantDiscount = ContractService.method.grantDiscount;
const endDiscount = ContractService.method.endDiscount;
const listPlans = PlanService.method.listPlans;
const previewInvoice = InvoiceService.method.previewInvoice;

const page = "/organizations/org_0001?tab=contract";

/** Premium version 2 with a custom hourly rate (70 € instead of 85 €) and a user cap of 150. */
const customized = aContract({
  customTerms: { hourlyRateCents: 7000n, maxUsers: 150 },
  terms: { ...aContract().terms!, hourlyRateCents: 7000n, maxUsers: 150 },
  customTermsReason: "Rahmenvertrag 2026",
});

const enterprise = {
  id: "pln_enterprise",
  name: "Enterprise",
  rank: 30,
  version: 1,
  versionId: "plv_enterprise1",
  terms: { ...aContract().planTerms!, monthlyFeeCents: 24900n },
};

const plans = answer(listPlans, {
  plans: [
    { id: "pln_basis", name: "Basis", rank: 10, version: 3, versionId: "plv_basis3" },
    // The version the organization is on: not a choice.
    { id: "pln_premium", name: "Premium", rank: 20, version: 2, versionId: "plv_premium2" },
    enterprise,
  ],
});

// The billing calendar from today on: today itself is no date to move on.
const today = todayIn("Europe/Berlin");
const calendar = answer(OrganizationService.method.listBillingDates, {
  billingDay: 5,
  timeZone: "Europe/Berlin",
  periods: [
    { billingDate: today, lastDay: today, days: 1 },
    { billingDate: "2099-01-05", lastDay: "2099-02-04", days: 31 },
    { billingDate: "2099-02-05", lastDay: "2099-03-04", days: 28 },
  ],
});

function contractPage(caller: Caller, answers: Canned[], locale: "en" | "de" = "en") {
  const api = cannedApi(
    signedIn(caller),
    answer(OrganizationService.method.getOrganization, {
      organization: anOrganization({ id: "org_0001", name: "Acme Hosting" }),
    }),
    answer(getContract, { contract: customized }),
    answer(listContracts, { contracts: [customized], totalSize: 1 }),
    calendar,
    plans,
    preview,
    answer(listDiscounts, { discounts: [] }),
    answer(OrganizationService.method.listWorkspaces, {
      workspaces: [
        { id: "ws_0001", organizationId: "org_0001", name: "Produktion" },
        { id: "ws_0002", organizationId: "org_0001", name: "Staging" },
      ],
    }),
    ...answers,
  );
  renderApp(page, api, locale);
  return { api, user: userEvent.setup() };
}

/** A line of the next invoice, for its whole period. */
const line = (overrides: Parameters<typeof anInvoiceLine>[0]) =>
  anInvoiceLine({ periodStart: "2099-01-05", periodEnd: "2099-02-05", ...overrides });

/** The next invoice of these lines, at 19 % VAT. */
const nextInvoiceOf = (lines: ReturnType<typeof anInvoiceLine>[]) => {
  const net = lines.reduce((sum, l) => sum + l.netCents, 0n);
  const vat = (net * 19n + 50n) / 100n;
  return anInvoice({
    id: "",
    number: "",
    organizationId: "org_0001",
    billingDate: "2099-01-05",
    periodStart: "2099-01-05",
    periodEnd: "2099-02-05",
    lines,
    netCents: net,
    vatCents: vat,
    grossCents: net + vat,
    taxTotals: [{ rateBasisPoints: 1900, netCents: net, vatCents: vat }],
  });
};

/** The next invoice on the custom terms: the fee, two hours at the custom rate, the startup discount. */
const fee = line({ description: "Grundgebühr Premium", unitPriceCents: 9900n, netCents: 9900n });
const support = line({
  position: 2,
  kind: "SUPPORT",
  description: "Support über Kontingent",
  quantity: 2n,
  unit: "HUR",
  unitPriceCents: 7000n,
  netCents: 14000n,
});
const discount = line({
  position: 3,
  kind: "DISCOUNT",
  description: "Startup-Rabatt 10 %",
  unit: "C62",
  unitPriceCents: -2390n,
  netCents: -2390n,
});
const nextInvoice = nextInvoiceOf([fee, support, discount]);
const preview = answer(previewInvoice, { invoice: nextInvoice, billingDate: "2099-01-05" });

const termRow = async (label: string) =>
  within(await screen.findByTestId("contract-terms")).getByRole("row", {
    name: new RegExp(`^${label}`),
  });

describe("organization contract", () => {
  it("shows the plan, the terms in force and marks the custom ones with the plan's value", async () => {
    contractPage(anOwner(), []);
    expect(await screen.findByTestId("contract-plan")).toHaveTextContent("Premium · Version 2");
    expect(screen.getByText("Since 5 Jan 2026")).toBeInTheDocument();

    const rate = await termRow("Hourly rate");
    expect(rate).toHaveTextContent("€70.00");
    expect(rate).toHaveTextContent("custom");
    expect(rate.querySelector("[data-plan-value]")).toHaveTextContent("€85.00");
    expect(await termRow("User cap")).toHaveTextContent("150custom100");

    const fee = await termRow("Monthly fee");
    expect(fee).toHaveTextContent("€99.00");
    expect(fee).not.toHaveTextContent("custom");
    expect(await termRow("Included support")).toHaveTextContent("2 h");
    expect(await termRow("Storage cap")).toHaveTextContent("no cap");
    expect(screen.getByTestId("custom-terms-reason")).toHaveTextContent("Rahmenvertrag 2026");
    // The next billing dates, from the organizations' calendar.
    expect(await screen.findByTestId("billing-dates")).toHaveTextContent("5 Feb 2099");
  });

  it("sends exactly the overridden terms, money in cents, with the reason", async () => {
    const { api, user } = contractPage(anOwner(), [
      answer(setCustomTerms, { contract: customized }),
    ]);
    await user.click(await screen.findByRole("button", { name: "Custom terms" }));
    const dialog = await screen.findByRole("dialog");
    // The user cap goes back to the plan's; the monthly fee gets a custom one.
    await user.click(within(dialog).getByRole("checkbox", { name: "Override: User cap" }));
    await user.click(within(dialog).getByRole("checkbox", { name: "Override: Monthly fee" }));
    const fee = within(dialog).getByRole("textbox", { name: "Monthly fee" });
    await user.clear(fee);
    await user.type(fee, "19.99");
    const reason = within(dialog).getByLabelText(/^Reason/);
    await user.clear(reason);
    await user.type(reason, "Startup discount");
    await user.click(within(dialog).getByRole("button", { name: "Save custom terms" }));

    await waitFor(() => expect(api.requests(setCustomTerms)).toHaveLength(1));
    const request = api.lastRequest(setCustomTerms)!;
    expect(request.organizationId).toBe("org_0001");
    expect(request.reason).toBe("Startup discount");
    const sent = Object.fromEntries(
      termFields
        .filter((f) => request.customTerms?.[f] !== undefined)
        .map((f) => [f, request.customTerms?.[f]]),
    );
    expect(sent).toEqual({ monthlyFeeCents: 1999n, hourlyRateCents: 7000n });
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
  });

  it("shows the server's verdict on a term at its field", async () => {
    const { user } = contractPage(anOwner(), [
      answer(
        setCustomTerms,
        invalid([
          {
            path: ["custom_terms", "max_users"],
            ruleId: "int32.gte_lte",
            message: "value must be greater than or equal to 0 and less than or equal to 1000000",
          },
        ]),
      ),
    ]);
    await user.click(await screen.findByRole("button", { name: "Custom terms" }));
    const dialog = await screen.findByRole("dialog");
    const cap = within(dialog).getByRole("textbox", { name: "User cap" });
    await user.clear(cap);
    await user.type(cap, "2000000");
    await user.click(within(dialog).getByRole("button", { name: "Save custom terms" }));
    await waitFor(() => expect(cap).toHaveAttribute("aria-invalid", "true"));
    expect(within(dialog).getByText("Enter a number from 0 to 1000000.")).toBeInTheDocument();
  });

  it("resets to the plan's terms with a reason", async () => {
    const { api, user } = contractPage(anOwner(), [
      answer(setCustomTerms, { contract: aContract() }),
    ]);
    await user.click(await screen.findByRole("button", { name: "Reset to plan terms" }));
    const dialog = await screen.findByRole("dialog");
    await user.click(within(dialog).getByRole("button", { name: "Reset to plan terms" }));
    expect(await within(dialog).findByText("Please give a reason.")).toBeInTheDocument();
    expect(api.requests(setCustomTerms)).toHaveLength(0);
    await user.type(within(dialog).getByLabelText(/^Reason/), "Framework contract ended");
    await user.click(within(dialog).getByRole("button", { name: "Reset to plan terms" }));
    await waitFor(() => expect(api.requests(setCustomTerms)).toHaveLength(1));
    const request = api.lastRequest(setCustomTerms)!;
    expect(request.reason).toBe("Framework contract ended");
    expect(termFields.filter((f) => request.customTerms?.[f] !== undefined)).toEqual([]);
  });

  it("schedules a plan change for the next billing date, comparing the fees, with the server's preview", async () => {
    const { api, user } = contractPage(anOwner(), [
      answerWith(scheduleTransition, (req) => ({
        contract: req.preview
          ? undefined
          : aContract({
              planName: "Enterprise",
              status: ContractStatus.SCHEDULED,
              startDate: "2099-01-05",
            }),
        effect: {
          billingDate: "2099-01-05",
          nextInvoiceGrossBeforeCents: 11781n,
          nextInvoiceGrossAfterCents: 29631n,
          mrrBeforeCents: 9900n,
          mrrAfterCents: 24900n,
          currency: "EUR",
        },
      })),
    ]);
    await user.click(await screen.findByRole("button", { name: "Change plan" }));
    const dialog = await screen.findByRole("dialog");
    await user.click(within(dialog).getByRole("combobox", { name: /New plan/ }));
    const options = await screen.findAllByRole("option");
    // Not the version the organization is on.
    expect(options.map((o) => o.textContent)).toEqual([
      "Basis · Version 3 · €0.00 a month",
      "Enterprise · Version 1 · €249.00 a month",
    ]);
    await user.click(screen.getByRole("option", { name: /^Enterprise/ }));
    // The next billing date after today unless another is chosen.
    const start = within(dialog).getByRole("combobox", { name: /Takes effect on/ });
    expect(start).toHaveValue("Next billing date (5 Jan 2099)");
    const comparison = within(dialog).getByTestId("fee-comparison");
    expect(comparison).toHaveTextContent("Premium: €99.00 (now)");
    expect(comparison).toHaveTextContent("Enterprise: €249.00 (from 5 Jan 2099)");
    expect(comparison).toHaveTextContent("+€150.00");
    // Nothing is asked before the reason is given.
    const preview = within(dialog).getByTestId("effect-preview");
    expect(preview).toHaveTextContent(
      "The effect shows here once the plan and the reason are given.",
    );
    expect(api.requests(scheduleTransition)).toHaveLength(0);
    await user.type(within(dialog).getByLabelText(/^Reason/), "Needs more storage");
    await waitFor(() =>
      expect(preview.querySelector("[data-effect='next']")).toHaveTextContent(
        "Next invoice (on 5 Jan 2099):€117.81 → €296.31 (+€178.50)",
      ),
    );
    expect(preview.querySelector("[data-effect='mrr']")).toHaveTextContent(
      "MRR (from 5 Jan 2099):€99.00 → €249.00 (+€150.00)",
    );
    expect(api.lastRequest(scheduleTransition)).toMatchObject({
      organizationId: "org_0001",
      planId: "pln_enterprise",
      startDate: "",
      preview: true,
    });
    await user.click(within(dialog).getByRole("button", { name: "Schedule plan change" }));

    await waitFor(() =>
      expect(api.requests(scheduleTransition).filter((r) => !r.preview)).toHaveLength(1),
    );
    expect(api.lastRequest(scheduleTransition)).toMatchObject({
      organizationId: "org_0001",
      planId: "pln_enterprise",
      startDate: "",
      reason: "Needs more storage",
      preview: false,
    });
    expect(
      await screen.findByText("Plan change to Enterprise scheduled for 5 Jan 2099."),
    ).toBeInTheDocument();
  });

  it("schedules a plan change for a later billing date", async () => {
    const { api, user } = contractPage(anOwner(), [
      answer(scheduleTransition, {
        contract: aContract({
          planName: "Basis",
          status: ContractStatus.SCHEDULED,
          startDate: "2099-02-05",
        }),
      }),
    ]);
    await user.click(await screen.findByRole("button", { name: "Change plan" }));
    const dialog = await screen.findByRole("dialog");
    await user.click(within(dialog).getByRole("combobox", { name: /New plan/ }));
    await user.click(await screen.findByRole("option", { name: /^Basis/ }));
    await user.click(within(dialog).getByRole("combobox", { name: /Takes effect on/ }));
    // Today is no date to move on.
    expect((await screen.findAllByRole("option")).map((o) => o.textContent)).toEqual([
      "Next billing date (5 Jan 2099)",
      "5 Feb 2099",
    ]);
    await user.click(screen.getByRole("option", { name: "5 Feb 2099" }));
    await user.type(within(dialog).getByLabelText(/^Reason/), "Fewer users");
    await user.click(within(dialog).getByRole("button", { name: "Schedule plan change" }));
    await waitFor(() =>
      expect(api.requests(scheduleTransition).filter((r) => !r.preview)).toHaveLength(1),
    );
    expect(api.lastRequest(scheduleTransition)).toMatchObject({
      planId: "pln_basis",
      startDate: "2099-02-05",
      reason: "Fewer users",
    });
  });

  it("shows the scheduled change in German and cancels it with a reason", async () => {
    const { api, user } = contractPage(
      anOwner(),
      [
        answer(getContract, {
          contract: customized,
          scheduled: aContract({
            id: "cntr_0002",
            planName: "Enterprise",
            planVersion: 1,
            status: ContractStatus.SCHEDULED,
            startDate: "2026-04-14",
            reason: "Mehr Speicher",
          }),
        }),
        answer(cancelTransition, { contract: aContract({ status: ContractStatus.CANCELLED }) }),
      ],
      "de",
    );
    const scheduled = await screen.findByTestId("scheduled-transition");
    expect(scheduled).toHaveTextContent("Wechselt am 14.04.2026 zu Enterprise");
    expect(scheduled).toHaveTextContent("Mehr Speicher");
    // One change at a time: no second one while this one waits.
    expect(screen.queryByRole("button", { name: "Tarif wechseln" })).not.toBeInTheDocument();

    await user.click(within(scheduled).getByRole("button", { name: "Tarifwechsel zurücknehmen" }));
    const dialog = await screen.findByRole("dialog");
    await user.type(
      within(dialog).getByLabelText(/^Begründung/),
      "Kunde hat es sich anders überlegt",
    );
    await user.click(within(dialog).getByRole("button", { name: "Tarifwechsel zurücknehmen" }));
    await waitFor(() =>
      expect(api.lastRequest(cancelTransition)).toMatchObject({
        organizationId: "org_0001",
        reason: "Kunde hat es sich anders überlegt",
      }),
    );
  });

  it("lists the contract history with the statuses in German", async () => {
    contractPage(
      anOwner(),
      [
        answer(listContracts, {
          contracts: [
            aContract({
              id: "c4",
              planName: "Enterprise",
              status: ContractStatus.SCHEDULED,
              startDate: "2026-04-14",
            }),
            aContract({ id: "c3", status: ContractStatus.ACTIVE, startDate: "2026-02-05" }),
            aContract({
              id: "c2",
              planName: "Enterprise",
              status: ContractStatus.CANCELLED,
              startDate: "2026-02-05",
              cancelReason: "zu teuer",
              cancelTime: at("2026-01-20T10:00:00Z"),
            }),
            aContract({
              id: "c1",
              planName: "Basis",
              planVersion: 1,
              status: ContractStatus.ENDED,
              startDate: "2026-01-05",
              endDate: "2026-02-05",
              reason: "Erster Vertrag",
            }),
          ],
          totalSize: 4,
        }),
      ],
      "de",
    );
    const rows = await waitFor(() => {
      const found = document.querySelectorAll("tr[data-row]");
      if (found.length !== 4) throw new Error("history not shown yet");
      return [...found];
    });
    expect(rows.map((r) => r.querySelector("[data-status]")?.textContent)).toEqual([
      "Geplant",
      "Aktiv",
      "Zurückgenommen",
      "Beendet",
    ]);
    expect(rows[3]).toHaveTextContent("Basis · Version 1");
    expect(rows[3]).toHaveTextContent("05.01.2026");
    expect(rows[3]).toHaveTextContent("05.02.2026");
    expect(rows[3]).toHaveTextContent("Erster Vertrag");
    expect(rows[2]).toHaveTextContent("Zurückgenommen: zu teuer");
    expect(screen.getByText("4 Verträge")).toBeInTheDocument();
  });

  it("is not shown to a developer, who may not read contracts", async () => {
    const { api } = contractPage(aDeveloper(), []);
    expect(await screen.findByRole("heading", { name: "Acme Hosting" })).toBeInTheDocument();
    expect(screen.queryByRole("tab", { name: "Contract" })).not.toBeInTheDocument();
    expect(api.calls()).not.toContain("ContractService/GetContract");
  });

  it("gives an operator the write controls, a plan change only with the extra permission, and someone who may only read contracts none", async () => {
    contractPage(anOperator(), []);
    expect(await screen.findByRole("button", { name: "Custom terms" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Reset to plan terms" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Change plan" })).not.toBeInTheDocument();
    cleanup();

    contractPage(
      anOperator({ permissions: [...anOperator().permissions, Permission.TIERS_CHANGE] }),
      [],
    );
    expect(await screen.findByRole("button", { name: "Change plan" })).toBeInTheDocument();
    cleanup();

    const readOnly = anOperator({
      permissions: anOperator().permissions.filter((p) => p !== Permission.CONTRACTS_WRITE),
    });
    contractPage(readOnly, []);
    expect(await screen.findByTestId("contract-plan")).toHaveTextContent("Premium · Version 2");
    expect(screen.getByRole("tab", { name: "Contract" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Custom terms" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Change plan" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Reset to plan terms" })).not.toBeInTheDocument();
  });

  it("lists the discounts with their scope, percentage, days, state and reason, in German", async () => {
    contractPage(
      anOwner(),
      [
        answer(listDiscounts, {
          discounts: [
            aDiscount(),
            aDiscount({
              id: "dsc_0002",
              name: "Pilotphase",
              workspaceId: "ws_0001",
              workspaceName: "Produktion",
              basisPoints: 1250,
              startDate: "2099-01-05",
              endDate: "2099-06-30",
              active: false,
              reason: "Pilotprojekt",
            }),
            aDiscount({
              id: "dsc_0003",
              name: "Treuerabatt",
              basisPoints: 500,
              startDate: "2025-01-05",
              endDate: "2025-12-31",
              active: false,
              reason: "Rahmenvertrag",
              endReason: "Rahmenvertrag ausgelaufen",
            }),
          ],
        }),
      ],
      "de",
    );
    const section = await screen.findByTestId("discounts");
    const rows = await waitFor(() => {
      const found = section.querySelectorAll("tr[data-row]");
      if (found.length !== 3) throw new Error("discounts not shown yet");
      return [...found];
    });
    expect(rows.map((r) => r.querySelector("[data-state]")?.textContent)).toEqual([
      "Aktiv",
      "Geplant",
      "Beendet",
    ]);
    expect(rows[0]).toHaveTextContent("Startup-Rabatt");
    expect(rows[0]).toHaveTextContent("Gesamte Organisation");
    expect(rows[0]?.querySelector("[data-percent]")).toHaveTextContent("10 %");
    expect(rows[0]).toHaveTextContent("05.01.2026");
    expect(rows[0]).toHaveTextContent("auf Weiteres");
    expect(rows[0]).toHaveTextContent("Gründerprogramm");
    expect(rows[1]).toHaveTextContent("Workspace Produktion");
    expect(rows[1]?.querySelector("[data-percent]")).toHaveTextContent("12,5 %");
    expect(rows[1]).toHaveTextContent("30.06.2099");
    expect(rows[2]).toHaveTextContent("Beendet: Rahmenvertrag ausgelaufen");
    expect(within(section).getByText("3 Rabatte")).toBeInTheDocument();
    // What is over is not ended again.
    expect(
      within(rows[0] as HTMLElement).getByRole("button", { name: "Aktionen: Startup-Rabatt" }),
    ).toBeInTheDocument();
    expect(
      within(rows[2] as HTMLElement).queryByRole("button", { name: /^Aktionen/ }),
    ).not.toBeInTheDocument();
  });

  it("grants a discount: the percentage in basis points, the workspace, its days and the reason", async () => {
    const { api, user } = contractPage(anOwner(), [
      answer(grantDiscount, { discount: aDiscount({ name: "Sommer" }) }),
    ]);
    const section = await screen.findByTestId("discounts");
    expect(await within(section).findByText("No discounts.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Grant discount" }));
    const dialog = await screen.findByRole("dialog");
    await user.type(within(dialog).getByRole("textbox", { name: /^Name/ }), "Sommer");
    const percent = within(dialog).getByRole("textbox", { name: /^Percentage/ });
    await user.type(percent, "12,75");
    expect(within(dialog).getByText("12.75% off")).toBeInTheDocument();
    await user.click(within(dialog).getByRole("combobox", { name: /^Applies to/ }));
    const options = await screen.findAllByRole("option");
    expect(options.map((o) => o.textContent)).toEqual([
      "Whole organization",
      "Workspace Produktion",
      "Workspace Staging",
    ]);
    await user.click(screen.getByRole("option", { name: "Workspace Produktion" }));
    // The first day is today unless changed.
    expect(within(dialog).getByLabelText("First day")).toHaveValue(today);
    fireEvent.change(within(dialog).getByLabelText("Last day"), {
      target: { value: "2099-08-31" },
    });
    await user.type(within(dialog).getByLabelText(/^Reason/), "Sommeraktion");
    await user.click(within(dialog).getByRole("button", { name: "Grant discount" }));

    await waitFor(() => expect(api.requests(grantDiscount)).toHaveLength(1));
    expect(api.lastRequest(grantDiscount)).toMatchObject({
      organizationId: "org_0001",
      workspaceId: "ws_0001",
      kind: DiscountKind.COMMERCIAL,
      name: "Sommer",
      basisPoints: 1275,
      startDate: today,
      endDate: "2099-08-31",
      reason: "Sommeraktion",
    });
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
  });

  it("grants a discount of a kind, commercial unless another is chosen, and lists each one's kind", async () => {
    const { api, user } = contractPage(anOwner(), [
      answer(listDiscounts, {
        discounts: [
          aDiscount({ kind: DiscountKind.COMMERCIAL }),
          aDiscount({ id: "dsc_0002", name: "Schule", kind: DiscountKind.SCHOLARSHIP }),
          // Granted before kinds were kept: commercial.
          aDiscount({ id: "dsc_0003", name: "Alt", kind: DiscountKind.UNSPECIFIED }),
        ],
      }),
      answer(grantDiscount, { discount: aDiscount({ name: "Team" }) }),
    ]);
    const section = await screen.findByTestId("discounts");
    const rows = await waitFor(() => {
      const found = section.querySelectorAll("tr[data-row]");
      if (found.length !== 3) throw new Error("discounts not shown yet");
      return [...found];
    });
    expect(rows.map((r) => r.querySelector("[data-kind]")?.textContent)).toEqual([
      "Commercial",
      "Scholarship",
      "Commercial",
    ]);

    await user.click(screen.getByRole("button", { name: "Grant discount" }));
    const dialog = await screen.findByRole("dialog");
    const kind = within(dialog).getByRole("combobox", { name: /^Kind/ });
    expect(kind).toHaveValue("Commercial");
    await user.click(kind);
    await user.click(await screen.findByRole("option", { name: "Staff" }));
    expect(within(dialog).getByText("For the platform's own staff.")).toBeInTheDocument();
    await user.type(within(dialog).getByRole("textbox", { name: /^Name/ }), "Team");
    await user.type(within(dialog).getByRole("textbox", { name: /^Percentage/ }), "100");
    await user.type(within(dialog).getByLabelText(/^Reason/), "Mitarbeiterkonto");
    await user.click(within(dialog).getByRole("button", { name: "Grant discount" }));
    await waitFor(() => expect(api.requests(grantDiscount)).toHaveLength(1));
    expect(api.lastRequest(grantDiscount)).toMatchObject({
      kind: DiscountKind.STAFF,
      name: "Team",
      basisPoints: 10000,
      preview: false,
    });
  });

  it("asks for a percentage it can send, and sends nothing until it has one", async () => {
    const { api, user } = contractPage(anOwner(), []);
    await user.click(await screen.findByRole("button", { name: "Grant discount" }));
    const dialog = await screen.findByRole("dialog");
    await user.type(within(dialog).getByRole("textbox", { name: /^Name/ }), "Zu viel");
    await user.type(within(dialog).getByRole("textbox", { name: /^Percentage/ }), "12.345");
    await user.type(within(dialog).getByLabelText(/^Reason/), "test");
    await user.click(within(dialog).getByRole("button", { name: "Grant discount" }));
    expect(
      await within(dialog).findByText("Enter a percentage above 0 and up to 100, e.g. 12.5."),
    ).toBeInTheDocument();
    expect(api.requests(grantDiscount)).toHaveLength(0);
  });

  it("shows the server's verdicts at the fields, the basis points at the percentage", async () => {
    const { user } = contractPage(anOwner(), [
      answer(
        grantDiscount,
        invalid([
          {
            path: ["end_date"],
            ruleId: "end_date.before_start",
            message: "the last day (2099-01-01) is before the first (2099-02-01)",
          },
          {
            path: ["basis_points"],
            ruleId: "int32.gte_lte",
            message: "value must be greater than or equal to 1 and less than or equal to 10000",
          },
        ]),
      ),
    ]);
    await user.click(await screen.findByRole("button", { name: "Grant discount" }));
    const dialog = await screen.findByRole("dialog");
    await user.type(within(dialog).getByRole("textbox", { name: /^Name/ }), "Winter");
    const percent = within(dialog).getByRole("textbox", { name: /^Percentage/ });
    await user.type(percent, "5");
    fireEvent.change(within(dialog).getByLabelText("First day"), {
      target: { value: "2099-02-01" },
    });
    const last = within(dialog).getByLabelText("Last day");
    fireEvent.change(last, { target: { value: "2099-01-01" } });
    await user.type(within(dialog).getByLabelText(/^Reason/), "test");
    await user.click(within(dialog).getByRole("button", { name: "Grant discount" }));
    await waitFor(() => expect(last).toHaveAttribute("aria-invalid", "true"));
    expect(
      within(dialog).getByText("the last day (2099-01-01) is before the first (2099-02-01)"),
    ).toBeInTheDocument();
    expect(percent).toHaveAttribute("aria-invalid", "true");
    expect(within(dialog).getByText("Enter a number from 1 to 10000.")).toBeInTheDocument();
  });

  it("ends a discount on a last day with a reason", async () => {
    const { api, user } = contractPage(anOwner(), [
      answer(listDiscounts, { discounts: [aDiscount()] }),
      answer(endDiscount, { discount: aDiscount({ endDate: today, endReason: "Premium" }) }),
    ]);
    await user.click(await screen.findByRole("button", { name: "Actions: Startup-Rabatt" }));
    await user.click(await screen.findByRole("menuitem", { name: "End discount" }));
    const dialog = await screen.findByRole("dialog", {
      name: "End the discount Startup-Rabatt (10%)",
    });
    const last = within(dialog).getByLabelText(/^Last day it applies/);
    // Today unless changed: invoices issued before keep it.
    expect(last).toHaveValue(today);
    fireEvent.change(last, { target: { value: "2099-03-31" } });
    await user.type(within(dialog).getByLabelText(/^Reason/), "Moved to Premium");
    await user.click(within(dialog).getByRole("button", { name: "End discount" }));
    await waitFor(() =>
      expect(api.lastRequest(endDiscount)).toMatchObject({
        discountId: "dsc_0001",
        endDate: "2099-03-31",
        reason: "Moved to Premium",
      }),
    );
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
  });

  it("shows the discounts to someone who may only read contracts, without granting or ending", async () => {
    const readOnly = anOperator({
      permissions: anOperator().permissions.filter((p) => p !== Permission.CONTRACTS_WRITE),
    });
    contractPage(readOnly, [answer(listDiscounts, { discounts: [aDiscount()] })]);
    const section = await screen.findByTestId("discounts");
    expect(await within(section).findByText("Startup-Rabatt")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Grant discount" })).not.toBeInTheDocument();
    expect(
      screen.queryByRole("button", { name: "Actions: Startup-Rabatt" }),
    ).not.toBeInTheDocument();
  });
});

describe("the next invoice on the Contract tab", () => {
  /** The card's heading, once the contract is shown. */
  const card = async () => {
    await screen.findByTestId("contract-plan");
    return screen.findByRole("heading", { name: "Next invoice" });
  };

  it("shows the billing date, the period, the lines and the totals, with the way to the Invoices tab", async () => {
    const { api } = contractPage(anOwner(), []);
    await card();
    const next = await screen.findByTestId("next-invoice");
    expect(next).toHaveTextContent("Billing date 5 Jan 2099");
    expect(next).toHaveTextContent("Service period 5 Jan 2099 – 4 Feb 2099");
    const lines = within(next).getByTestId("invoice-lines");
    // Compact: description, quantity, unit price and net.
    expect(
      within(lines)
        .getAllByRole("columnheader")
        .map((h) => h.textContent),
    ).toEqual(["Description", "Quantity", "Unit price", "Net"]);
    const rows = [...lines.querySelectorAll("tr[data-line]")];
    expect(rows.map((r) => [...r.querySelectorAll("td")].map((td) => td.textContent))).toEqual([
      ["Grundgebühr Premium5 Jan 2099 – 4 Feb 2099", "1\u00a0month", "€99.00 / month", "€99.00"],
      ["Support über Kontingent5 Jan 2099 – 4 Feb 2099", "2\u00a0h", "€70.00 / h", "€140.00"],
      ["Startup-Rabatt 10 %5 Jan 2099 – 4 Feb 2099", "1\u00a0pc.", "-€23.90 / pc.", "-€23.90"],
    ]);
    const totals = within(next).getByTestId("invoice-totals");
    expect(totals.querySelector('[data-total="net"]')).toHaveTextContent("€215.10");
    expect(totals.querySelector('[data-rate="1900"]')).toHaveTextContent(
      "VAT 19% on €215.10€40.87",
    );
    expect(totals.querySelector('[data-total="gross"]')).toHaveTextContent("€255.97");
    expect(screen.getByRole("link", { name: "More on the Invoices tab" })).toHaveAttribute(
      "href",
      "/organizations/org_0001?tab=invoices",
    );
    expect(api.lastRequest(previewInvoice)).toMatchObject({
      organizationId: "org_0001",
      billingDate: "",
    });
  });

  it("says when the next billing date has nothing to charge, in German", async () => {
    contractPage(anOwner(), [answer(previewInvoice, { billingDate: "2099-01-05" })], "de");
    expect(await screen.findByTestId("next-invoice")).toHaveTextContent(
      "Am 05.01.2099 ist nichts abzurechnen.",
    );
    expect(screen.getByRole("heading", { name: "Nächste Rechnung" })).toBeInTheDocument();
  });

  it("gives the server's reason quietly when it previews no invoice for the organization", async () => {
    const reason = "Acme Hosting is closed: only active and suspended organizations are billed";
    contractPage(anOwner(), [answer(previewInvoice, refused(reason))]);
    await card();
    expect(await screen.findByTestId("next-invoice-refused")).toHaveTextContent(reason);
    // A state, not a failure: no error, no retry, no notification, and the contract is shown.
    expect(screen.queryByText("Something went wrong")).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Try again" })).not.toBeInTheDocument();
    expect(screen.queryByTestId("next-invoice")).not.toBeInTheDocument();
    expect(screen.getByTestId("contract-plan")).toHaveTextContent("Premium · Version 2");
  });

  it("is not shown, nor asked for, to someone who may not read invoices", async () => {
    const noInvoices = anOperator({
      permissions: anOperator().permissions.filter((p) => p !== Permission.INVOICES_READ),
    });
    const { api } = contractPage(noInvoices, []);
    expect(await screen.findByTestId("contract-plan")).toHaveTextContent("Premium · Version 2");
    expect(await screen.findByTestId("billing-dates")).toBeInTheDocument();
    expect(await screen.findByTestId("discounts")).toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: /^Next invoice/ })).not.toBeInTheDocument();
    expect(api.calls()).not.toContain("InvoiceService/PreviewInvoice");
  });

  it("is computed anew once a discount is granted", async () => {
    const before = nextInvoiceOf([fee, support]);
    const { api, user } = contractPage(anOwner(), [
      answer(
        previewInvoice,
        { invoice: before, billingDate: "2099-01-05" },
        { invoice: nextInvoice, billingDate: "2099-01-05" },
      ),
      answer(grantDiscount, { discount: aDiscount() }),
    ]);
    const gross = async () =>
      (await screen.findByTestId("invoice-totals")).querySelector('[data-total="gross"]');
    expect(await gross()).toHaveTextContent("€284.41");
    expect(api.requests(previewInvoice)).toHaveLength(1);

    await user.click(screen.getByRole("button", { name: "Grant discount" }));
    const dialog = await screen.findByRole("dialog");
    await user.type(within(dialog).getByRole("textbox", { name: /^Name/ }), "Startup-Rabatt");
    await user.type(within(dialog).getByRole("textbox", { name: /^Percentage/ }), "10");
    await user.type(within(dialog).getByLabelText(/^Reason/), "Gründerprogramm");
    await user.click(within(dialog).getByRole("button", { name: "Grant discount" }));

    await waitFor(() => expect(api.requests(previewInvoice)).toHaveLength(2));
    await waitFor(async () => expect(await gross()).toHaveTextContent("€255.97"));
    expect(screen.getByTestId("next-invoice")).toHaveTextContent("Startup-Rabatt 10 %");
  });

  it("is computed anew once custom terms are saved", async () => {
    const { api, user } = contractPage(anOwner(), [
      answer(setCustomTerms, { contract: customized }),
    ]);
    await screen.findByTestId("next-invoice");
    expect(api.requests(previewInvoice)).toHaveLength(1);
    await user.click(await screen.findByRole("button", { name: "Custom terms" }));
    const dialog = await screen.findByRole("dialog");
    await user.click(within(dialog).getByRole("button", { name: "Save custom terms" }));
    await waitFor(() => expect(api.requests(setCustomTerms)).toHaveLength(1));
    await waitFor(() => expect(api.requests(previewInvoice)).toHaveLength(2));
  });
});
