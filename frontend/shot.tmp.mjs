import { chromium } from "playwright-core";
const [, , email, ...paths] = process.argv;
const b = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
const p = await b.newPage({ viewport: { width: 1440, height: 900 }, baseURL: "http://127.0.0.1:18080" });
await p.goto("/sign-in");
await p.getByLabel("E-mail address").fill(email);
await p.getByLabel("Password", { exact: true }).fill("leitstand-demo");
await p.getByRole("button", { name: "Sign in" }).click();
await p.waitForURL((u) => u.pathname !== "/sign-in");
for (const path of paths) {
  await p.goto(path);
  await p.waitForLoadState("networkidle");
  await p.waitForTimeout(800);
  const name = path.replace(/[^a-z0-9]+/gi, "_");
  await p.screenshot({ path: `/tmp/shots/${email.split("@")[1].split(".")[0]}${name}.png` });
}
await b.close();
