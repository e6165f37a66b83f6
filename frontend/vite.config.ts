/// <reference types="vitest/config" />
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { availableParallelism } from "node:os";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath, URL } from "node:url";
import { promisify } from "node:util";
import { brotliCompress, constants as zlib, gzip } from "node:zlib";
import { tanstackRouter } from "@tanstack/router-plugin/vite";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin, type ResolvedConfig } from "vite";

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

/**
 * Writes a brotli (.br) and a gzip (.gz) copy next to each text file of
 * dist/, compressed once at the highest levels; the binary sends them to
 * browsers that accept them (server/internal/web). Files below 1 kB, and
 * copies that would not be at least 10 % smaller, are left out. WOFF2 fonts
 * are compressed already.
 */
function precompress(): Plugin {
  const compressible = new Set([".js", ".mjs", ".css", ".html", ".svg", ".json", ".txt", ".xml"]);
  const brotli = promisify(brotliCompress);
  const gzipped = promisify(gzip);
  const encoders: [suffix: string, encode: (data: Buffer) => Promise<Buffer>][] = [
    [
      ".br",
      (data) =>
        brotli(data, {
          params: {
            [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY,
            [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
            [zlib.BROTLI_PARAM_SIZE_HINT]: data.length,
          },
        }),
    ],
    [".gz", (data) => gzipped(data, { level: zlib.Z_BEST_COMPRESSION })],
  ];
  let config: ResolvedConfig;
  return {
    name: "leitstand:precompress",
    apply: "build",
    configResolved(resolved) {
      config = resolved;
    },
    async closeBundle() {
      const outDir = resolve(config.root, config.build.outDir);
      const files = readdirSync(outDir, { recursive: true, encoding: "utf8" })
        // Not .vite/, the manifest's folder that manifestOutOfDist removes.
        .filter((name) => !name.split(sep).some((part) => part.startsWith(".")))
        .filter((name) => compressible.has(extname(name)))
        .map((name) => join(outDir, name))
        .filter((file) => {
          const stat = statSync(file);
          return stat.isFile() && stat.size >= 1024;
        });
      const written = new Map(encoders.map(([suffix]) => [suffix, { files: 0, bytes: 0 }]));
      await Promise.all(
        files.flatMap((file) => {
          const data = readFileSync(file);
          return encoders.map(async ([suffix, encode]) => {
            const packed = await encode(data);
            if (packed.length > data.length * 0.9) return;
            writeFileSync(file + suffix, packed);
            const total = written.get(suffix)!;
            total.files++;
            total.bytes += packed.length;
          });
        }),
      );
      const summary = [...written].map(
        ([suffix, { files, bytes }]) => `${files} ${suffix} (${(bytes / 1000).toFixed(1)} kB)`,
      );
      config.logger.info(`precompressed: ${summary.join(", ")}`);
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
    precompress(),
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
      "/api/export": { target: apiTarget, changeOrigin: true },
      "/files": { target: apiTarget, changeOrigin: true },
    },
  },
  preview: {
    proxy: {
      "/leitstand.admin.v1": { target: apiTarget, changeOrigin: true },
      "/api/export": { target: apiTarget, changeOrigin: true },
      "/files": { target: apiTarget, changeOrigin: true },
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
    // Every core: the default leaves one free, which on a machine of two
    // runs the component tests one file at a time (9 minutes instead of 6).
    maxWorkers: availableParallelism(),
  },
});
