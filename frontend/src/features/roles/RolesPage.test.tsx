import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Permission, PlatformRole } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import { RoleService } from "@leitstand/sdk/leitstand/admin/v1/role_service_pb.js";
import { aDeveloper, anOperator } from "@/test/builders";
import { answer, cannedApi, signedIn } from "@/test/canned";
import { renderApp } from "@/test/render";

/** What a permission's row says for each role, in the order of the columns. */
async function cellsOf(permission: string) {
  const header = await screen.findByRole("rowheader", { name: new RegExp(`^${permission}`) });
  return within(header.closest("tr") as HTMLElement)
    .getAllByRole("cell")
    .map((cell) => (within(cell).queryByText("Granted") ? "Granted" : "Not granted"));
}

const roles = answer(RoleService.method.listRoles, {
  roles: [
    {
      role: PlatformRole.OWNER,
      permissions: [Permission.JOBS_READ, Permission.JOBS_TRIGGER, Permission.SETTINGS_WRITE],
      userCount: 1,
    },
    {
      role: PlatformRole.OPERATOR,
      permissions: [Permission.JOBS_READ, Permission.JOBS_TRIGGER],
      userCount: 2,
    },
    { role: PlatformRole.DEVELOPER, permissions: [Permission.JOBS_READ], userCount: 1 },
    { role: PlatformRole.USER, permissions: [], userCount: 5 },
  ],
  allPermissions: [Permission.JOBS_READ, Permission.JOBS_TRIGGER, Permission.SETTINGS_WRITE],
});

describe("roles", () => {
  it("shows which permissions each role holds, as the server lists them", async () => {
    renderApp("/roles", cannedApi(signedIn(aDeveloper()), roles));
    const matrix = await screen.findByRole("table", { name: "Permissions of each role" });
    const headers = within(matrix).getAllByRole("columnheader");
    expect(headers.map((h) => h.textContent)).toEqual([
      "Permission",
      "Owner1 user",
      "Operator2 users",
      "Developer1 user",
      "User5 users",
    ]);
    expect(within(matrix).getAllByRole("rowheader")).toHaveLength(3);

    expect(await cellsOf("Run jobs now")).toEqual([
      "Granted",
      "Granted",
      "Not granted",
      "Not granted",
    ]);
    expect(await cellsOf("Read jobs")).toEqual(["Granted", "Granted", "Granted", "Not granted"]);
    expect(screen.getByText("Run a background job now, outside its schedule.")).toBeInTheDocument();
    expect(await cellsOf("Change settings")).toEqual([
      "Granted",
      "Not granted",
      "Not granted",
      "Not granted",
    ]);
  });

  it("is in the navigation for those who may read members", async () => {
    renderApp("/roles", cannedApi(signedIn(anOperator()), roles));
    await screen.findByRole("table", { name: "Permissions of each role" });
    expect(screen.getByRole("link", { name: "Roles" })).toHaveAttribute("href", "/roles");
  });
});
