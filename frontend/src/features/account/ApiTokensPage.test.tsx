import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { AuthService } from "@leitstand/sdk/leitstand/admin/v1/auth_service_pb.js";
import { OrganizationService } from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { aDeveloper, anApiToken, anOperator } from "@/test/builders";
import { answer, cannedApi, signedIn } from "@/test/canned";
import { renderApp } from "@/test/render";

describe("API tokens", () => {
  it("shows a new token's secret once and revokes the token", async () => {
    const token = anApiToken({ id: "tok_7", name: "billing export" });
    const api = cannedApi(
      signedIn(anOperator()),
      // Empty, then with the new token, then empty again once it is revoked.
      answer(
        AuthService.method.listApiTokens,
        { apiTokens: [] },
        { apiTokens: [token] },
        { apiTokens: [] },
      ),
      answer(AuthService.method.createApiToken, {
        apiToken: token,
        secret: "lst_7ab_secretvalue0123456789",
      }),
      answer(AuthService.method.revokeApiToken, { apiToken: token }),
    );
    renderApp("/account/api-tokens", api);
    expect(await screen.findByText("You have no API tokens yet.")).toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Create token" }));
    await user.type(await screen.findByLabelText(/^Name/), " billing export ");
    await user.click(screen.getAllByRole("button", { name: "Create token" }).at(-1)!);
    expect(await screen.findByTestId("token-secret")).toHaveTextContent(
      "lst_7ab_secretvalue0123456789",
    );
    const [created] = api.requests(AuthService.method.createApiToken);
    expect(created?.name).toBe("billing export");
    expect(created?.expireTime).toBeUndefined();
    await user.click(screen.getByRole("button", { name: "Close" }));
    await waitFor(() => expect(screen.queryByTestId("token-secret")).not.toBeInTheDocument());

    await user.click(await screen.findByRole("button", { name: "Actions: billing export" }));
    await user.click(await screen.findByRole("menuitem", { name: "Revoke" }));
    await user.click(await screen.findByRole("button", { name: "Revoke" }));
    expect(await screen.findByText("You have no API tokens yet.")).toBeInTheDocument();
    expect(api.requests(AuthService.method.revokeApiToken)).toMatchObject([{ id: "tok_7" }]);
  });

  it("is not offered to a developer", async () => {
    const api = cannedApi(
      signedIn(aDeveloper()),
      answer(OrganizationService.method.listOrganizations, { organizations: [] }),
    );
    const { history } = renderApp("/account/api-tokens", api);
    // A link followed says which permission the page needs, where it led.
    expect(await screen.findByText("You may not see this page")).toBeInTheDocument();
    expect(screen.getByText(/API_TOKENS_MANAGE/)).toBeInTheDocument();
    expect(history.location.pathname).toBe("/account/api-tokens");
    expect(api.requests(AuthService.method.listApiTokens)).toHaveLength(0);
  });
});
