import { createFileRoute } from "@tanstack/react-router";
import { SettingsPage } from "@/features/settings/SettingsPage";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

export const Route = createFileRoute("/_app/settings")({
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.SETTINGS_READ),
  loader: () => loadTexts("settings"),
  component: SettingsPage,
});
