import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { demo, renderApp } from "@/test/render";

describe("API tokens", () => {
  it("shows a new token's secret once and revokes the token", async () => {
    renderApp("/account/api-tokens", { signedInAs: demo.operator });
    expect(await screen.findByText("You have no API tokens yet.")).toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Create token" }));
    await user.type(await screen.findByLabelText(/^Name/), "billing export");
    await user.click(screen.getAllByRole("button", { name: "Create token" }).at(-1)!);
    expect(await screen.findByTestId("token-secret")).toHaveTextContent(/^lst_/);
    await user.click(screen.getByRole("button", { name: "Close" }));
    await waitFor(() => expect(screen.queryByTestId("token-secret")).not.toBeInTheDocument());

    await user.click(await screen.findByRole("button", { name: "Actions: billing export" }));
    await user.click(await screen.findByRole("menuitem", { name: "Revoke" }));
    await user.click(await screen.findByRole("button", { name: "Revoke" }));
    expect(await screen.findByText("You have no API tokens yet.")).toBeInTheDocument();
  });

  it("is not offered to a developer", async () => {
    const { history } = renderApp("/account/api-tokens", { signedInAs: demo.developer });
    await waitFor(() => expect(history.location.pathname).toBe("/organizations"));
  });
});
