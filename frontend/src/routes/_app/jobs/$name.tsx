import { createFileRoute, stripSearchParams } from "@tanstack/react-router";
import { JobDetailPage } from "@/features/jobs/JobDetailPage";
import { jobDetailSearchDefaults, jobDetailSearchSchema } from "@/features/jobs/search";
import { requirePermission, Permission } from "@/lib/route-guards";

export const Route = createFileRoute("/_app/jobs/$name")({
  validateSearch: jobDetailSearchSchema,
  search: { middlewares: [stripSearchParams(jobDetailSearchDefaults)] },
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.JOBS_READ),
  component: JobDetailPage,
});
