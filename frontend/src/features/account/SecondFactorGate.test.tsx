import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { AuthService } from "@leitstand/sdk/leitstand/admin/v1/auth_service_pb.js";
import { anOperator } from "@/test/builders";
import { answer, cannedApi, secondFactorRequired, signedIn } from "@/test/canned";
import { renderApp } from "@/test/render";

const mustEnrol = anOperator({ secondFactorEnrollmentRequired: true });
const enrolled = anOperator({ secondFactorEnrolled: true });
const navigation = () => screen.queryByRole("navigation", { name: "Main navigation" });

describe("a second factor the platform requires", () => {
  it("turns every page into its setup, with sign-out", async () => {
    const api = cannedApi(signedIn(mustEnrol), answer(AuthService.method.logout, {}));
    const { history } = renderApp("/organizations", api);
    expect(
      await screen.findByRole("heading", { name: "Set up a second factor to continue" }),
    ).toBeInTheDocument();
    expect(screen.getByText(/requires a second factor for your role \(Operator\)/)).toBeVisible();
    expect(history.location.pathname).toBe("/account/security");
    expect(document.title).toBe("Set up a second factor · Leitstand");
    expect(navigation()).not.toBeInTheDocument();
    expect(api.calls()).toEqual(["AuthService/GetCurrentUser"]);

    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Sign out" }));
    await waitFor(() => expect(history.location.pathname).toBe("/sign-in"));
    expect(await screen.findByText("You have signed out.")).toBeInTheDocument();
  });

  it("opens the panel once the second factor is set up and its codes are saved", async () => {
    const api = cannedApi(
      signedIn(mustEnrol, enrolled),
      answer(AuthService.method.beginSecondFactorEnrollment, {
        secret: "JBSWY3DPEHPK3PXP",
        uri: "otpauth://totp/Leitstand:operator%40demo.leitstand.test?issuer=Leitstand",
        qrCodePngDataUrl: "data:image/png;base64,iVBORw0KGgo=",
      }),
      answer(AuthService.method.confirmSecondFactorEnrollment, {
        recoveryCodes: Array.from({ length: 10 }, (_, i) => `abcd${i}-fghij`),
      }),
    );
    renderApp("/servers", api);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Set up authenticator app" }));
    await user.type(await screen.findByLabelText(/^Code from your authenticator app/), "123456");
    await user.click(screen.getByRole("button", { name: "Turn on" }));
    await screen.findByTestId("recovery-codes");
    // The codes stay until the person says they saved them.
    expect(navigation()).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "I have saved the codes" }));

    expect(await screen.findByRole("heading", { name: "Security" })).toBeInTheDocument();
    expect(navigation()).toBeInTheDocument();
    expect(screen.getByTestId("second-factor-status")).toHaveTextContent("On");
  });

  it("appears when the server starts to require it in the middle of a session", async () => {
    const api = cannedApi(
      signedIn(enrolled, mustEnrol),
      answer(AuthService.method.listApiTokens, secondFactorRequired(true)),
    );
    const { history } = renderApp("/account/api-tokens", api);
    expect(
      await screen.findByRole("heading", { name: "Set up a second factor to continue" }),
    ).toBeInTheDocument();
    await waitFor(() => expect(history.location.pathname).toBe("/account/security"));
  });
});
