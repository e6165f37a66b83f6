import { afterEach, expect } from "vitest";
import { cspViolations } from "./browser";

// A page that the Content-Security-Policy blocked (an inline script, a
// foreign source) fails its test, with what was blocked.
afterEach(() => {
  const seen = cspViolations.splice(0);
  expect(seen, "Content-Security-Policy violations").toEqual([]);
});
