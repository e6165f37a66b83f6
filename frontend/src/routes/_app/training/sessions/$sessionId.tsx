import { createFileRoute } from "@tanstack/react-router";
import { SessionDetailPage } from "@/features/training/SessionDetailPage";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

export const Route = createFileRoute("/_app/training/sessions/$sessionId")({
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.TRAINING_READ),
  loader: () => loadTexts("training"),
  component: SessionDetailPage,
});
