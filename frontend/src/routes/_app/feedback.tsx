import { createFileRoute, stripSearchParams } from "@tanstack/react-router";
import { FeedbackPage } from "@/features/feedback/FeedbackPage";
import { feedbackSearchDefaults, feedbackSearchSchema } from "@/features/feedback/search";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

export const Route = createFileRoute("/_app/feedback")({
  validateSearch: feedbackSearchSchema,
  search: { middlewares: [stripSearchParams(feedbackSearchDefaults)] },
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.FEEDBACK_READ),
  loader: () => loadTexts("feedback"),
  component: FeedbackPage,
});
