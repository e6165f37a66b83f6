import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { demo, renderApp, tableRows } from "@/test/render";

const lastListRequest = (calls: { method: string; request: unknown }[]) =>
  calls.filter((c) => c.method === "ListOrganizations").at(-1)?.request as {
    filter?: { query: string; statuses: number[] };
    orderBy: string;
  };

describe("organization list", () => {
  it("keeps search, status filter and sort in the URL", async () => {
    const { history, api } = renderApp("/organizations", { signedInAs: demo.owner });
    expect(await screen.findByText("Acme Hosting")).toBeInTheDocument();
    expect(history.location.search).toBe("");

    const user = userEvent.setup();
    await user.type(screen.getByRole("searchbox", { name: "Search" }), "werk");
    await waitFor(() => expect(history.location.search).toContain("q=werk"));
    await waitFor(() => expect(screen.queryByText("Acme Hosting")).not.toBeInTheDocument());
    expect(screen.getByText("Datenwerk")).toBeInTheDocument();
    expect(lastListRequest(api.calls).filter?.query).toBe("werk");

    await user.click(screen.getByLabelText("Sort by", { selector: "input" }));
    await user.click(await screen.findByRole("option", { name: "Newest first" }));
    await waitFor(() => expect(history.location.search).toContain("sort=created_desc"));
    expect(lastListRequest(api.calls).orderBy).toBe("create_time desc");
  });

  it("reads the filters from a shared link", async () => {
    const { api } = renderApp("/organizations?status=SUSPENDED&q=da", { signedInAs: demo.owner });
    expect(await screen.findByText("Datenwerk")).toBeInTheDocument();
    const rows = await tableRows();
    expect(rows).toHaveLength(1);
    expect(within(rows[0] as HTMLElement).getByText("Suspended")).toBeInTheDocument();
    expect(lastListRequest(api.calls).filter).toMatchObject({ query: "da", statuses: [3] });
    expect(screen.getByRole("searchbox", { name: "Search" })).toHaveValue("da");
  });

  it("pages with the server's next page token", async () => {
    renderApp("/organizations", { signedInAs: demo.owner, extraOrganizations: 80 });
    await screen.findByText("Acme Hosting");
    expect(await tableRows()).toHaveLength(50);
    expect(screen.getByText("Showing 50 of 106")).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole("button", { name: "Load more" }));
    await waitFor(async () => expect(await tableRows()).toHaveLength(100));
  });
});

describe("permissions", () => {
  it("shows a developer the same pages without controls that change data", async () => {
    renderApp("/organizations", { signedInAs: demo.developer });
    await screen.findByText("Acme Hosting");
    expect(screen.getByRole("link", { name: "Members" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Audit log" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "New organization" })).not.toBeInTheDocument();

    const user = userEvent.setup();
    await user.click(screen.getByRole("link", { name: "Acme Hosting" }));
    expect(await screen.findByRole("heading", { name: "Acme Hosting" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Edit" })).not.toBeInTheDocument();
    await user.click(screen.getByRole("tab", { name: /Members/ }));
    await screen.findByText("anna.becker@acme.example");
    expect(screen.queryByRole("button", { name: "Add member" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /^Actions/ })).not.toBeInTheDocument();
  });

  it("gives an owner the controls", async () => {
    renderApp("/organizations", { signedInAs: demo.owner });
    expect(await screen.findByRole("button", { name: "New organization" })).toBeInTheDocument();
  });

  it("hides the role and permission actions from an operator but not disabling", async () => {
    renderApp("/members", { signedInAs: demo.operator });
    await screen.findByText("anna.becker@acme.example");
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Actions: Anna Becker" }));
    expect(await screen.findByRole("menuitem", { name: "Disable sign-in" })).toBeInTheDocument();
    expect(
      screen.queryByRole("menuitem", { name: "Change platform role" }),
    ).not.toBeInTheDocument();
    expect(screen.queryByRole("menuitem", { name: "Grant permission" })).not.toBeInTheDocument();
  });
});
