/// <reference types="vitest/config" />
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { fileURLToPath, URL } from "node:url";
import { tanstackRouter } from "@tanstack/router-plugin/vite";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

// The API the dev server forwards /leitstand.admin.v1.* calls to.
const apiTarget = process.env.LEITSTAND_API ?? "http://127.0.0.1:8080";

/**
 * The build manifest (used by `npm run size`) is moved out of dist/, so the
 * binary, which embeds and serves all of dist/, does not publish it.
 */
function manifestOutOfDist(): Plugin {
  const dist = fileURLToPath(new URL("./dist/", import.meta.url));
  const target = fileURLToPath(new URL("./.build/", import.meta.url));
  return {
    name: "leitstand:manifest-out-of-dist",
    apply: "build",
    closeBundle() {
      const manifest = `${dist}.vite/manifest.json`;
      if (!existsSync(manifest)) return;
      mkdirSync(target, { recursive: true });
      renameSync(manifest, `${target}manifest.json`);
      rmSync(`${dist}.vite`, { recursive: true, force: true });
    },
  };
}

export default defineConfig({
  plugins: [
    tanstackRouter({
      target: "react",
      autoCodeSplitting: true,
      routesDirectory: "./src/routes",
      generatedRouteTree: "./src/routeTree.gen.ts",
      quoteStyle: "double",
      semicolons: true,
    }),
    react(),
    manifestOutOfDist(),
  ],
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./src", import.meta.url)),
    },
    // ../gen/ts keeps its own node_modules for generation; the SPA must use one copy.
    dedupe: ["@bufbuild/protobuf", "@bufbuild/protovalidate", "react", "react-dom"],
  },
  server: {
    proxy: {
      "/leitstand.admin.v1": { target: apiTarget, changeOrigin: true },
    },
  },
  preview: {
    proxy: {
      "/leitstand.admin.v1": { target: apiTarget, changeOrigin: true },
    },
  },
  build: {
    target: "es2022",
    sourcemap: false,
    chunkSizeWarningLimit: 600,
    manifest: true,
    rolldownOptions: {
      treeshake: {
        // The icon package declares no "sideEffects"; its modules are pure, so
        // only the icons in use end up in the bundle.
        moduleSideEffects: (id: string) => !id.includes("@tabler/icons-react"),
      },
    },
  },
  test: {
    environment: "jsdom",
    globals: false,
    setupFiles: ["./src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    css: false,
    testTimeout: 15000,
  },
});
