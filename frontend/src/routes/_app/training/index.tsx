import { createFileRoute, stripSearchParams } from "@tanstack/react-router";
import { SessionsPage } from "@/features/training/SessionsPage";
import { sessionsSearchDefaults, sessionsSearchSchema } from "@/features/training/search";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

export const Route = createFileRoute("/_app/training/")({
  validateSearch: sessionsSearchSchema,
  search: { middlewares: [stripSearchParams(sessionsSearchDefaults)] },
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.TRAINING_READ),
  loader: () => loadTexts("training"),
  component: SessionsPage,
});
