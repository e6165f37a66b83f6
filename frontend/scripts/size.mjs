#!/usr/bin/env node
// Reports the gzip size of the JavaScript the first page loads: the entry of
// index.html and every chunk it imports statically (what the browser fetches
// before anything renders). Fails above the budget. Run after `npm run build`.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const budgetKb = 350;
const dist = new URL("../dist/", import.meta.url).pathname;
// vite.config.ts moves the manifest out of dist/ (the binary serves all of dist/).
const manifestFile = new URL("../.build/manifest.json", import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(manifestFile, "utf8"));

const gzipKb = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length / 1024;

function closure(keys, seen = new Set()) {
  for (const key of keys) {
    if (seen.has(key)) continue;
    seen.add(key);
    closure(manifest[key]?.imports ?? [], seen);
  }
  return seen;
}

const entries = Object.entries(manifest).filter(([, chunk]) => chunk.isEntry);
if (entries.length !== 1) throw new Error(`expected one entry, found ${entries.length}`);
const [entryKey] = entries[0];
const initial = [...closure([entryKey])];

let total = 0;
const rows = initial.map((key) => {
  const size = gzipKb(manifest[key].file);
  total += size;
  return [manifest[key].file, size];
});
rows.sort((a, b) => b[1] - a[1]);
console.log("JavaScript loaded by index.html (gzip):");
for (const [file, size] of rows) console.log(`  ${size.toFixed(1).padStart(7)} kB  ${file}`);
console.log(`  ${total.toFixed(1).padStart(7)} kB  total (budget ${budgetKb} kB)`);

// For information: each lazily loaded route with everything it adds.
const lazy = Object.entries(manifest).filter(([key]) => key.includes("src/routes/"));
if (lazy.length > 0) {
  console.log("Route chunks loaded on navigation (gzip, beyond the entry):");
  for (const [key] of lazy) {
    const extra = [...closure([key])].filter((k) => !initial.includes(k));
    const size = extra.reduce((sum, k) => sum + gzipKb(manifest[k].file), 0);
    console.log(`  ${size.toFixed(1).padStart(7)} kB  ${key}`);
  }
}

// For information: the dictionaries (src/lib/i18n/messages.ts) that routes
// fetch for their pages' texts.
const dictionaries = Object.keys(manifest).filter((key) => key.endsWith("/i18n.ts"));
if (dictionaries.length > 0) {
  console.log("Texts fetched by routes (gzip, each in both languages):");
  for (const key of dictionaries) {
    console.log(`  ${gzipKb(manifest[key].file).toFixed(1).padStart(7)} kB  ${key}`);
  }
}

// For information: whole first pages (entry plus the lazily loaded route
// code and the texts its loaders fetch).
const pages = {
  "sign-in page": ["src/routes/sign-in.tsx?tsr-split=component", "src/features/auth/i18n.ts"],
  "organizations page (signed in)": [
    "src/routes/_app.tsx?tsr-split=component",
    "src/routes/_app/organizations/index.tsx?tsr-split=component",
    "src/features/organizations/i18n.ts",
  ],
};
console.log("Whole first pages (gzip):");
for (const [name, routes] of Object.entries(pages)) {
  const keys = new Set([entryKey, ...routes.filter((r) => manifest[r])]);
  const all = closure([...keys]);
  const size = [...all].reduce((sum, k) => sum + gzipKb(manifest[k].file), 0);
  console.log(`  ${size.toFixed(1).padStart(7)} kB  ${name}`);
}

if (total > budgetKb) {
  console.error(`FAIL: ${total.toFixed(1)} kB is above the budget of ${budgetKb} kB`);
  process.exit(1);
}
