import { createFileRoute } from "@tanstack/react-router";
import { SettingsPage } from "@/features/settings/SettingsPage";
import { requirePermission, Permission } from "@/lib/route-guards";

export const Route = createFileRoute("/_app/settings")({
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.SETTINGS_READ),
  component: SettingsPage,
});
