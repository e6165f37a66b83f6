import type { Browser, Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { demo, launch, newContext, signIn } from "./browser";

const baseURL = inject("baseURL");
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

interface FirstPage {
  /** The headers of the answer for the document. */
  document: Record<string, string>;
  /** The headers of the answers for the entry script and the main style sheet, by path. */
  main: Map<string, Record<string, string>>;
  /** The document, the scripts and the style sheets: bytes on the wire and after decoding. */
  encoded: number;
  decoded: number;
}

/**
 * loadFirstPage opens the sign-in page (what a new visitor gets) with an empty
 * cache and sums what the document, its scripts and its style sheets took on the
 * wire (Resource Timing's encodedBodySize) and after decoding. Fonts are left
 * out: WOFF2 is compressed already and sent as it is. acceptEncoding replaces
 * the Accept-Encoding Chromium sends (gzip, deflate, br, zstd).
 */
async function loadFirstPage(acceptEncoding?: string): Promise<FirstPage> {
  const context = await newContext(browser, baseURL);
  if (acceptEncoding !== undefined) {
    await context.setExtraHTTPHeaders({ "Accept-Encoding": acceptEncoding });
  }
  const page = await context.newPage();
  const responses = new Map<string, Response>();
  page.on("response", (response) => responses.set(response.url(), response));
  const navigation = await page.goto("/sign-in");
  if (!navigation) throw new Error("no answer recorded for the document");
  await page.getByLabel("E-mail address").waitFor();

  // The entry script and the main style sheet; the smaller ones are below
  // the size worth compressing.
  const urls = await page.evaluate(() =>
    [
      ...[...document.querySelectorAll<HTMLScriptElement>('script[type="module"][src]')].map(
        (s) => s.src,
      ),
      ...[...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].map(
        (l) => l.href,
      ),
    ].filter((url) => /^\/assets\/index-[^/]*\.(js|css)$/.test(new URL(url).pathname)),
  );
  const sizes = await page.evaluate(() =>
    performance
      .getEntriesByType("navigation")
      .concat(performance.getEntriesByType("resource"))
      .map((e) => e as PerformanceResourceTiming)
      .filter((e) => e.entryType === "navigation" || /\.(js|css)$/.test(new URL(e.name).pathname))
      .map((e) => ({ encoded: e.encodedBodySize, decoded: e.decodedBodySize })),
  );
  const main = new Map<string, Record<string, string>>();
  for (const url of urls) {
    const response = responses.get(url);
    if (!response) throw new Error(`no answer recorded for ${url}`);
    main.set(new URL(url).pathname, await response.allHeaders());
  }
  const documentHeaders = await navigation.allHeaders();
  await context.close();
  return {
    document: documentHeaders,
    main,
    encoded: sizes.reduce((sum, s) => sum + s.encoded, 0),
    decoded: sizes.reduce((sum, s) => sum + s.decoded, 0),
  };
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

describe("static files", () => {
  it("reach the browser brotli-compressed, with their own type and cache headers", async () => {
    const { document, main } = await loadFirstPage();
    expect(document).toMatchObject({
      "content-encoding": "br",
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-cache",
    });
    expect(document["vary"]).toMatch(/accept-encoding/i);
    expect([...main.keys()].map((path) => path.slice(path.lastIndexOf(".")))).toEqual([
      ".js",
      ".css",
    ]);
    for (const [path, headers] of main) {
      expect(headers, path).toMatchObject({
        "content-encoding": "br",
        "content-type": expect.stringMatching(path.endsWith(".css") ? /^text\/css/ : /javascript/),
        "cache-control": "public, max-age=31536000, immutable",
      });
      expect(headers["vary"], path).toMatch(/accept-encoding/i);
    }
  });

  it("cost a fraction of their size on the wire: brotli, then gzip, then uncompressed", async () => {
    const br = await loadFirstPage();
    const gzip = await loadFirstPage("gzip");
    const identity = await loadFirstPage("identity");
    console.log(
      `first page (document, scripts, style sheets): ${kB(identity.decoded)} uncompressed; ` +
        `on the wire ${kB(identity.encoded)} without compression, ${kB(gzip.encoded)} gzip, ` +
        `${kB(br.encoded)} brotli`,
    );

    expect(gzip.document["content-encoding"]).toBe("gzip");
    expect(identity.document["content-encoding"]).toBeUndefined();
    for (const [path, headers] of gzip.main) {
      expect(headers["content-encoding"], path).toBe("gzip");
    }
    for (const [path, headers] of identity.main) {
      expect(headers["content-encoding"], path).toBeUndefined();
    }
    expect(br.decoded).toBe(identity.decoded);
    expect(identity.encoded).toBe(identity.decoded);
    expect(gzip.encoded).toBeLessThan(identity.encoded * 0.4);
    expect(br.encoded).toBeLessThan(gzip.encoded);
  });
});

describe("styles", () => {
  // The component library's styles sit in a cascade layer, so the panel's
  // own rules win however the build orders the stylesheets it links.
  it("let the panel's own rules win over the component library's", async () => {
    const context = await newContext(browser, baseURL);
    const page = await context.newPage();
    await signIn(page, demo.owner);
    const label = page
      .getByRole("navigation", { name: "Main navigation" })
      .getByText("Customers", { exact: true });
    await label.waitFor();
    await expect(label.evaluate((el) => getComputedStyle(el).fontSize)).resolves.toBe("11px");
    await context.close();
  });
});
