import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { demo, renderApp } from "@/test/render";

async function openEdit(locale: "en" | "de" = "en") {
  const app = renderApp("/organizations/org_0001", { signedInAs: demo.owner, locale });
  const user = userEvent.setup();
  await user.click(
    await screen.findByRole("button", { name: locale === "en" ? "Edit" : "Bearbeiten" }),
  );
  return { ...app, user };
}

describe("organization form", () => {
  it("shows the server's field errors at the field", async () => {
    const { user, api } = await openEdit();
    const email = await screen.findByLabelText("Billing e-mail");
    await user.clear(email);
    await user.type(email, "not-an-address");
    const country = screen.getByLabelText(/^Country/);
    await user.clear(country);
    await user.type(country, "D1");
    await user.click(screen.getByRole("button", { name: "Save changes" }));

    expect(await screen.findByText("Enter a valid e-mail address.")).toBeInTheDocument();
    expect(
      screen.getByText("Enter a two-letter country code in capitals, e.g. DE."),
    ).toBeInTheDocument();
    expect(email).toHaveAttribute("aria-invalid", "true");
    // The server rejected the request: nothing was changed.
    expect(api.audit).toHaveLength(0);
  });

  it("names the field in German when the interface is German", async () => {
    const { user } = await openEdit("de");
    const vat = await screen.findByLabelText("USt-IdNr.");
    await user.clear(vat);
    await user.type(vat, "123");
    await user.click(screen.getByRole("button", { name: "Änderungen speichern" }));
    expect(
      await screen.findByText("Geben Sie eine USt-IdNr. wie DE123456789 ein."),
    ).toBeInTheDocument();
  });

  it("sends only the changed fields and shows the new billing address", async () => {
    const { user, api } = await openEdit();
    const city = await screen.findByLabelText("City");
    await user.clear(city);
    await user.type(city, "Potsdam");
    await user.click(screen.getByRole("button", { name: "Save changes" }));
    await waitFor(() => expect(screen.getByTestId("billing-address")).toHaveTextContent("Potsdam"));
    const update = api.calls.find((c) => c.method === "UpdateOrganization")?.request as {
      updateMask: { paths: string[] };
    };
    expect(update.updateMask.paths).toEqual(["billing_address"]);
    expect(api.audit[0]?.action).toBe("/leitstand.admin.v1.OrganizationService/UpdateOrganization");
  });

  it("asks for a reason when the status changes", async () => {
    const { user } = await openEdit();
    await user.click(await screen.findByLabelText("Status", { selector: "input" }));
    await user.click(await screen.findByRole("option", { name: "Suspended" }));
    await user.click(screen.getByRole("button", { name: "Save changes" }));
    expect(await screen.findByText("Please give a reason.")).toBeInTheDocument();
  });
});
