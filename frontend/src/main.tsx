import "@fontsource-variable/inter";
import "@mantine/core/styles.css";
import "@mantine/notifications/styles.css";
import "./styles.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import type { Transport } from "@connectrpc/connect";
import { App } from "@/app";
import { currentUserQueryOptions } from "@/lib/auth";
import { createQueryClient } from "@/lib/query-client";
import { createApiTransport } from "@/lib/transport";

async function transport(): Promise<Transport> {
  // `npm run dev:mock` runs the panel against the in-memory API of the tests.
  if (import.meta.env.DEV && import.meta.env.VITE_MOCK_API === "1") {
    const { createMockApi } = await import("@/mocks/api");
    return createMockApi({ latencyMs: 150 }).transport;
  }
  return createApiTransport();
}

const root = document.getElementById("root");
if (!root) throw new Error("no #root element");

void transport().then((t) => {
  const queryClient = createQueryClient();
  // Ask for the session at once, while the router and the first route load.
  if (!window.location.pathname.startsWith("/sign-in")) {
    void queryClient.prefetchQuery(currentUserQueryOptions(t));
  }
  createRoot(root).render(
    <StrictMode>
      <App transport={t} queryClient={queryClient} />
    </StrictMode>,
  );
});
