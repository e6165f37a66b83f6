import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { AuthService } from "@leitstand/sdk/leitstand/admin/v1/auth_service_pb.js";
import { aCaller } from "@/test/builders";
import { answer, cannedApi, signedIn } from "@/test/canned";
import { renderApp } from "@/test/render";

const owner = aCaller({ secondFactorEnrolled: true });

describe("sign-in with a second factor", () => {
  it("asks for the code after the password, says when it is wrong, and takes a recovery code", async () => {
    const api = cannedApi(
      answer(
        AuthService.method.login,
        { secondFactorRequired: true },
        { secondFactorRequired: true },
        { caller: owner },
      ),
      signedIn(owner),
    );
    const { history } = renderApp("/sign-in?redirect=%2Faccount%2Fsecurity", api);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("E-mail address"), owner.email);
    expect(document.title).toBe("Sign in · Leitstand");
    await user.type(screen.getByLabelText("Password", { exact: true }), "leitstand-demo");
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    expect(
      await screen.findByRole("heading", { name: "Confirm with your second factor" }),
    ).toBeInTheDocument();
    expect(document.title).toBe("Second factor · Leitstand");
    expect(screen.getByText(/shows for owner@demo\.leitstand\.test/)).toBeInTheDocument();
    // The password is not kept in the form.
    expect(screen.queryByLabelText("Password", { exact: true })).not.toBeInTheDocument();

    await user.type(screen.getByLabelText(/^Code from your authenticator app/), "123 456");
    await user.click(screen.getByRole("button", { name: "Verify" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "The code is wrong or was used already.",
    );
    expect(screen.getByLabelText(/^Code from your authenticator app/)).toHaveValue("");

    await user.click(screen.getByRole("button", { name: "Use a recovery code instead" }));
    expect(screen.getByText(/Enter one of the recovery codes/)).toBeInTheDocument();
    await user.type(screen.getByLabelText(/^Recovery code/), " abcde-fghij ");
    await user.click(screen.getByRole("button", { name: "Verify" }));

    expect(await screen.findByRole("heading", { name: "Security" })).toBeInTheDocument();
    expect(history.location.pathname).toBe("/account/security");
    expect(
      api.requests(AuthService.method.login).map((r) => [r.email, r.password, r.oneTimeCode]),
    ).toEqual([
      [owner.email, "leitstand-demo", ""],
      [owner.email, "leitstand-demo", "123456"],
      [owner.email, "leitstand-demo", "abcde-fghij"],
    ]);
  });

  it("checks the code's form before sending it, and goes back to the password", async () => {
    const api = cannedApi(answer(AuthService.method.login, { secondFactorRequired: true }));
    renderApp("/sign-in", api, "de");
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("E-Mail-Adresse"), owner.email);
    await user.type(screen.getByLabelText("Passwort", { exact: true }), "leitstand-demo");
    await user.click(screen.getByRole("button", { name: "Anmelden" }));

    await user.type(await screen.findByLabelText(/^Code aus Ihrer Authenticator-App/), "12a");
    await user.click(screen.getByRole("button", { name: "Bestätigen" }));
    expect(
      await screen.findByText("Geben Sie die 6 Ziffern ein, die Ihre Authenticator-App anzeigt."),
    ).toBeInTheDocument();
    expect(api.requests(AuthService.method.login)).toHaveLength(1);

    await user.click(screen.getByRole("button", { name: "Zurück zu E-Mail und Passwort" }));
    expect(await screen.findByLabelText("Passwort", { exact: true })).toHaveValue("");
  });
});
