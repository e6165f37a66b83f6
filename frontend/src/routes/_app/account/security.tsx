import { createFileRoute } from "@tanstack/react-router";
import { SecurityPage } from "@/features/account/SecurityPage";

// Every signed-in member of staff manages their own second factor here.
export const Route = createFileRoute("/_app/account/security")({
  component: SecurityPage,
});
