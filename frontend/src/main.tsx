import "@fontsource-variable/inter";
import "@mantine/core/styles.layer.css";
import "@mantine/notifications/styles.layer.css";
import "./styles.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "@/app";
import { currentUserQueryOptions } from "@/lib/auth";
import { createQueryClient } from "@/lib/query-client";
import { createApiTransport } from "@/lib/transport";

const root = document.getElementById("root");
if (!root) throw new Error("no #root element");

const transport = createApiTransport();
const queryClient = createQueryClient();
// Ask for the session at once, while the router and the first route load.
if (!window.location.pathname.startsWith("/sign-in")) {
  void queryClient.prefetchQuery(currentUserQueryOptions(transport));
}
createRoot(root).render(
  <StrictMode>
    <App transport={transport} queryClient={queryClient} />
  </StrictMode>,
);
