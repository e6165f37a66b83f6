import { createHmac } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { demo, launch, newContext, password, screenshot, signIn } from "./browser";

const baseURL = inject("baseURL");
let browser: Browser;

// The owner's second factor while it is on; turned off again at the end (or,
// after a failure, by afterAll), since the other specs sign the owner in
// with the password alone.
let secret: string | undefined;
// A page signed in as the owner, for the cleanup.
let ownerPage: Page | undefined;

/** base32Decode reads an RFC 4648 base32 text (spaces and padding ignored). */
function base32Decode(text: string): Buffer {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of text.toUpperCase().replace(/[\s=]/g, "")) {
    const index = alphabet.indexOf(char);
    if (index < 0) throw new Error(`not base32: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((value >>> bits) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

/** totp is the RFC 6238 code of a 30-second step: HMAC-SHA1, dynamic truncation, six digits. */
function totp(key: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const hash = createHmac("sha1", base32Decode(key)).update(counter).digest();
  const offset = hash[hash.length - 1]! & 0x0f;
  const binary = hash.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 1_000_000).padStart(6, "0");
}

const currentStep = () => Math.floor(Date.now() / 1000 / 30);
let lastStep = 0;

/**
 * freshCode is a code the server takes now: it accepts the codes of the
 * current step and the steps next to it, but each step's code only once, so
 * this waits for a new step where the next one is not yet in reach.
 */
async function freshCode(): Promise<string> {
  if (!secret) throw new Error("no second factor is set up");
  const step = Math.max(lastStep + 1, currentStep());
  while (step > currentStep() + 1) {
    await new Promise((done) => setTimeout(done, 500));
  }
  lastStep = step;
  return totp(secret, step);
}

/** api calls the administration API from a signed-in page (with its session cookie). */
async function api(page: Page, method: string, body: object): Promise<Record<string, unknown>> {
  return page.evaluate(
    async ([path, json]) => {
      const response = await fetch(`/leitstand.admin.v1.${path}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: json,
      });
      return (await response.json()) as Record<string, unknown>;
    },
    [method, JSON.stringify(body)] as const,
  );
}

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  // Leave the owner as the other specs expect: without a second factor, and
  // Dana Developer without the permission granted here.
  if (secret && ownerPage) {
    await api(ownerPage, "AuthService/VerifySecondFactor", { code: await freshCode() });
    const found = await api(ownerPage, "MemberService/ListMembers", {
      filter: { query: demo.developer },
    });
    for (const member of (found.members ?? []) as { id: string }[]) {
      await api(ownerPage, "MemberService/RevokePermission", {
        id: member.id,
        permission: "PERMISSION_JOBS_TRIGGER",
        reason: "the second factor test ends",
      });
    }
    await api(ownerPage, "AuthService/DisableSecondFactor", { code: await freshCode() });
  }
  await browser?.close();
});

const status = (page: Page) => page.getByTestId("second-factor-status");

async function openSecurity(page: Page) {
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Security" }).click();
  await page.waitForURL("**/account/security");
  await page.getByRole("heading", { name: "Security" }).waitFor();
}

