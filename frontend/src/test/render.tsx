import type { Transport } from "@connectrpc/connect";
import { MantineProvider } from "@mantine/core";
import { render, screen } from "@testing-library/react";
import { createMemoryHistory } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { App } from "@/app";
import { I18nProvider, type Locale } from "@/lib/i18n/i18n";
import { createQueryClient } from "@/lib/query-client";
import { createMockApi, type MockApiOptions } from "@/mocks/api";
import { theme } from "@/theme";

export const demo = {
  owner: "owner@demo.leitstand.test",
  operator: "operator@demo.leitstand.test",
  developer: "developer@demo.leitstand.test",
  user: "user@demo.leitstand.test",
} as const;

/**
 * renderApp renders the whole panel at a path against the in-memory API
 * (Connect's router transport), optionally signed in.
 */
export function renderApp(path: string, options: MockApiOptions & { locale?: Locale } = {}) {
  const api = createMockApi(options);
  return { ...renderAppWith(path, api.transport, options.locale), api };
}

/** renderAppWith renders the whole panel at a path against the given transport (canned answers). */
export function renderAppWith(path: string, transport: Transport, locale: Locale = "en") {
  const history = createMemoryHistory({ initialEntries: [path] });
  const queryClient = createQueryClient();
  const result = render(
    <App
      transport={transport}
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

/** The rows of the main data table (header excluded). */
export async function tableRows() {
  await screen.findAllByRole("row");
  return document.querySelectorAll("tr[data-row]");
}
