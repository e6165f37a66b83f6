import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { MessageInitShape } from "@bufbuild/protobuf";
import {
  SettingsService,
  type GetSettingsResponseSchema,
} from "@leitstand/sdk/leitstand/admin/v1/settings_service_pb.js";
import { aDeveloper, anOperator, anOwner, someSettings } from "@/test/builders";
import { answer, cannedApi, invalid, signedIn, type Canned } from "@/test/canned";
import { renderApp } from "@/test/render";

const section = (name: string) => screen.getByRole("region", { name });
const settings = someSettings();
const update = SettingsService.method.updateSettings;
type Answer = MessageInitShape<typeof GetSettingsResponseSchema>;

/** openSettings shows the settings page with the server's answers, one per GetSettings. */
async function openSettings({
  caller = anOwner(),
  answers = [{ settings }] as Answer[],
  more = [] as Canned[],
} = {}) {
  const [first, ...later] = answers;
  const api = cannedApi(
    signedIn(caller),
    answer(SettingsService.method.getSettings, first!, ...later),
    ...more,
  );
  const app = renderApp("/settings", api);
  await screen.findByRole("region", { name: "Bank account" });
  return { ...app, api, user: userEvent.setup() };
}

describe("settings", () => {
  it("shows the settings with the IBAN in groups of four", async () => {
    await openSettings();
    expect(within(section("Company")).getByLabelText("Registered name")).toHaveValue(
      "Leitstand Hosting GmbH",
    );
    expect(within(section("Company")).getByLabelText("City")).toHaveValue("München");
    expect(within(section("Bank account")).getByLabelText("IBAN")).toHaveValue(
      "DE89 3704 0044 0532 0130 00",
    );
    expect(within(section("Tax")).getByLabelText("VAT rate")).toHaveValue("19 %");
    expect(within(section("Invoices")).getByTestId("invoice-number-example")).toHaveTextContent(
      `RE-${new Date().getFullYear()}-00001`,
    );
    expect(screen.queryByTestId("missing-for-invoices")).not.toBeInTheDocument();
    // Nothing changed: nothing to save.
    for (const button of screen.getAllByRole("button", { name: "Save changes" })) {
      expect(button).toBeDisabled();
    }
  });

  it("marks a wrong IBAN at the field without asking the server", async () => {
    const { user, api } = await openSettings();
    const bank = section("Bank account");
    const iban = within(bank).getByLabelText("IBAN");
    await user.clear(iban);
    await user.type(iban, "DE89 3704 0044 0532 0130 01");
    await user.click(within(bank).getByRole("button", { name: "Save changes" }));
    expect(
      await within(bank).findByText("The check digits do not match. Please look for a typo."),
    ).toBeInTheDocument();
    expect(iban).toHaveAttribute("aria-invalid", "true");

    await user.clear(iban);
    await user.type(iban, "AT61 1904 3002 3457 320");
    await user.tab();
    expect(
      await within(bank).findByText("An IBAN from Austria has 20 characters."),
    ).toBeInTheDocument();

    const bic = within(bank).getByLabelText("BIC");
    await user.clear(bic);
    await user.type(bic, "COBADEF");
    await user.tab();
    expect(
      await within(bank).findByText("Enter a BIC of 8 or 11 letters and digits, e.g. COBADEFFXXX."),
    ).toBeInTheDocument();
    expect(api.requests(update)).toHaveLength(0);
  });

  it("saves a section with exactly the changed fields in the update mask", async () => {
    const newBank = someSettings({ bank: { ...settings.bank!, iban: "AT611904300234573201" } });
    const { user, api } = await openSettings({
      answers: [{ settings }, { settings: newBank }],
      more: [answer(update, { settings: newBank })],
    });
    const bank = section("Bank account");
    const iban = within(bank).getByLabelText("IBAN");
    await user.clear(iban);
    await user.type(iban, "at61 1904 3002 3457 3201");
    await user.type(within(bank).getByLabelText("Reason (optional)"), " new house bank ");
    await user.click(within(bank).getByRole("button", { name: "Save changes" }));
    expect(await screen.findByText("Bank account saved")).toBeInTheDocument();
    expect(api.requests(update)[0]).toMatchObject({
      settings: { bank: { iban: "AT611904300234573201" } },
      updateMask: { paths: ["bank.iban"] },
      reason: "new house bank",
    });
    // The section shows what the server answered.
    await waitFor(() =>
      expect(within(section("Bank account")).getByLabelText("IBAN")).toHaveValue(
        "AT61 1904 3002 3457 3201",
      ),
    );

    const company = section("Company");
    const city = within(company).getByLabelText("City");
    await user.clear(city);
    await user.type(city, "Augsburg");
    await user.click(within(company).getByRole("button", { name: "Add managing director" }));
    await user.type(within(company).getByLabelText("Managing director 3"), "Jana Fischer");
    await user.click(within(company).getByRole("button", { name: "Save changes" }));
    expect(await screen.findByText("Company saved")).toBeInTheDocument();
    expect(api.requests(update)[1]).toMatchObject({
      settings: {
        company: {
          address: { city: "Augsburg" },
          managingDirectors: ["Katrin Hoffmann", "Markus Weber", "Jana Fischer"],
        },
      },
      updateMask: { paths: ["company.address.city", "company.managing_directors"] },
      reason: "",
    });
  });

  it("saves the billing calendar's time zone, Europe/Berlin until chosen", async () => {
    const vienna = someSettings({ invoice: { ...settings.invoice!, timeZone: "Europe/Vienna" } });
    const { user, api } = await openSettings({
      answers: [{ settings }, { settings: vienna }],
      more: [answer(update, { settings: vienna })],
    });
    const invoices = section("Invoices");
    const zone = invoices.querySelector<HTMLInputElement>("#settings-invoice-time_zone")!;
    expect(zone).toHaveValue("Europe/Berlin");
    await user.clear(zone);
    await user.type(zone, "Vienna");
    await user.click(await screen.findByRole("option", { name: "Europe/Vienna" }));
    await user.click(within(invoices).getByRole("button", { name: "Save changes" }));
    expect(await screen.findByText("Invoices saved")).toBeInTheDocument();
    expect(api.requests(update)[0]).toMatchObject({
      settings: { invoice: { timeZone: "Europe/Vienna" } },
      updateMask: { paths: ["invoice.time_zone"] },
    });
  });

  it("shows the server's violation at the field", async () => {
    const { user, api } = await openSettings({
      more: [
        answer(
          update,
          invalid([
            {
              path: ["settings", "tax", "vat_id"],
              ruleId: "vat_id.valid",
              message: "DE136695975 has a wrong check digit",
            },
          ]),
        ),
      ],
    });
    const tax = section("Tax");
    const vatId = within(tax).getByLabelText("VAT ID");
    await user.clear(vatId);
    // The right form, but the wrong check digit: only the server checks that.
    await user.type(vatId, "DE136695975");
    await user.click(within(tax).getByRole("button", { name: "Save changes" }));
    expect(await within(tax).findByText("DE136695975 has a wrong check digit")).toBeInTheDocument();
    expect(vatId).toHaveAttribute("aria-invalid", "true");
    expect(vatId).toHaveValue("DE136695975");
    expect(api.requests(update)[0]?.updateMask?.paths).toEqual(["tax.vat_id"]);
    expect(screen.queryByText("Tax saved")).not.toBeInTheDocument();
  });

  it("stores the VAT rate in basis points and turns it off for small businesses", async () => {
    const seven = someSettings({ tax: { ...settings.tax!, vatRateBasisPoints: 700 } });
    const { user, api } = await openSettings({
      answers: [{ settings }, { settings: seven }],
      more: [answer(update, { settings: seven })],
    });
    const tax = section("Tax");
    const rate = within(tax).getByLabelText("VAT rate");
    await user.clear(rate);
    await user.type(rate, "7");
    await user.click(within(tax).getByRole("button", { name: "Save changes" }));
    await screen.findByText("Tax saved");
    expect(api.requests(update)[0]).toMatchObject({
      settings: { tax: { vatRateBasisPoints: 700 } },
      updateMask: { paths: ["tax.vat_rate_basis_points"] },
    });
    await waitFor(() =>
      expect(within(section("Tax")).getByLabelText("VAT rate")).toHaveValue("7 %"),
    );

    await user.click(
      within(section("Tax")).getByRole("switch", { name: /^Small business \(Kleinunternehmer\)/ }),
    );
    expect(within(section("Tax")).getByLabelText("VAT rate")).toBeDisabled();
    expect(within(section("Tax")).getByText(/§ 19 UStG/)).toBeInTheDocument();
  });

  it("lists what invoices still lack, as the server says, and moves to the field", async () => {
    const noIban = someSettings({ bank: { ...settings.bank!, iban: "" } });
    const { user } = await openSettings({
      answers: [
        { settings },
        { settings: noIban, missingForInvoices: ["bank.iban", "tax.tax_number"] },
      ],
      more: [answer(update, { settings: noIban })],
    });
    const bank = section("Bank account");
    await user.clear(within(bank).getByLabelText("IBAN"));
    await user.click(within(bank).getByRole("button", { name: "Save changes" }));
    const banner = await screen.findByTestId("missing-for-invoices");
    expect(banner).toHaveTextContent("Invoices cannot be issued yet");
    expect(within(banner).getByRole("button", { name: "Tax: Tax number or VAT ID" })).toBeVisible();
    await user.click(within(banner).getByRole("button", { name: "Bank account: IBAN" }));
    expect(within(section("Bank account")).getByLabelText("IBAN")).toHaveFocus();
  });

  it("says what is wrong in German when the interface is German", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      answer(SettingsService.method.getSettings, { settings }),
    );
    renderApp("/settings", api, "de");
    const bank = await screen.findByRole("region", { name: "Bankverbindung" });
    const user = userEvent.setup();
    const iban = within(bank).getByLabelText("IBAN");
    await user.clear(iban);
    await user.type(iban, "DE8937040044053201300");
    await user.tab();
    expect(
      await within(bank).findByText("Eine IBAN aus Deutschland hat 22 Zeichen."),
    ).toBeInTheDocument();
  });

  it("is read-only for a developer", async () => {
    await openSettings({ caller: aDeveloper() });
    expect(
      screen.getByText("You can see the settings. Only owners can change them."),
    ).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Save changes" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Add managing director" })).not.toBeInTheDocument();
    expect(within(section("Bank account")).getByLabelText("IBAN")).toHaveAttribute("readonly");
    expect(
      within(section("Tax")).getByRole("switch", { name: /^Small business \(Kleinunternehmer\)/ }),
    ).toBeDisabled();
  });

  it("lets an operator read but not change the settings", async () => {
    const { history } = await openSettings({ caller: anOperator() });
    expect(history.location.pathname).toBe("/settings");
    expect(screen.queryByRole("button", { name: "Save changes" })).not.toBeInTheDocument();
  });
});
