import { createFileRoute } from "@tanstack/react-router";
import { SecurityPage } from "@/features/account/SecurityPage";
import { loadTexts } from "@/lib/i18n/i18n";

// Every signed-in member of staff manages their own second factor here.
export const Route = createFileRoute("/_app/account/security")({
  loader: () => loadTexts("account"),
  component: SecurityPage,
});
