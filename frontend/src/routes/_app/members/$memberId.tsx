import { createFileRoute } from "@tanstack/react-router";
import { MemberDetailPage } from "@/features/members/MemberDetailPage";
import { requirePermission, Permission } from "@/lib/route-guards";

export const Route = createFileRoute("/_app/members/$memberId")({
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.MEMBERS_READ),
  component: MemberDetailPage,
});
