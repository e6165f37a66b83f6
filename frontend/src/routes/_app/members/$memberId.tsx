import { createFileRoute } from "@tanstack/react-router";
import { MemberDetailPage } from "@/features/members/MemberDetailPage";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

export const Route = createFileRoute("/_app/members/$memberId")({
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.MEMBERS_READ),
  // The member's activity names actions as the audit log does.
  loader: () => loadTexts("members", "auditLabels"),
  component: MemberDetailPage,
});
