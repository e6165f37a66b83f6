import { describe, expect, it } from "vitest";
import { Permission, PlatformRole, rolePermissions } from "./auth";

describe("rolePermissions", () => {
  it("reads each role's permissions from the API contract", () => {
    expect(rolePermissions(PlatformRole.OWNER)).toHaveLength(48);
    expect(rolePermissions(PlatformRole.OPERATOR)).toContain(Permission.CONTAINERS_CONTROL);
    expect(rolePermissions(PlatformRole.OPERATOR)).not.toContain(Permission.PLATFORM_ROLES_MANAGE);
    expect(rolePermissions(PlatformRole.OPERATOR)).not.toContain(Permission.PERMISSIONS_MANAGE);
    expect(rolePermissions(PlatformRole.OPERATOR)).toContain(Permission.JOBS_TRIGGER);
    expect(rolePermissions(PlatformRole.OPERATOR)).not.toContain(Permission.SETTINGS_WRITE);
    expect(rolePermissions(PlatformRole.OPERATOR)).toContain(Permission.ACCOUNTS_READ);
    // Changing a tier is an extra permission an operator is granted.
    expect(rolePermissions(PlatformRole.OPERATOR)).not.toContain(Permission.TIERS_CHANGE);
    expect(rolePermissions(PlatformRole.DEVELOPER)).toEqual([
      Permission.ORGANIZATIONS_READ,
      Permission.MEMBERS_READ,
      Permission.AUDIT_READ,
      Permission.JOBS_READ,
      Permission.SETTINGS_READ,
      Permission.SERVERS_READ,
      Permission.CATALOG_READ,
      Permission.SERVICES_READ,
      Permission.ORDERS_READ,
      Permission.ALERTS_READ,
      Permission.FEEDBACK_READ,
      Permission.PLANS_READ,
      Permission.USAGE_READ,
      Permission.TRAINING_READ,
      Permission.BILLING_ENTITIES_READ,
      Permission.WEBHOOKS_READ,
      Permission.IMAGES_READ,
    ]);
    expect(rolePermissions(PlatformRole.OPERATOR)).toContain(Permission.CATALOG_WRITE);
    expect(rolePermissions(PlatformRole.OPERATOR)).toContain(Permission.SERVICES_WRITE);
    expect(rolePermissions(PlatformRole.OWNER)).toContain(Permission.SERVICES_REVEAL_CREDENTIALS);
    expect(rolePermissions(PlatformRole.OPERATOR)).not.toContain(
      Permission.SERVICES_REVEAL_CREDENTIALS,
    );
    expect(rolePermissions(PlatformRole.OPERATOR)).toContain(Permission.TRAINING_WRITE);
    expect(rolePermissions(PlatformRole.DEVELOPER)).not.toContain(Permission.TRAINING_WRITE);
    expect(rolePermissions(PlatformRole.OPERATOR)).toContain(Permission.WEBHOOKS_READ);
    expect(rolePermissions(PlatformRole.OPERATOR)).not.toContain(Permission.WEBHOOKS_MANAGE);
    expect(rolePermissions(PlatformRole.OPERATOR)).toContain(Permission.IMAGES_MANAGE);
    expect(rolePermissions(PlatformRole.DEVELOPER)).not.toContain(Permission.IMAGES_MANAGE);
    expect(rolePermissions(PlatformRole.USER)).toEqual([]);
  });
});
