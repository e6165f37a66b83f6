import { expect, it } from "vitest";
import { initials } from "./text";

it("makes initials from names and addresses", () => {
  expect(initials("Olivia Owner")).toBe("OO");
  expect(initials("Anna Maria Becker")).toBe("AB");
  expect(initials("uwe")).toBe("U");
  expect(initials("anna.becker@acme.example")).toBe("AB");
  expect(initials("  ")).toBe("?");
});