describe("the second factor", () => {
  it("an owner sets it up, signs in with it and confirms it before granting a permission", async () => {
    // A session begun before the second factor: it has not confirmed one, so
    // the grant below asks for a code. (A sign-in with a code, or setting the
    // factor up, counts as a confirmation for a few minutes.)
    const earlier = await (await newContext(browser, baseURL)).newPage();
    await signIn(earlier, demo.owner);
    ownerPage = earlier;

    const page = await (await newContext(browser, baseURL)).newPage();
    await signIn(page, demo.owner);
    await openSecurity(page);
    await expect(status(page).textContent()).resolves.toBe("Off");

    // Set up: the QR code, and the key as text, from which the codes follow.
    await page.getByRole("button", { name: "Set up authenticator app" }).click();
    const qr = page.getByRole("img", {
      name: "QR code that adds Leitstand to your authenticator app",
    });
    await qr.waitFor();
    await expect(qr.getAttribute("src")).resolves.toMatch(/^data:image\/png;base64,/);
    secret = ((await page.getByTestId("second-factor-secret").textContent()) ?? "").replace(
      /\s/g,
      "",
    );
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await screenshot(page, "second-factor-setup-light");
    await page.getByLabel("Code from your authenticator app").fill(await freshCode());
    await page.getByRole("button", { name: "Turn on" }).click();

    // The recovery codes, this once, to copy or download.
    const codes = page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
    await codes.first().waitFor();
    await expect(codes.count()).resolves.toBe(10);
    await page.getByText("They will not be shown again.", { exact: false }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download (.txt)" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("leitstand-recovery-codes.txt");
    const file = await readFile(await download.path(), "utf8");
    for (const code of await codes.allTextContents()) expect(file).toContain(code);
    await screenshot(page, "second-factor-recovery-codes-light");
    await page.getByRole("button", { name: "I have saved the codes" }).click();
    await page.getByTestId("second-factor-status").getByText("On").waitFor();

    // Signing in now takes the password and a code.
    await page.getByRole("button", { name: "Account menu" }).click();
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await page.waitForURL("**/sign-in?reason=signed-out");
    await page.getByLabel("E-mail address").fill(demo.owner);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Confirm with your second factor" }).waitFor();
    await page.getByLabel("Code from your authenticator app").fill(await freshCode());
    await page.getByRole("button", { name: "Verify" }).click();
    await page.waitForURL((url) => url.pathname !== "/sign-in");
    await openSecurity(page);
    await status(page).getByText("On").waitFor();
    await page.context().close();

    // The earlier session grants a permission: the server wants the second
    // factor confirmed first, and the grant goes through after the code.
    await earlier.goto("/members?q=developer%40demo");
    await earlier.getByRole("button", { name: "Actions: Dana Developer" }).click();
    await earlier.getByRole("menuitem", { name: "Grant permission" }).click();
    const grant = earlier.getByRole("dialog", { name: "Grant Dana Developer an extra permission" });
    await grant.getByLabel(/^Permission/).click();
    await earlier.getByRole("option", { name: "Run jobs now" }).click();
    await grant.getByLabel(/Reason/).fill("covers the night shift");
    await grant.getByRole("button", { name: "Confirm" }).click();
    const stepUp = earlier.getByRole("dialog", { name: "Confirm it’s you" });
    await stepUp.waitFor();
    await screenshot(earlier, "second-factor-step-up-light");
    await stepUp.getByLabel("Code from your authenticator app").fill(await freshCode());
    await stepUp.getByRole("button", { name: "Confirm and continue" }).click();
    await earlier.getByText("Permission granted").waitFor();
    await grant.waitFor({ state: "hidden" });
    await stepUp.waitFor({ state: "hidden" });

    await earlier.getByRole("link", { name: "Dana Developer" }).click();
    await earlier.waitForURL("**/members/usr_*");
    await earlier.getByText("covers the night shift", { exact: false }).first().waitFor();

    // Confirmed a moment ago: taking the permission back asks for no code.
    await earlier.getByRole("button", { name: "Actions: Dana Developer" }).click();
    await earlier.getByRole("menuitem", { name: "Revoke permission" }).click();
    const revoke = earlier.getByRole("dialog", {
      name: "Revoke an extra permission of Dana Developer",
    });
    await revoke.getByLabel(/^Permission/).click();
    await earlier.getByRole("option", { name: "Run jobs now" }).click();
    await revoke.getByLabel(/Reason/).fill("night shift covered");
    await revoke.getByRole("button", { name: "Confirm" }).click();
    await earlier.getByText("Permission revoked").waitFor();
    await expect(stepUp.count()).resolves.toBe(0);

    // Turned off again with a current code.
    await openSecurity(earlier);
    await earlier.getByRole("button", { name: "Turn off" }).click();
    const turnOff = earlier.getByRole("dialog", { name: "Turn off the second factor?" });
    await turnOff.getByLabel("Code from your authenticator app").fill(await freshCode());
    await turnOff.getByRole("button", { name: "Turn off" }).click();
    await status(earlier).getByText("Off").waitFor();
    secret = undefined;
    await earlier.context().close();
    ownerPage = undefined;
  }, 240_000);
});
