// @ts-check
import { readdirSync } from "node:fs";
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const features = readdirSync(new URL("./src/features", import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const noBarrels = {
  group: ["**/index", "**/index.ts", "**/index.tsx"],
  message: "No barrel files: import the module itself.",
};

// Features do not import each other: each may use src/components and src/lib,
// never another feature (shared code moves to components/ or lib/). Imports
// by alias are checked by name; relative imports may not climb out of the
// feature's own folder (one rule per folder depth).
const featureBoundaries = features.flatMap((feature) =>
  [0, 1, 2, 3, 4].map((depth) => ({
    files: [`src/features/${feature}/${"*/".repeat(depth)}*.{ts,tsx}`],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            noBarrels,
            {
              group: ["@/features/*", `!@/features/${feature}`, `!@/features/${feature}/**`],
              message:
                "Features do not import each other; move shared code to src/components or src/lib.",
            },
            {
              regex: `^(\\.\\./){${depth + 1},}`,
              message: "Features do not import each other: stay inside this feature's folder.",
            },
            {
              group: ["@/routes/*", "@/routes/**"],
              message: "Features do not import routes; use getRouteApi.",
            },
          ],
        },
      ],
    },
  })),
);

export default tseslint.config(
  {
    ignores: [
      "dist",
      ".build",
      "node_modules",
      "screenshots",
      "test-results",
      ".tanstack",
      "src/routeTree.gen.ts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    languageOptions: {
      ecmaVersion: 2022,
      globals: { ...globals.browser },
    },
    plugins: {
      "react-hooks": reactHooks,
    },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-restricted-imports": ["error", { patterns: [noBarrels] }],
    },
  },
  // Shared code does not depend on any feature.
  {
    files: ["src/components/**/*.{ts,tsx}", "src/lib/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            noBarrels,
            {
              group: ["@/features/*", "@/features/**", "@/routes/*", "@/routes/**"],
              message: "src/components and src/lib are shared: they import no feature or route.",
            },
          ],
        },
      ],
    },
  },
  // The one exception: the texts of every area are composed in src/lib/i18n,
  // which names each feature's dictionary (its i18n.ts, nothing else).
  {
    files: ["src/lib/i18n/messages.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            noBarrels,
            {
              regex: "^@/features/(?![^/]+/i18n$)",
              message:
                "src/lib/i18n/messages.ts composes the features' dictionaries (i18n.ts) and imports nothing else of a feature.",
            },
            {
              group: ["@/routes/*", "@/routes/**"],
              message: "src/components and src/lib are shared: they import no feature or route.",
            },
          ],
        },
      ],
    },
  },
  ...featureBoundaries,
  {
    files: ["e2e/**/*.ts", "scripts/**/*.mjs", "*.config.{ts,js}"],
    languageOptions: { globals: { ...globals.node } },
  },
);
