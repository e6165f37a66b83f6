import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { demo, renderApp } from "@/test/render";

describe("sign-in", () => {
  it("sends a visitor to the sign-in page and back to where they wanted to go", async () => {
    const { history } = renderApp("/members");
    const email = await screen.findByLabelText("E-mail address");
    expect(history.location.pathname).toBe("/sign-in");
    expect(screen.queryByTestId("session-ended")).not.toBeInTheDocument();

    const user = userEvent.setup();
    await user.type(email, demo.owner);
    await user.type(screen.getByLabelText("Password", { exact: true }), "leitstand-demo");
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    expect(await screen.findByRole("heading", { name: "Members" })).toBeInTheDocument();
    expect(history.location.pathname).toBe("/members");
    expect(screen.getByTestId("caller-name")).toHaveTextContent("Olivia Owner");
    expect(screen.getByTestId("caller-role")).toHaveTextContent("Owner");
  });

  it("checks the fields before calling the server", async () => {
    const { api } = renderApp("/sign-in");
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Sign in" }));
    expect(await screen.findAllByText("This field is required.")).toHaveLength(2);
    await user.type(screen.getByLabelText("E-mail address"), "not-an-address");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByText("Enter a valid e-mail address.")).toBeInTheDocument();
    expect(api.calls.filter((c) => c.method === "Login")).toHaveLength(0);
  });

  it("says so when the password is wrong, in the interface language", async () => {
    renderApp("/sign-in", { locale: "de" });
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("E-Mail-Adresse"), demo.owner);
    await user.type(screen.getByLabelText("Passwort", { exact: true }), "wrong");
    await user.click(screen.getByRole("button", { name: "Anmelden" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "E-Mail-Adresse oder Passwort ist falsch.",
    );
  });

  it("sends the user back to sign-in with a message when the session ends", async () => {
    const { api, history } = renderApp("/organizations", { signedInAs: demo.owner });
    expect(await screen.findByRole("heading", { name: "Organizations" })).toBeInTheDocument();
    api.endSession();
    const user = userEvent.setup();
    await user.click(screen.getByRole("link", { name: "Members" }));
    expect(await screen.findByTestId("session-ended")).toHaveTextContent(
      "Your session has ended. Please sign in again.",
    );
    await waitFor(() => expect(history.location.pathname).toBe("/sign-in"));
  });

  it("shows a user without staff access the no-access page with sign-out", async () => {
    const { history } = renderApp("/organizations", { signedInAs: demo.user });
    expect(
      await screen.findByRole("heading", { name: "No access to the administration panel" }),
    ).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Organizations" })).not.toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Sign out" }));
    await waitFor(() => expect(history.location.pathname).toBe("/sign-in"));
    expect(await screen.findByText("You have signed out.")).toBeInTheDocument();
  });
});
