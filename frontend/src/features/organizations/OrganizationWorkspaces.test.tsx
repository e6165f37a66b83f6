import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { Permission } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import {
  OrganizationRole,
  OrganizationService,
} from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import {
  anOperator,
  anOrganization,
  anOrganizationMember,
  anOwner,
  aWorkspace,
} from "@/test/builders";
import { answer, cannedApi, refused, signedIn, type Canned } from "@/test/canned";
import { renderApp } from "@/test/render";

const get = OrganizationService.method.getOrganization;
const addMember = OrganizationService.method.addWorkspaceMember;
const removeMember = OrganizationService.method.removeWorkspaceMember;

const anna = anOrganizationMember({
  userId: "usr_anna",
  email: "anna.becker@acme.example",
  displayName: "Anna Becker",
  role: OrganizationRole.OWNER,
});
const ben = anOrganizationMember({
  userId: "usr_ben",
  email: "ben.schulz@acme.example",
  displayName: "Ben Schulz",
  role: OrganizationRole.MEMBER,
});
const carla = anOrganizationMember({
  userId: "usr_carla",
  email: "carla.wolf@acme.example",
  displayName: "",
  role: OrganizationRole.MEMBER,
});
const inWorkspace = (m: typeof anna) => ({
  userId: m.userId,
  email: m.email,
  displayName: m.displayName,
});

const production = aWorkspace({
  id: "ws_prod",
  name: "Production",
  members: [inWorkspace(ben)],
});
const staging = aWorkspace({ id: "ws_staging", name: "Staging", members: [] });
const organization = {
  organization: anOrganization({ id: "org_0001", name: "Acme Hosting" }),
  workspaces: [production, staging],
  members: [anna, ben, carla],
};

function openWorkspaces(answers: Canned[], caller = anOwner(), locale: "en" | "de" = "en") {
  const api = cannedApi(signedIn(caller), answer(get, organization), ...answers);
  renderApp("/organizations/org_0001?tab=workspaces", api, locale);
  return { api, user: userEvent.setup() };
}

const row = async (name: string) =>
  (await screen.findByRole("cell", { name })).closest("tr") as HTMLElement;

describe("organization workspaces", () => {
  it("lists each workspace's members and says who sees which workspace in the portal", async () => {
    openWorkspaces([]);
    const prod = await row("Production");
    expect(within(prod).getByTestId("workspace-members")).toHaveTextContent(/^Ben Schulz$/);
    expect(within(await row("Staging")).getByTestId("workspace-members")).toHaveTextContent(/^—$/);
    expect(screen.getByTestId("workspace-visibility-hint")).toHaveTextContent(
      "owners and admins see every workspace; a member sees only the workspaces they were added to or administer",
    );
  });

  it("offers no changes of members to someone who may not change organizations", async () => {
    const reader = anOperator({
      permissions: anOperator().permissions.filter((p) => p !== Permission.ORGANIZATIONS_WRITE),
    });
    openWorkspaces([], reader);
    const prod = await row("Production");
    expect(within(prod).getByText("Ben Schulz")).toBeInTheDocument();
    expect(
      screen.queryByRole("button", { name: "Add a member: Production" }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole("button", { name: "Remove Ben Schulz from Production" }),
    ).not.toBeInTheDocument();
  });

  it("adds a member of the organization who is not in the workspace yet", async () => {
    const withCarla = aWorkspace({
      id: "ws_prod",
      name: "Production",
      members: [inWorkspace(ben), inWorkspace(carla)],
    });
    const { api, user } = openWorkspaces([
      answer(addMember, { workspace: withCarla }),
      answer(get, organization, { ...organization, workspaces: [withCarla, staging] }),
    ]);
    await user.click(await screen.findByRole("button", { name: "Add a member: Production" }));
    const dialog = await screen.findByRole("dialog", { name: "Add a member to Production" });
    await user.click(
      within(dialog).getByLabelText(/Member of the organization/, { selector: "input" }),
    );
    // Ben is in it already; Carla has no name and is offered by her address.
    const options = (await screen.findAllByRole("option")).map((o) => o.textContent);
    expect(options).toHaveLength(2);
    expect(options[0]).toContain("Anna Becker");
    expect(options[0]).toContain("Owner");
    expect(options[1]).toContain("carla.wolf@acme.example");
    await user.click(screen.getByRole("option", { name: /carla\.wolf/ }));
    await user.type(within(dialog).getByLabelText("Reason (optional)"), "works on the shop");
    await user.click(within(dialog).getByRole("button", { name: "Add to workspace" }));

    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(api.requests(addMember)).toMatchObject([
      { workspaceId: "ws_prod", userId: "usr_carla", reason: "works on the shop" },
    ]);
    expect(await screen.findByText("carla.wolf@acme.example added to Production")).toBeVisible();
    // The organization is loaded again, with the workspace's new member.
    await waitFor(() =>
      expect(
        within(screen.getByRole("cell", { name: "Production" }).closest("tr")!).getByText(
          "carla.wolf@acme.example",
        ),
      ).toBeInTheDocument(),
    );
  });

  it("asks for a member before adding", async () => {
    const { api, user } = openWorkspaces([answer(addMember, { workspace: production })]);
    await user.click(await screen.findByRole("button", { name: "Add a member: Staging" }));
    const dialog = await screen.findByRole("dialog");
    await user.click(within(dialog).getByRole("button", { name: "Add to workspace" }));
    expect(await within(dialog).findByText("This field is required.")).toBeInTheDocument();
    expect(api.requests(addMember)).toHaveLength(0);
  });

  it("removes a member after asking, and shows the server's refusal", async () => {
    const { api, user } = openWorkspaces([
      answer(removeMember, refused("the organization is closed"), {
        workspace: aWorkspace({ id: "ws_prod", name: "Production", members: [] }),
      }),
    ]);
    await user.click(
      await screen.findByRole("button", { name: "Remove Ben Schulz from Production" }),
    );
    const dialog = await screen.findByRole("dialog", {
      name: "Remove Ben Schulz from Production?",
    });
    expect(dialog).toHaveTextContent("They stay in the organization.");
    // Nothing is sent before it is confirmed.
    expect(api.requests(removeMember)).toHaveLength(0);
    await user.click(within(dialog).getByRole("button", { name: "Remove from workspace" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent(
      "the organization is closed",
    );

    await user.type(within(dialog).getByLabelText("Reason (optional)"), "left the project");
    await user.click(within(dialog).getByRole("button", { name: "Remove from workspace" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(api.requests(removeMember)).toMatchObject([
      { workspaceId: "ws_prod", userId: "usr_ben", reason: "" },
      { workspaceId: "ws_prod", userId: "usr_ben", reason: "left the project" },
    ]);
    expect(await screen.findByText("Ben Schulz removed from Production")).toBeVisible();
  });

  it("speaks German", async () => {
    const { user } = openWorkspaces([], anOwner(), "de");
    expect(await screen.findByTestId("workspace-visibility-hint")).toHaveTextContent(
      "Im Kundenportal sehen Eigentümer und Admins der Organisation jeden Workspace",
    );
    await user.click(
      await screen.findByRole("button", { name: "Ben Schulz aus Production entfernen" }),
    );
    expect(
      await screen.findByRole("dialog", { name: "Ben Schulz aus Production entfernen?" }),
    ).toBeInTheDocument();
  });
});
