import { createFileRoute, stripSearchParams } from "@tanstack/react-router";
import { MembersPage } from "@/features/members/MembersPage";
import { membersSearchDefaults, membersSearchSchema } from "@/features/members/search";
import { requirePermission, Permission } from "@/lib/route-guards";
import { loadTexts } from "@/lib/i18n/i18n";

export const Route = createFileRoute("/_app/members/")({
  validateSearch: membersSearchSchema,
  search: { middlewares: [stripSearchParams(membersSearchDefaults)] },
  beforeLoad: ({ context }) => requirePermission(context.caller, Permission.MEMBERS_READ),
  loader: () => loadTexts("members"),
  component: MembersPage,
});
