import { Code, ConnectError } from "@connectrpc/connect";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { AuthService } from "@leitstand/sdk/leitstand/admin/v1/auth_service_pb.js";
import { MemberService } from "@leitstand/sdk/leitstand/admin/v1/member_service_pb.js";
import { OrganizationService } from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { aCustomerUser, aMember, anOrganization, anOwner } from "@/test/builders";
import { answer, cannedApi, signedIn, signedOut, unauthenticated } from "@/test/canned";
import { renderApp } from "@/test/render";

const owner = anOwner();
const wrongPassword = new ConnectError("wrong e-mail or password", Code.Unauthenticated);

describe("sign-in", () => {
  it("sends a visitor to the sign-in page and back to where they wanted to go", async () => {
    const api = cannedApi(
      answer(AuthService.method.getCurrentUser, unauthenticated(), { caller: owner }),
      answer(AuthService.method.login, { caller: owner }),
      answer(MemberService.method.listMembers, { members: [aMember()] }),
    );
    const { history } = renderApp("/members", api);
    const email = await screen.findByLabelText("E-mail address");
    expect(history.location.pathname).toBe("/sign-in");
    expect(screen.queryByTestId("session-ended")).not.toBeInTheDocument();

    const user = userEvent.setup();
    await user.type(email, ` ${owner.email} `);
    await user.type(screen.getByLabelText("Password", { exact: true }), "leitstand-demo");
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    expect(await screen.findByRole("heading", { name: "Members" })).toBeInTheDocument();
    expect(history.location.pathname).toBe("/members");
    expect(screen.getByTestId("caller-name")).toHaveTextContent("Olivia Owner");
    expect(screen.getByTestId("caller-role")).toHaveTextContent("Owner");
    expect(api.requests(AuthService.method.login)).toMatchObject([
      { email: owner.email, password: "leitstand-demo", oneTimeCode: "" },
    ]);
  });

  it("returns to the deep link it interrupted, with its filters, and only within the app", async () => {
    const api = cannedApi(
      answer(AuthService.method.getCurrentUser, unauthenticated(), { caller: owner }),
      answer(AuthService.method.login, { caller: owner }),
      answer(MemberService.method.listMembers, { members: [aMember()] }),
    );
    const { history } = renderApp("/members?q=anna", api);
    const email = await screen.findByLabelText("E-mail address");
    expect(history.location.pathname).toBe("/sign-in");
    const user = userEvent.setup();
    await user.type(email, owner.email);
    await user.type(screen.getByLabelText("Password", { exact: true }), "leitstand-demo");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    await waitFor(() => expect(history.location.pathname).toBe("/members"));
    expect(history.location.search).toBe("?q=anna");
    expect(api.lastRequest(MemberService.method.listMembers)?.filter?.query).toBe("anna");
  });

  it("checks the fields before calling the server", async () => {
    const api = cannedApi(signedOut(), answer(AuthService.method.login, wrongPassword));
    renderApp("/sign-in", api);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Sign in" }));
    expect(await screen.findAllByText("This field is required.")).toHaveLength(2);
    await user.type(screen.getByLabelText("E-mail address"), "not-an-address");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByText("Enter a valid e-mail address.")).toBeInTheDocument();
    expect(api.requests(AuthService.method.login)).toHaveLength(0);
  });

  it("says so when the password is wrong, in the interface language", async () => {
    const api = cannedApi(signedOut(), answer(AuthService.method.login, wrongPassword));
    renderApp("/sign-in", api, "de");
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("E-Mail-Adresse"), owner.email);
    await user.type(screen.getByLabelText("Passwort", { exact: true }), "wrong");
    await user.click(screen.getByRole("button", { name: "Anmelden" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "E-Mail-Adresse oder Passwort ist falsch.",
    );
  });

  it("sends the user back to sign-in with a message when the session ends", async () => {
    const api = cannedApi(
      signedIn(owner),
      answer(OrganizationService.method.listOrganizations, {
        organizations: [anOrganization()],
        totalSize: 1,
      }),
      // The session ended on the server meanwhile.
      answer(MemberService.method.listMembers, unauthenticated()),
    );
    const { history } = renderApp("/organizations", api);
    expect(await screen.findByRole("heading", { name: "Organizations" })).toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(screen.getByRole("link", { name: "Members" }));
    expect(await screen.findByTestId("session-ended")).toHaveTextContent(
      "Your session has ended. Please sign in again.",
    );
    await waitFor(() => expect(history.location.pathname).toBe("/sign-in"));
  });

  it("shows a user without staff access the no-access page with sign-out", async () => {
    const api = cannedApi(signedIn(aCustomerUser()), answer(AuthService.method.logout, {}));
    const { history } = renderApp("/organizations", api);
    expect(
      await screen.findByRole("heading", { name: "No access to the administration panel" }),
    ).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Organizations" })).not.toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Sign out" }));
    await waitFor(() => expect(history.location.pathname).toBe("/sign-in"));
    expect(await screen.findByText("You have signed out.")).toBeInTheDocument();
    expect(api.calls()).toEqual(["AuthService/GetCurrentUser", "AuthService/Logout"]);
  });
});
