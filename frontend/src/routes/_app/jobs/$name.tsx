import { createFileRoute, stripSearchParams } from "@tanstack/react-router";
import { JobDetailPage } from "@/features/jobs/JobDetailPage";
import { jobDetailSearchDefaults, jobDetailSearchSchema } from "@/features/jobs/search";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

export const Route = createFileRoute("/_app/jobs/$name")({
  validateSearch: jobDetailSearchSchema,
  search: { middlewares: [stripSearchParams(jobDetailSearchDefaults)] },
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.JOBS_READ),
  // Its charts (a chunk of their own) word their figures with the charts' texts.
  loader: () => loadTexts("jobs", "charts"),
  component: JobDetailPage,
});
