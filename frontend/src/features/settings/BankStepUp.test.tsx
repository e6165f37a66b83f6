import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { AuthService } from "@leitstand/sdk/leitstand/admin/v1/auth_service_pb.js";
import { SettingsService } from "@leitstand/sdk/leitstand/admin/v1/settings_service_pb.js";
import { anOwner, fromNow, minute } from "@/test/builders";
import { answer, cannedApi, secondFactorRequired, signedIn } from "@/test/canned";
import { renderApp } from "@/test/render";

const bank = {
  accountHolder: "Leitstand Hosting GmbH",
  iban: "DE89370400440532013000",
  bic: "COBADEFFXXX",
  bankName: "Commerzbank",
};

describe("the bank account", () => {
  it("is saved after the second factor is confirmed, when the server wants it", async () => {
    const api = cannedApi(
      signedIn(anOwner({ secondFactorEnrolled: true })),
      answer(SettingsService.method.getSettings, { settings: { bank } }),
      answer(SettingsService.method.updateSettings, secondFactorRequired(), {
        settings: { bank: { ...bank, bic: "BYLADEM1001" } },
      }),
      answer(AuthService.method.verifySecondFactor, {
        freshUntil: fromNow(5 * minute),
      }),
    );
    renderApp("/settings", api);
    const section = await screen.findByRole("region", { name: "Bank account" });
    const user = userEvent.setup();
    const bic = within(section).getByLabelText("BIC");
    await user.clear(bic);
    await user.type(bic, "BYLADEM1001");
    await user.click(within(section).getByRole("button", { name: "Save changes" }));

    const stepUp = await screen.findByRole("dialog", { name: "Confirm it’s you" });
    await user.type(within(stepUp).getByLabelText(/^Code from your authenticator app/), "123456");
    await user.click(within(stepUp).getByRole("button", { name: "Confirm and continue" }));

    expect(await screen.findByText("Bank account saved")).toBeInTheDocument();
    const updates = api.requests(SettingsService.method.updateSettings);
    expect(updates).toHaveLength(2);
    expect(updates[1]?.updateMask?.paths).toEqual(["bank.bic"]);
  });
});
