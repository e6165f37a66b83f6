import { createFileRoute, stripSearchParams } from "@tanstack/react-router";
import { JobsPage } from "@/features/jobs/JobsPage";
import { jobsSearchDefaults, jobsSearchSchema } from "@/features/jobs/search";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

export const Route = createFileRoute("/_app/jobs/")({
  validateSearch: jobsSearchSchema,
  search: { middlewares: [stripSearchParams(jobsSearchDefaults)] },
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.JOBS_READ),
  loader: () => loadTexts("jobs"),
  component: JobsPage,
});
