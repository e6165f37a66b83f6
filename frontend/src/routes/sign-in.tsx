import { createFileRoute, redirect } from "@tanstack/react-router";
import type { GetCurrentUserResponse } from "@leitstand/sdk/leitstand/admin/v1/auth_service_pb.js";
import { currentUserQueryOptions, wasSignedIn } from "@/lib/auth";
import { SignInPage } from "@/features/auth/SignInPage";
import { signInSearchSchema } from "@/features/auth/search";
import { loadTexts } from "@/lib/i18n/i18n";

export const Route = createFileRoute("/sign-in")({
  validateSearch: signInSearchSchema,
  beforeLoad: ({ context, search }) => {
    // Already signed in (and not just signed out): go where the user wanted to go.
    if (!wasSignedIn()) return;
    const cached = context.queryClient.getQueryData<GetCurrentUserResponse>(
      currentUserQueryOptions(context.transport).queryKey,
    );
    if (cached?.caller) throw redirect({ href: search.redirect ?? "/" });
  },
  loader: () => loadTexts("auth"),
  component: SignInPage,
});
