import { create } from "@bufbuild/protobuf";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import { OrganizationService } from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { SavedViewSchema, ViewService } from "@leitstand/sdk/leitstand/admin/v1/view_service_pb.js";
import { anOrganization, anOwner } from "@/test/builders";
import { answer, cannedApi, signedIn } from "@/test/canned";
import { renderApp } from "@/test/render";
import { forgetColumns } from "./columns";

const suspended = create(SavedViewSchema, {
  id: "sv_0001",
  page: "organizations",
  name: "Suspended customers",
  parameters: { status: "SUSPENDED", sort: "created_desc" },
  columns: ["name", "status", "created"],
  own: true,
  authorName: "Olivia Owner",
});
const newest = create(SavedViewSchema, {
  id: "sv_0002",
  page: "organizations",
  name: "Newest customers",
  parameters: { sort: "created_desc" },
  shared: true,
  own: false,
  authorName: "Oskar Operator",
});

const orgs = answer(OrganizationService.method.listOrganizations, {
  organizations: [anOrganization({ id: "org_0001", name: "Acme Hosting" })],
  totalSize: 1,
});

const headers = () => screen.getAllByRole("columnheader").map((h) => h.textContent);

describe("saved views", () => {
  beforeEach(() => {
    localStorage.clear();
    forgetColumns();
  });

  it("lists the user's views and the team's, and applies one: its filters, sort and columns", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      orgs,
      answer(ViewService.method.listSavedViews, { views: [suspended, newest] }),
    );
    const { history } = renderApp("/organizations", api);
    expect(await screen.findByText("Acme Hosting")).toBeInTheDocument();
    expect(headers()).toContain("Members");
    // The views are asked for when the menu opens, not with every list.
    expect(api.calls()).not.toContain("ViewService/ListSavedViews");

    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Views" }));
    const menu = await screen.findByRole("group", { name: "Saved views" });
    expect(api.lastRequest(ViewService.method.listSavedViews)).toMatchObject({
      page: "organizations",
    });
    expect(await within(menu).findByText("Suspended customers")).toBeInTheDocument();
    expect(within(menu).getByText("by Oskar Operator")).toBeInTheDocument();
    // Only the user's own views can be changed.
    expect(
      within(menu).getByRole("button", { name: "Delete the view Suspended customers" }),
    ).toBeInTheDocument();
    expect(
      within(menu).queryByRole("button", { name: "Delete the view Newest customers" }),
    ).toBeNull();

    await user.click(
      within(menu).getByRole("button", { name: "Apply the view Suspended customers" }),
    );
    await waitFor(() => expect(history.location.search).toContain("status=SUSPENDED"));
    expect(history.location.search).toContain("sort=created_desc");
    await waitFor(() =>
      expect(api.lastRequest(OrganizationService.method.listOrganizations)).toMatchObject({
        orderBy: "create_time desc",
      }),
    );
    await waitFor(() => expect(headers()).not.toContain("Members"));
    expect(headers()).toEqual(["Name", "Status", "Created"]);
  });

  it("hides a column from the column menu and saves the list as it stands as a shared view", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      orgs,
      answer(ViewService.method.listSavedViews, { views: [] }),
      answer(ViewService.method.createSavedView, { view: suspended }),
    );
    renderApp("/organizations?status=SUSPENDED", api);
    expect(await screen.findByText("Acme Hosting")).toBeInTheDocument();
    const user = userEvent.setup();

    await user.click(screen.getByRole("button", { name: "Columns" }));
    const columns = await screen.findByRole("group", { name: "Shown columns" });
    await user.click(within(columns).getByRole("checkbox", { name: "Members" }));
    await waitFor(() => expect(headers()).not.toContain("Members"));
    await user.click(within(columns).getByRole("button", { name: "Move Created up" }));
    await waitFor(() => expect(headers()).toEqual(["Name", "Status", "Created", "Workspaces"]));

    await user.click(screen.getByRole("button", { name: "Views" }));
    await user.click(await screen.findByRole("button", { name: "Save the list as a view…" }));
    const dialog = await screen.findByRole("dialog");
    await user.type(within(dialog).getByRole("textbox", { name: /Name/ }), "Suspended customers");
    await user.click(within(dialog).getByRole("switch", { name: /Share with my team/ }));
    await user.click(within(dialog).getByRole("button", { name: "Save view" }));
    await waitFor(() =>
      expect(api.lastRequest(ViewService.method.createSavedView)?.view).toMatchObject({
        page: "organizations",
        name: "Suspended customers",
        parameters: { status: "SUSPENDED" },
        columns: ["name", "status", "created", "workspaces"],
        shared: true,
      }),
    );
  });

  it("names what the server refused at the name", async () => {
    const { invalid } = await import("@/test/canned");
    const api = cannedApi(
      signedIn(anOwner()),
      orgs,
      answer(ViewService.method.listSavedViews, { views: [] }),
      answer(
        ViewService.method.createSavedView,
        invalid([
          {
            path: ["view", "name"],
            ruleId: "name.taken",
            message: "you have a view of this page named so already",
          },
        ]),
      ),
    );
    renderApp("/organizations", api);
    expect(await screen.findByText("Acme Hosting")).toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Views" }));
    await user.click(await screen.findByRole("button", { name: "Save the list as a view…" }));
    const dialog = await screen.findByRole("dialog");
    await user.type(within(dialog).getByRole("textbox", { name: /Name/ }), "Eins");
    await user.click(within(dialog).getByRole("button", { name: "Save view" }));
    expect(await within(dialog).findByText(/named so already/)).toBeInTheDocument();
  });
});
