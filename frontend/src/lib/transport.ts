import type { Transport } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-web";

/**
 * The API's base URL: the page's own origin in production (the binary serves
 * the SPA and the API together), or VITE_API_URL when the SPA is hosted
 * elsewhere.
 */
export function apiBaseUrl(): string {
  const configured = import.meta.env.VITE_API_URL as string | undefined;
  return configured && configured.length > 0 ? configured : window.location.origin;
}

/** createApiTransport speaks Connect with JSON and sends the session cookie. */
export function createApiTransport(baseUrl: string = apiBaseUrl()): Transport {
  return createConnectTransport({
    baseUrl,
    useBinaryFormat: false,
    fetch: (input, init) => fetch(input, { ...init, credentials: "include" }),
  });
}
