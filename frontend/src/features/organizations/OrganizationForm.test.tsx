import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  EInvoiceFormat,
  OrganizationService,
  OrganizationStatus,
} from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { PlanService } from "@leitstand/sdk/leitstand/admin/v1/plan_service_pb.js";
import { anOrganization, anOwner } from "@/test/builders";
import { answer, cannedApi, invalid, signedIn, type Canned } from "@/test/canned";
import { renderApp } from "@/test/render";

const acme = anOrganization({ id: "org_0001", name: "Acme Hosting" });
const update = OrganizationService.method.updateOrganization;

async function openEdit(answers: Canned[], locale: "en" | "de" = "en") {
  const api = cannedApi(signedIn(anOwner()), ...answers);
  const app = renderApp("/organizations/org_0001", api, locale);
  const user = userEvent.setup();
  await user.click(
    await screen.findByRole("button", { name: locale === "en" ? "Edit" : "Bearbeiten" }),
  );
  return { ...app, api, user };
}

describe("organization form", () => {
  it("shows the server's field errors at the field", async () => {
    const { user, api } = await openEdit([
      answer(OrganizationService.method.getOrganization, { organization: acme }),
      answer(
        update,
        invalid([
          {
            path: ["organization", "billing_email"],
            ruleId: "string.email",
            message: "value must be a valid email address",
          },
          {
            path: ["organization", "billing_address", "country_code"],
            ruleId: "string.pattern",
            message: 'value does not match regex pattern "^[A-Z]{2}$"',
          },
        ]),
      ),
    ]);
    const email = await screen.findByLabelText("Billing e-mail");
    await user.clear(email);
    await user.type(email, "not-an-address");
    // The country is picked from a list; the server's verdict still shows at it.
    const country = screen.getByLabelText(/^Country/, { selector: "input" });
    expect(country).toHaveValue("Germany");
    await user.click(screen.getByRole("button", { name: "Save changes" }));

    expect(await screen.findByText("Enter a valid e-mail address.")).toBeInTheDocument();
    expect(
      screen.getByText("Enter a two-letter country code in capitals, e.g. DE."),
    ).toBeInTheDocument();
    expect(email).toHaveAttribute("aria-invalid", "true");
    expect(country).toHaveAttribute("aria-invalid", "true");
    // The form stays open with what was typed.
    expect(screen.getByRole("button", { name: "Save changes" })).toBeInTheDocument();
    expect(email).toHaveValue("not-an-address");
    expect(api.requests(update)).toMatchObject([
      {
        organization: {
          id: "org_0001",
          billingEmail: "not-an-address",
        },
        updateMask: { paths: ["billing_email"] },
      },
    ]);
  });

  it("names the field in German when the interface is German", async () => {
    const { user } = await openEdit(
      [
        answer(OrganizationService.method.getOrganization, { organization: acme }),
        answer(
          update,
          invalid([
            {
              path: ["organization", "vat_id"],
              ruleId: "string.pattern",
              message: 'value does not match regex pattern "^[A-Z]{2}[0-9A-Z+*.]{2,12}$"',
            },
          ]),
        ),
      ],
      "de",
    );
    const vat = await screen.findByLabelText("USt-IdNr.");
    await user.clear(vat);
    await user.type(vat, "123");
    await user.click(screen.getByRole("button", { name: "Änderungen speichern" }));
    expect(
      await screen.findByText("Geben Sie eine USt-IdNr. wie DE123456789 ein."),
    ).toBeInTheDocument();
  });

  it("sends only the changed fields and shows the new billing address", async () => {
    const moved = anOrganization({
      ...acme,
      billingAddress: { ...acme.billingAddress!, city: "Potsdam" },
    });
    const { user, api } = await openEdit([
      answer(
        OrganizationService.method.getOrganization,
        { organization: acme },
        { organization: moved },
      ),
      answer(update, { organization: moved }),
    ]);
    const city = await screen.findByLabelText("City");
    await user.clear(city);
    await user.type(city, " Potsdam ");
    await user.click(screen.getByRole("button", { name: "Save changes" }));
    await waitFor(() => expect(screen.getByTestId("billing-address")).toHaveTextContent("Potsdam"));
    expect(await screen.findByText("Organization updated")).toBeInTheDocument();
    const [request] = api.requests(update);
    expect(request?.updateMask?.paths).toEqual(["billing_address"]);
    expect(request?.organization?.billingAddress?.city).toBe("Potsdam");
    expect(request?.reason).toBe("");
  });

  it("asks for a reason when the status changes, and sends it", async () => {
    const suspended = anOrganization({ ...acme, status: OrganizationStatus.SUSPENDED });
    const { user, api } = await openEdit([
      answer(
        OrganizationService.method.getOrganization,
        { organization: acme },
        { organization: suspended },
      ),
      answer(update, { organization: suspended }),
    ]);
    await user.click(await screen.findByLabelText("Status", { selector: "input" }));
    await user.click(await screen.findByRole("option", { name: "Suspended" }));
    await user.click(screen.getByRole("button", { name: "Save changes" }));
    expect(await screen.findByText("Please give a reason.")).toBeInTheDocument();
    expect(api.requests(update)).toHaveLength(0);

    await user.type(screen.getByLabelText(/^Reason/), "invoices unpaid since March");
    await user.click(screen.getByRole("button", { name: "Save changes" }));
    await waitFor(() => expect(api.requests(update)).toHaveLength(1));
    expect(api.requests(update)[0]).toMatchObject({
      organization: { status: OrganizationStatus.SUSPENDED },
      updateMask: { paths: ["status"] },
      reason: "invoices unpaid since March",
    });
  });

  it("accepts a VAT ID as people write it and sends it normalised", async () => {
    const { user, api } = await openEdit([
      answer(OrganizationService.method.getOrganization, { organization: acme }),
      answer(update, { organization: acme }),
    ]);
    const vat = await screen.findByLabelText("VAT ID");
    await user.clear(vat);
    await user.type(vat, "de 596 352 701");
    await user.click(screen.getByRole("button", { name: "Save changes" }));
    await waitFor(() => expect(api.requests(update)).toHaveLength(1));
    expect(api.requests(update)[0]).toMatchObject({
      organization: { vatId: "DE596352701" },
      updateMask: { paths: ["vat_id"] },
    });
  });

  it("says what is wrong with a VAT ID before asking the server", async () => {
    const { user, api } = await openEdit([
      answer(OrganizationService.method.getOrganization, { organization: acme }),
    ]);
    const vat = await screen.findByLabelText("VAT ID");
    await user.clear(vat);
    await user.type(vat, "de 12 34");
    await user.click(screen.getByRole("button", { name: "Save changes" }));
    expect(
      await screen.findByText("A German VAT ID is DE followed by 9 digits."),
    ).toBeInTheDocument();
    expect(api.requests(update)).toHaveLength(0);
  });

  it("sends the e-invoice settings of a public authority with its Leitweg-ID", async () => {
    const { user, api } = await openEdit([
      answer(OrganizationService.method.getOrganization, { organization: acme }),
      answer(update, { organization: acme }),
    ]);
    const dialog = await screen.findByRole("dialog");
    const format = within(dialog).getByRole("combobox", { name: "E-invoice format" });
    expect(format).toHaveValue("ZUGFeRD (PDF with XML)");
    await user.click(format);
    await user.click(await screen.findByRole("option", { name: "XRechnung (CII)" }));
    // A business's buyer reference becomes the Leitweg-ID of a public authority.
    expect(within(dialog).getByLabelText("Buyer reference")).toHaveValue("");
    await user.click(within(dialog).getByRole("switch", { name: /^Public authority/ }));
    const leitwegId = within(dialog).getByLabelText(/^Leitweg-ID/);
    expect(leitwegId).toHaveAccessibleDescription(
      "The Leitweg-ID the authority gave, e.g. 991-01234-44; its invoices are not issued without it.",
    );
    expect(within(dialog).queryByLabelText("Buyer reference")).not.toBeInTheDocument();
    await user.type(leitwegId, " 04011000-1234512345-06 ");
    await user.type(within(dialog).getByLabelText("E-invoice e-mail"), "erechnung@stadt.example");
    await user.click(within(dialog).getByRole("button", { name: "Save changes" }));
    await waitFor(() => expect(api.requests(update)).toHaveLength(1));
    expect(api.requests(update)[0]).toMatchObject({
      organization: {
        id: "org_0001",
        eInvoice: {
          format: EInvoiceFormat.XRECHNUNG_CII,
          buyerReference: "04011000-1234512345-06",
          electronicAddress: "erechnung@stadt.example",
          publicSector: true,
        },
      },
      updateMask: { paths: ["e_invoice"] },
    });
  });

  it("asks for the Leitweg-ID of a public authority before asking the server", async () => {
    const { user, api } = await openEdit([
      answer(OrganizationService.method.getOrganization, { organization: acme }),
    ]);
    await user.click(await screen.findByRole("switch", { name: /^Public authority/ }));
    await user.click(screen.getByRole("button", { name: "Save changes" }));
    expect(
      await screen.findByText("A public authority needs its Leitweg-ID here."),
    ).toBeInTheDocument();
    expect(screen.getByLabelText(/^Leitweg-ID/)).toHaveAttribute("aria-invalid", "true");
    expect(api.requests(update)).toHaveLength(0);
  });

  const refusedLeitwegId = invalid([
    {
      path: ["organization", "e_invoice", "buyer_reference"],
      ruleId: "leitweg_id.valid",
      message: "991-33333TEST-34: the check digits do not match",
    },
    {
      path: ["organization", "e_invoice", "public_sector"],
      ruleId: "leitweg_id.valid",
      message: "991-33333TEST-34: the check digits do not match",
    },
  ]);
  const authority = anOrganization({
    id: acme.id,
    name: acme.name,
    eInvoice: {
      format: EInvoiceFormat.XRECHNUNG_UBL,
      buyerReference: "991-33333TEST-33",
      publicSector: true,
    },
  });

  it("shows the server's verdict on a Leitweg-ID at it", async () => {
    const { user, api } = await openEdit([
      answer(OrganizationService.method.getOrganization, { organization: authority }),
      answer(update, refusedLeitwegId),
    ]);
    const leitwegId = await screen.findByLabelText(/^Leitweg-ID/);
    expect(leitwegId).toHaveValue("991-33333TEST-33");
    await user.clear(leitwegId);
    await user.type(leitwegId, "991-33333TEST-34");
    await user.click(screen.getByRole("button", { name: "Save changes" }));
    // Once, at the Leitweg-ID, though the server names the public-sector mark too.
    expect(
      await screen.findByText("991-33333TEST-34: the check digits do not match"),
    ).toBeInTheDocument();
    expect(leitwegId).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByRole("button", { name: "Save changes" })).toBeInTheDocument();
    expect(api.requests(update)[0]).toMatchObject({
      organization: { eInvoice: { buyerReference: "991-33333TEST-34", publicSector: true } },
      updateMask: { paths: ["e_invoice"] },
    });
  });

  it("says in German what is wrong with a Leitweg-ID", async () => {
    const { user } = await openEdit(
      [
        answer(OrganizationService.method.getOrganization, { organization: authority }),
        answer(update, refusedLeitwegId),
      ],
      "de",
    );
    expect(await screen.findByRole("switch", { name: /^Öffentlicher Auftraggeber/ })).toBeChecked();
    const leitwegId = screen.getByLabelText(/^Leitweg-ID/);
    await user.clear(leitwegId);
    await user.type(leitwegId, "991-33333TEST-34");
    await user.click(screen.getByRole("button", { name: "Änderungen speichern" }));
    expect(
      await screen.findByText(
        "Das ist keine gültige Leitweg-ID. Bitte prüfen Sie sie, vor allem die Prüfziffern.",
      ),
    ).toBeInTheDocument();
    expect(leitwegId).toHaveAttribute("aria-invalid", "true");
    expect(screen.queryByText(/check digits/)).not.toBeInTheDocument();
  });

  it("picks the country by its name in the interface language and sends its code", async () => {
    const { user, api } = await openEdit(
      [
        answer(OrganizationService.method.getOrganization, { organization: acme }),
        answer(update, { organization: acme }),
      ],
      "de",
    );
    const country = await screen.findByLabelText(/^Land/, { selector: "input" });
    expect(country).toHaveValue("Deutschland");
    await user.clear(country);
    await user.type(country, "Österr");
    await user.click(await screen.findByRole("option", { name: "Österreich" }));
    await user.click(screen.getByRole("button", { name: "Änderungen speichern" }));
    await waitFor(() => expect(api.requests(update)).toHaveLength(1));
    expect(api.requests(update)[0]).toMatchObject({
      organization: { billingAddress: { countryCode: "AT" } },
      updateMask: { paths: ["billing_address"] },
    });
  });

  it("asks before discarding a half-filled form, on Escape and on Cancel", async () => {
    const { user } = await openEdit([
      answer(OrganizationService.method.getOrganization, { organization: acme }),
    ]);
    const dialog = await screen.findByRole("dialog");
    // Untouched, Cancel closes at once.
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());

    await user.click(screen.getByRole("button", { name: "Edit" }));
    const city = await screen.findByLabelText("City");
    await user.type(city, " Nord");
    await user.keyboard("{Escape}");
    const ask = await screen.findByRole("alertdialog", { name: "Discard your entries?" });
    // Keep editing: nothing is lost.
    await user.click(within(ask).getByRole("button", { name: "Keep editing" }));
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    expect(screen.getByLabelText("City")).toHaveValue("Berlin Nord");

    await user.click(screen.getByRole("button", { name: "Cancel" }));
    await user.click(
      within(await screen.findByRole("alertdialog")).getByRole("button", { name: "Discard" }),
    );
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
  });

  it("creates an organization on the chosen plan", async () => {
    const create = OrganizationService.method.createOrganization;
    const api = cannedApi(
      signedIn(anOwner()),
      answer(OrganizationService.method.listOrganizations, { organizations: [acme], totalSize: 1 }),
      answer(PlanService.method.listPlans, {
        plans: [
          { id: "pln_basis", name: "Basis", terms: { monthlyFeeCents: 2900n, currency: "EUR" } },
          {
            id: "pln_premium",
            name: "Premium",
            terms: { monthlyFeeCents: 9900n, currency: "EUR" },
          },
        ],
      }),
      answer(create, { organization: anOrganization({ id: "org_0002", name: "Neukunde" }) }),
      answer(OrganizationService.method.getOrganization, {
        organization: anOrganization({ id: "org_0002", name: "Neukunde" }),
      }),
    );
    renderApp("/organizations", api);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "New organization" }));
    const dialog = await screen.findByRole("dialog");
    await user.type(within(dialog).getByRole("textbox", { name: "Name" }), "Neukunde");
    const plan = within(dialog).getByRole("combobox", { name: "Plan" });
    expect(plan).toHaveAttribute("placeholder", "The lowest plan");
    await user.click(plan);
    await user.click(await screen.findByRole("option", { name: "Premium · €99.00 a month" }));
    await user.click(within(dialog).getByRole("button", { name: "Create" }));
    await waitFor(() => expect(api.requests(create)).toHaveLength(1));
    expect(api.lastRequest(create)).toMatchObject({ name: "Neukunde", planId: "pln_premium" });
  });
});
