import { createFileRoute, stripSearchParams } from "@tanstack/react-router";
import { ImagesPage } from "@/features/images/ImagesPage";
import { imagesSearchDefaults, imagesSearchSchema } from "@/features/images/search";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

export const Route = createFileRoute("/_app/images/")({
  validateSearch: imagesSearchSchema,
  search: { middlewares: [stripSearchParams(imagesSearchDefaults)] },
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.IMAGES_READ),
  loader: () => loadTexts("images"),
  component: ImagesPage,
});
