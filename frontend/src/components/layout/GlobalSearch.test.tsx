import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { demo, renderApp } from "@/test/render";

describe("global search", () => {
  it("finds organizations and members and opens the one chosen", async () => {
    const { history } = renderApp("/audit", { signedInAs: demo.owner });
    await screen.findByRole("heading", { name: "Audit log" });
    const user = userEvent.setup();
    await user.keyboard("/");
    const input = await screen.findByPlaceholderText("Search organizations and members…");
    await user.type(input, "anna");
    expect(await screen.findByText("anna.becker@acme.example")).toBeInTheDocument();
    await user.clear(input);
    await user.type(input, "pixel");
    await user.click(await screen.findByText("Pixelwerk"));
    await waitFor(() => expect(history.location.pathname).toBe("/organizations/org_0016"));
  });
});
