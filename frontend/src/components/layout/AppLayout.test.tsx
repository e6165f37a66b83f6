import { Code, ConnectError, type Transport } from "@connectrpc/connect";
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { AuthService } from "@leitstand/sdk/leitstand/admin/v1/auth_service_pb.js";
import { OrganizationService } from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { aDeveloper, anOrganization, anOwner } from "@/test/builders";
import { answer, answerWith, cannedApi, signedIn, signedOut } from "@/test/canned";
import { renderApp } from "@/test/render";

const acme = anOrganization({ id: "org_0001", name: "Acme Hosting" });

describe("the panel around its pages", () => {
  it("keeps the navigation on the page of an unknown address for a signed-in user", async () => {
    renderApp("/no-such-page", cannedApi(signedIn(anOwner())));
    expect(await screen.findByText("This page does not exist.")).toBeInTheDocument();
    const nav = await screen.findByRole("navigation", { name: "Main navigation" });
    expect(within(nav).getByRole("link", { name: "Organizations" })).toBeInTheDocument();
    await waitFor(() => expect(document.title).toBe("Page not found · Leitstand"));
  });

  it("shows the page of an unknown address alone to someone not signed in", async () => {
    renderApp("/no-such-page", cannedApi(signedOut()));
    expect(await screen.findByText("This page does not exist.")).toBeInTheDocument();
    expect(screen.queryByRole("navigation", { name: "Main navigation" })).not.toBeInTheDocument();
  });

  it("tells a developer following a link which permission the page needs", async () => {
    const { history } = renderApp("/account/api-tokens", cannedApi(signedIn(aDeveloper())));
    expect(await screen.findByText("You may not see this page")).toBeInTheDocument();
    expect(
      screen.getByText(/the permission “Manage own API tokens” \(API_TOKENS_MANAGE\)/),
    ).toBeInTheDocument();
    // In the layout, at the address followed: not sent elsewhere.
    expect(screen.getByRole("navigation", { name: "Main navigation" })).toBeInTheDocument();
    expect(history.location.pathname).toBe("/account/api-tokens");
  });

  it("names the permission in German too", async () => {
    renderApp("/account/api-tokens", cannedApi(signedIn(aDeveloper())), "de");
    expect(await screen.findByText("Diese Seite dürfen Sie nicht sehen")).toBeInTheDocument();
    expect(screen.getByText(/API_TOKENS_MANAGE/)).toBeInTheDocument();
  });

  it("shows the panel in outline while the session is checked, not a blank window", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const api = cannedApi(
      answerWith(AuthService.method.getCurrentUser, () => ({ caller: anOwner() })),
      answer(OrganizationService.method.listOrganizations, { organizations: [acme], totalSize: 1 }),
    );
    // Hold the session check until the outline has been seen.
    const unary = api.transport.unary.bind(api.transport);
    const transport: Transport = {
      ...api.transport,
      unary: (async (...args: Parameters<typeof unary>) => {
        if (args[0].name === "GetCurrentUser") await gate;
        return unary(...args);
      }) as typeof unary,
    };
    renderApp("/organizations", { transport });
    expect(await screen.findByTestId("app-loading")).toHaveAttribute("aria-busy", "true");
    expect(screen.getByRole("navigation", { name: "Main navigation" })).toBeInTheDocument();
    release();
    expect(await screen.findByText("Acme Hosting")).toBeInTheDocument();
    expect(screen.queryByTestId("app-loading")).not.toBeInTheDocument();
  });

  it("says once, with a retry that works, when the server cannot be reached", async () => {
    const offline = new ConnectError("Failed to fetch", Code.Unavailable);
    const api = cannedApi(
      signedIn(anOwner()),
      answer(
        OrganizationService.method.listOrganizations,
        offline,
        offline,
        offline,
        offline,
        offline,
        offline,
        { organizations: [acme], totalSize: 1 },
      ),
    );
    renderApp("/organizations", api);
    // The page says so in place (its skeletons do not spin on), and no
    // notification says it again.
    const alert = await screen.findByRole("alert", {}, { timeout: 10_000 });
    expect(alert).toHaveTextContent("The server cannot be reached.");
    expect(screen.getAllByText(/The server cannot be reached/)).toHaveLength(1);
    expect(document.querySelector("[aria-busy='true']")).toBeNull();

    within(alert).getByRole("button", { name: "Try again" }).click();
    expect(await screen.findByText("Acme Hosting", {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(screen.queryByText(/The server cannot be reached/)).not.toBeInTheDocument();
  });

  it("keeps the panel's frame when the session cannot be checked at first load", async () => {
    const offline = new ConnectError("Failed to fetch", Code.Unavailable);
    const api = cannedApi(
      answer(AuthService.method.getCurrentUser, offline, { caller: anOwner() }),
      answer(OrganizationService.method.listOrganizations, { organizations: [acme], totalSize: 1 }),
    );
    renderApp("/organizations", api);
    const alert = await screen.findByRole("alert", {}, { timeout: 10_000 });
    expect(alert).toHaveTextContent("The server cannot be reached.");
    expect(screen.getByRole("navigation", { name: "Main navigation" })).toBeInTheDocument();
    expect(document.querySelector("[aria-busy='true']")).toBeNull();

    within(alert).getByRole("button", { name: "Try again" }).click();
    expect(await screen.findByText("Acme Hosting", {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(screen.queryByText(/The server cannot be reached/)).not.toBeInTheDocument();
  });

  it("names the page in the browser tab", async () => {
    renderApp(
      "/organizations",
      cannedApi(
        signedIn(anOwner()),
        answer(OrganizationService.method.listOrganizations, {
          organizations: [acme],
          totalSize: 1,
        }),
      ),
    );
    expect(await screen.findByText("Acme Hosting")).toBeInTheDocument();
    await waitFor(() => expect(document.title).toBe("Organizations · Leitstand"));
  });
});
