import { describe, expect, it } from "vitest";
import { isSafeRedirect, signInSearchSchema } from "./search";

const origin = "https://leitstand.example";

describe("the place to return to after signing in", () => {
  it.each(["/organizations/org_0001?tab=members", "/servers?health=CRITICAL#top", "/audit"])(
    "accepts the path of this app %s",
    (path) => {
      expect(isSafeRedirect(path, origin)).toBe(true);
    },
  );

  it.each([
    "https://evil.example/",
    "//evil.example/organizations",
    "/\\evil.example",
    "/\t/evil.example",
    "javascript:alert(1)",
    "organizations",
    "/sign-in?redirect=/audit",
    "",
  ])("refuses %j", (path) => {
    expect(isSafeRedirect(path, origin)).toBe(false);
  });

  it("drops an unsafe redirect from the sign-in page's address", () => {
    expect(signInSearchSchema.parse({ redirect: "//evil.example" }).redirect).toBeUndefined();
    expect(signInSearchSchema.parse({ redirect: "/members?q=anna" }).redirect).toBe(
      "/members?q=anna",
    );
  });
});
