import { createFileRoute } from "@tanstack/react-router";
import { ImageDetailPage } from "@/features/images/ImageDetailPage";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

export const Route = createFileRoute("/_app/images/$imageId")({
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.IMAGES_READ),
  loader: () => loadTexts("images"),
  component: ImageDetailPage,
});
