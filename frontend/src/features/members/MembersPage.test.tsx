import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { Permission, PlatformRole } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import {
  DisabledFilter,
  MemberService,
} from "@leitstand/sdk/leitstand/admin/v1/member_service_pb.js";
import { aMember, anOwner, aStaffMember, at } from "@/test/builders";
import { answer, answerWith, cannedApi, signedIn } from "@/test/canned";
import { renderApp, tableRows } from "@/test/render";

const anna = aMember();

describe("members", () => {
  it("filters by role and disabled state through the URL", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      answerWith(MemberService.method.listMembers, (request) =>
        request.filter?.disabled === DisabledFilter.DISABLED_ONLY
          ? { members: [], totalSize: 0 }
          : {
              members: [aStaffMember(PlatformRole.OWNER), aStaffMember(PlatformRole.OPERATOR)],
              totalSize: 2,
            },
      ),
    );
    const { history } = renderApp("/members?role=OWNER,OPERATOR", api);
    await screen.findByText("owner@demo.leitstand.test");
    expect(await tableRows()).toHaveLength(2);
    expect(api.lastRequest(MemberService.method.listMembers)?.filter).toMatchObject({
      platformRoles: [PlatformRole.OWNER, PlatformRole.OPERATOR],
      disabled: DisabledFilter.UNSPECIFIED,
    });
    const user = userEvent.setup();
    await user.click(screen.getByRole("radio", { name: "Disabled" }));
    await waitFor(() => expect(history.location.search).toContain("state=disabled"));
    expect(await screen.findByText("Nothing matches these filters.")).toBeInTheDocument();
    expect(api.lastRequest(MemberService.method.listMembers)?.filter).toMatchObject({
      platformRoles: [PlatformRole.OWNER, PlatformRole.OPERATOR],
      disabled: DisabledFilter.DISABLED_ONLY,
    });
  });

  it("disables a member with a reason and shows the new state", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      answer(
        MemberService.method.listMembers,
        { members: [anna] },
        { members: [{ ...anna, disabled: true }] },
      ),
      answer(MemberService.method.disableMember, { member: { ...anna, disabled: true } }),
    );
    renderApp("/members?q=anna", api);
    await screen.findByText("anna.becker@acme.example");
    expect(api.lastRequest(MemberService.method.listMembers)?.filter?.query).toBe("anna");
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Actions: Anna Becker" }));
    await user.click(await screen.findByRole("menuitem", { name: "Disable sign-in" }));
    await user.type(await screen.findByLabelText(/Reason/), "left the customer");
    await user.click(screen.getByRole("button", { name: "Disable sign-in" }));
    const [row] = await tableRows();
    await waitFor(() =>
      expect(within(row as HTMLElement).getByText("Disabled")).toBeInTheDocument(),
    );
    expect(api.requests(MemberService.method.disableMember)).toMatchObject([
      { id: "usr_anna", reason: "left the customer" },
    ]);
  });

  it("shows the current role and what the new one allows before changing it", async () => {
    const dev = aStaffMember(PlatformRole.DEVELOPER, { displayName: "Dana Dev" });
    const api = cannedApi(
      signedIn(anOwner()),
      answer(MemberService.method.listMembers, { members: [dev] }),
      answer(MemberService.method.setPlatformRole, {
        member: { ...dev, platformRole: PlatformRole.OPERATOR },
      }),
    );
    renderApp("/members", api);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Actions: Dana Dev" }));
    await user.click(await screen.findByRole("menuitem", { name: "Change platform role" }));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByText("Current role: Developer.")).toBeInTheDocument();
    // Unchanged, the list is the current role's.
    expect(within(dialog).getByText("Developer may:")).toBeInTheDocument();

    await user.click(within(dialog).getByLabelText(/^New platform role/, { selector: "input" }));
    await user.click(await screen.findByRole("option", { name: "Operator" }));
    const allows = within(dialog).getByTestId("role-change");
    expect(allows).toHaveTextContent("Operator may:");
    // From the contract's granted_to: an operator may change organizations, a developer not.
    const change = within(allows).getByText("Change organizations").closest("li") as HTMLElement;
    expect(within(change).getByText("new")).toBeInTheDocument();
    const read = within(allows).getByText("Read organizations").closest("li") as HTMLElement;
    expect(within(read).queryByText("new")).not.toBeInTheDocument();
  });

  it("grants only permissions beyond the member's role and those granted already", async () => {
    // Dana's role reads organizations; running jobs was granted to her before.
    const dana = aStaffMember(PlatformRole.DEVELOPER, {
      extraPermissions: [Permission.JOBS_TRIGGER],
    });
    const granted = {
      ...dana,
      extraPermissions: [Permission.JOBS_TRIGGER, Permission.ORGANIZATIONS_WRITE],
    };
    const api = cannedApi(
      signedIn(anOwner()),
      answer(
        MemberService.method.getMember,
        { member: dana },
        {
          member: granted,
          grants: [
            {
              permission: Permission.ORGANIZATIONS_WRITE,
              grantedById: "usr_owner",
              reason: "covers support this week",
              createTime: at("2026-03-02T10:00:00Z"),
            },
          ],
        },
      ),
      answer(MemberService.method.grantPermission, { member: granted }),
    );
    renderApp("/members/usr_developer", api);
    await screen.findByRole("heading", { name: /Dana Developer/ });
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Actions: Dana Developer" }));
    await user.click(await screen.findByRole("menuitem", { name: "Grant permission" }));
    await user.click(await screen.findByLabelText(/^Permission/, { selector: "input" }));
    expect(await screen.findByRole("option", { name: "Change organizations" })).toBeInTheDocument();
    expect(screen.queryByRole("option", { name: "Read organizations" })).not.toBeInTheDocument();
    expect(screen.queryByRole("option", { name: "Run jobs now" })).not.toBeInTheDocument();
    await user.click(screen.getByRole("option", { name: "Change organizations" }));
    await user.type(screen.getByLabelText(/Reason/), "covers support this week");
    await user.click(screen.getByRole("button", { name: "Confirm" }));
    expect(
      await screen.findByText("covers support this week", { exact: false }),
    ).toBeInTheDocument();
    expect(api.requests(MemberService.method.grantPermission)).toMatchObject([
      {
        id: "usr_developer",
        permission: Permission.ORGANIZATIONS_WRITE,
        reason: "covers support this week",
      },
    ]);
  });
});
