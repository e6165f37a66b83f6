import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  PaymentProvider,
  PaymentService,
} from "@leitstand/sdk/leitstand/admin/v1/payment_service_pb.js";
import { SettingsService } from "@leitstand/sdk/leitstand/admin/v1/settings_service_pb.js";
import { aDeveloper, anOwner, aPaymentAccount, someSettings } from "@/test/builders";
import { answer, cannedApi, invalid, signedIn, type Canned } from "@/test/canned";
import { renderApp } from "@/test/render";

const m = PaymentService.method;
const stripe = aPaymentAccount();
const mollie = aPaymentAccount({
  provider: PaymentProvider.MOLLIE,
  configured: false,
  keyHint: "",
  testMode: false,
  webhookSecretSet: false,
  webhookPath: "/webhooks/mollie/be_01entity000000000000000001",
  updateTime: undefined,
  updatedByEmail: "",
});

async function openProviders({
  caller = anOwner(),
  more = [] as Canned[],
  locale = "en" as "en" | "de",
} = {}) {
  const api = cannedApi(
    signedIn(caller),
    answer(SettingsService.method.getSettings, { settings: someSettings() }),
    answer(m.listPaymentAccounts, { accounts: [stripe, mollie] }),
    ...more,
  );
  renderApp("/settings", api, locale);
  const section = await screen.findByRole("region", {
    name: locale === "de" ? "Zahlungsanbieter" : "Payment providers",
  });
  const card = async (name: string) => within(section).findByRole("region", { name });
  return { api, section, card, user: userEvent.setup() };
}

describe("payment provider settings", () => {
  it("shows each provider's state and the webhook address to enter there", async () => {
    const { card } = await openProviders();
    const s = await card("Stripe");
    expect(within(s).getByText("Set up")).toBeInTheDocument();
    expect(within(s).getByText("Test mode")).toBeInTheDocument();
    expect(within(s).getByText("…4242")).toBeInTheDocument();
    expect(within(s).getByTestId("webhook-url")).toHaveTextContent(
      `${window.location.origin}/webhooks/stripe/be_01entity000000000000000001`,
    );
    expect(within(s).getByRole("button", { name: /^Copy: Webhook URL/ })).toBeInTheDocument();
    const mo = await card("Mollie");
    expect(within(mo).getByText("Not set up")).toBeInTheDocument();
    expect(within(mo).queryByRole("button", { name: "Test" })).not.toBeInTheDocument();
    expect(within(mo).getByRole("button", { name: "Set up keys" })).toBeInTheDocument();
  });

  it("sets Stripe's keys from empty password fields, and shows where the server refused them", async () => {
    const { api, card, user } = await openProviders({
      more: [
        answer(
          m.setPaymentAccount,
          invalid([
            {
              path: ["webhook_secret"],
              ruleId: "webhook_secret",
              message: "a Stripe webhook secret starts with whsec_",
            },
          ]),
          { account: stripe },
        ),
      ],
    });
    const s = await card("Stripe");
    await user.click(within(s).getByRole("button", { name: "Change keys" }));
    const key = within(s).getByLabelText(/^Secret API key/);
    const secret = within(s).getByLabelText(/^Webhook signing secret/);
    expect(key).toHaveValue("");
    expect(key).toHaveAttribute("type", "password");
    expect(secret).toHaveValue("");
    await user.type(key, "sk_test_51Abc");
    await user.type(secret, "geheim");
    await user.click(within(s).getByRole("button", { name: "Save keys" }));
    expect(
      await within(s).findByText("a Stripe webhook secret starts with whsec_"),
    ).toBeInTheDocument();
    await user.clear(secret);
    await user.type(secret, "whsec_abc123");
    await user.click(within(s).getByRole("button", { name: "Save keys" }));
    await waitFor(() => expect(api.requests(m.setPaymentAccount)).toHaveLength(2));
    expect(api.lastRequest(m.setPaymentAccount)).toMatchObject({
      provider: PaymentProvider.STRIPE,
      apiKey: "sk_test_51Abc",
      webhookSecret: "whsec_abc123",
    });
    expect(await screen.findByText("Stripe keys saved")).toBeInTheDocument();
  });

  it("asks Mollie only for its API key", async () => {
    const { api, card, user } = await openProviders({
      more: [answer(m.setPaymentAccount, { account: { ...mollie, configured: true } })],
    });
    const mo = await card("Mollie");
    await user.click(within(mo).getByRole("button", { name: "Set up keys" }));
    expect(within(mo).queryByLabelText(/^Webhook signing secret/)).not.toBeInTheDocument();
    await user.type(
      within(mo).getByLabelText(/^Secret API key/),
      "test_dHar4XY7LxsDOtmnkVtjNVWXLSlXsM",
    );
    await user.click(within(mo).getByRole("button", { name: "Save keys" }));
    await waitFor(() =>
      expect(api.lastRequest(m.setPaymentAccount)).toMatchObject({
        provider: PaymentProvider.MOLLIE,
        apiKey: "test_dHar4XY7LxsDOtmnkVtjNVWXLSlXsM",
        webhookSecret: "",
      }),
    );
  });

  it("tests the stored key and shows the provider's answer", async () => {
    const { api, card, user } = await openProviders({
      more: [
        answer(
          m.testPaymentAccount,
          { ok: false, message: "Invalid API Key provided: sk_test_****4242" },
          { ok: true },
        ),
      ],
    });
    const s = await card("Stripe");
    await user.click(within(s).getByRole("button", { name: "Test" }));
    const result = await within(s).findByTestId("provider-test-result");
    expect(within(result).getByText("The provider refused the key")).toBeInTheDocument();
    expect(
      within(result).getByText("Invalid API Key provided: sk_test_****4242"),
    ).toBeInTheDocument();
    expect(api.lastRequest(m.testPaymentAccount)).toMatchObject({
      provider: PaymentProvider.STRIPE,
    });
    await user.click(within(s).getByRole("button", { name: "Test" }));
    expect(await within(s).findByText("The provider accepted the key")).toBeInTheDocument();
  });

  it("shows the accounts without keys or tests to a role that may only read the settings", async () => {
    const { card } = await openProviders({ caller: aDeveloper() });
    const s = await card("Stripe");
    expect(within(s).getByText("…4242")).toBeInTheDocument();
    expect(within(s).queryByRole("button", { name: "Change keys" })).not.toBeInTheDocument();
    expect(within(s).queryByRole("button", { name: "Test" })).not.toBeInTheDocument();
  });

  it("speaks German", async () => {
    const { card } = await openProviders({ locale: "de" });
    const s = await card("Stripe");
    expect(within(s).getByText("Eingerichtet")).toBeInTheDocument();
    expect(within(s).getByText("Testmodus")).toBeInTheDocument();
    expect(within(s).getByRole("button", { name: "Schlüssel ändern" })).toBeInTheDocument();
  });
});
