import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { demo, renderApp, tableRows } from "@/test/render";

describe("members", () => {
  it("filters by role and disabled state through the URL", async () => {
    const { history } = renderApp("/members?role=OWNER,OPERATOR", { signedInAs: demo.owner });
    await screen.findByText("owner@demo.leitstand.test");
    expect(await tableRows()).toHaveLength(2);
    const user = userEvent.setup();
    await user.click(screen.getByRole("radio", { name: "Disabled" }));
    await waitFor(() => expect(history.location.search).toContain("state=disabled"));
    expect(await screen.findByText("Nothing matches these filters.")).toBeInTheDocument();
  });

  it("disables a member with a reason and shows it in their activity", async () => {
    const { api } = renderApp("/members?q=anna", { signedInAs: demo.owner });
    await screen.findByText("anna.becker@acme.example");
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Actions: Anna Becker" }));
    await user.click(await screen.findByRole("menuitem", { name: "Disable sign-in" }));
    await user.type(await screen.findByLabelText(/Reason/), "left the customer");
    await user.click(screen.getByRole("button", { name: "Disable sign-in" }));
    const [row] = await tableRows();
    await waitFor(() =>
      expect(within(row as HTMLElement).getByText("Disabled")).toBeInTheDocument(),
    );
    expect(api.audit[0]).toMatchObject({
      action: "/leitstand.admin.v1.MemberService/DisableMember",
      reason: "left the customer",
    });
  });

  it("grants only permissions beyond the member's role", async () => {
    renderApp("/members/usr_developer", { signedInAs: demo.owner });
    await screen.findByRole("heading", { name: /Dana Developer/ });
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Actions: Dana Developer" }));
    await user.click(await screen.findByRole("menuitem", { name: "Grant permission" }));
    await user.click(await screen.findByLabelText(/^Permission/, { selector: "input" }));
    expect(await screen.findByRole("option", { name: "Change organizations" })).toBeInTheDocument();
    expect(screen.queryByRole("option", { name: "Read organizations" })).not.toBeInTheDocument();
    await user.click(screen.getByRole("option", { name: "Change organizations" }));
    await user.type(screen.getByLabelText(/Reason/), "covers support this week");
    await user.click(screen.getByRole("button", { name: "Confirm" }));
    expect(
      await screen.findByText("covers support this week", { exact: false }),
    ).toBeInTheDocument();
  });
});
