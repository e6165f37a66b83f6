import type { Transport } from "@connectrpc/connect";
import { MantineProvider } from "@mantine/core";
import { render, waitFor } from "@testing-library/react";
import { createMemoryHistory } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { App } from "@/app";
import { I18nProvider, type Locale } from "@/lib/i18n/i18n";
import { createQueryClient } from "@/lib/query-client";
import { theme } from "@/theme";

/**
 * renderApp renders the whole panel at a path against the given API (the
 * canned answers of cannedApi), in the interface language given.
 */
export function renderApp(path: string, api: { transport: Transport }, locale: Locale = "en") {
  const history = createMemoryHistory({ initialEntries: [path] });
  const queryClient = createQueryClient();
  const result = render(
    <App
      transport={api.transport}
      queryClient={queryClient}
      history={history}
      locale={locale}
      testEnv
    />,
  );
  return { ...result, history, queryClient };
}

/** renderUi renders one component with the theme and the interface language. */
export function renderUi(ui: ReactNode, locale: Locale = "en") {
  return render(
    <I18nProvider initialLocale={locale}>
      <MantineProvider theme={theme} env="test">
        {ui}
      </MantineProvider>
    </I18nProvider>,
  );
}

/**
 * The rows of the main data table (header excluded), once it shows some: the
 * header and the loading placeholders are rows too, before any data is in.
 */
export async function tableRows() {
  await waitFor(() => {
    if (!document.querySelector("tr[data-row]")) throw new Error("The table shows no rows.");
  });
  return document.querySelectorAll("tr[data-row]");
}
