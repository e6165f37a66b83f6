import { defineConfig } from "vitest/config";

// Browser timings against the real binary (`npm run perf`, part of
// `make bench`): measurements that report their budget, kept out of the
// pass/fail end-to-end suite (vitest.e2e.config.ts).
export default defineConfig({
  test: {
    include: ["e2e/**/*.perf.ts"],
    environment: "node",
    globalSetup: ["./e2e/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    reporters: ["default"],
  },
});
