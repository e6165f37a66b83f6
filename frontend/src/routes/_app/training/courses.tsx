import { createFileRoute, stripSearchParams } from "@tanstack/react-router";
import { CoursesPage } from "@/features/training/CoursesPage";
import { coursesSearchDefaults, coursesSearchSchema } from "@/features/training/search";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

export const Route = createFileRoute("/_app/training/courses")({
  validateSearch: coursesSearchSchema,
  search: { middlewares: [stripSearchParams(coursesSearchDefaults)] },
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.TRAINING_READ),
  loader: () => loadTexts("training"),
  component: CoursesPage,
});
