import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  OrganizationService,
  OrganizationStatus,
} from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
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
    const country = screen.getByLabelText(/^Country/);
    await user.clear(country);
    await user.type(country, "d1");
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
          billingAddress: { countryCode: "D1" },
        },
        updateMask: { paths: ["billing_email", "billing_address"] },
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
});
