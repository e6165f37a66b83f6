import { createFileRoute, stripSearchParams } from "@tanstack/react-router";
import { LicencesPage } from "@/features/training/LicencesPage";
import { licencesSearchDefaults, licencesSearchSchema } from "@/features/training/search";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

export const Route = createFileRoute("/_app/training/licences")({
  validateSearch: licencesSearchSchema,
  search: { middlewares: [stripSearchParams(licencesSearchDefaults)] },
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.TRAINING_READ),
  loader: () => loadTexts("training"),
  component: LicencesPage,
});
