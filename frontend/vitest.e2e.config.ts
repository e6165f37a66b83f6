import { defineConfig } from "vitest/config";

// End-to-end tests: real Chromium (Debian's, through playwright-core) against
// the real binary built with -tags spa (LEITSTAND_BIN, default ../bin/leitstand).
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.ts"],
    environment: "node",
    globalSetup: ["./e2e/global-setup.ts"],
    setupFiles: ["./e2e/csp.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ["default"],
  },
});
