import { describe, expect, it } from "vitest";
import { Permission } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import { allTexts } from "@/test/texts";
import { permissionHelpKey, permissionKey } from "./labels";

// Each page loads its areas' texts; these tests check the texts of all areas.
const { en, de } = await allTexts();

// Every permission of the API contract is named and explained in both
// languages (the roles page and the member page show them): a permission
// added to authz.proto fails here until lib/i18n/shared.ts has its texts.
describe("every permission of the contract", () => {
  const permissions = Object.values(Permission).filter(
    (p): p is Permission => typeof p === "number" && p !== Permission.UNSPECIFIED,
  );

  it.each(permissions.map((p) => [Permission[p], p] as const))("%s has its texts", (_, p) => {
    for (const texts of [en, de] as Record<string, string | undefined>[]) {
      expect(texts[permissionKey(p)]?.trim()).toBeTruthy();
      expect(texts[permissionHelpKey(p)]?.trim()).toBeTruthy();
    }
  });
});
