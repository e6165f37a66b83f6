import { describe, expect, it } from "vitest";
import { Permission, PlatformRole, rolePermissions } from "./auth";

describe("rolePermissions", () => {
  it("reads each role's permissions from the API contract", () => {
    expect(rolePermissions(PlatformRole.OWNER)).toHaveLength(8);
    expect(rolePermissions(PlatformRole.OPERATOR)).not.toContain(Permission.PLATFORM_ROLES_MANAGE);
    expect(rolePermissions(PlatformRole.OPERATOR)).not.toContain(Permission.PERMISSIONS_MANAGE);
    expect(rolePermissions(PlatformRole.DEVELOPER)).toEqual([
      Permission.ORGANIZATIONS_READ,
      Permission.MEMBERS_READ,
      Permission.AUDIT_READ,
    ]);
    expect(rolePermissions(PlatformRole.USER)).toEqual([]);
  });
});
