import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { AuthService } from "@leitstand/sdk/leitstand/admin/v1/auth_service_pb.js";
import { Permission, PlatformRole } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import { MemberService } from "@leitstand/sdk/leitstand/admin/v1/member_service_pb.js";
import { anOperator, anOwner, aStaffMember, fromNow, minute } from "@/test/builders";
import { answer, cannedApi, secondFactorRequired, signedIn, wrongCode } from "@/test/canned";
import { renderApp } from "@/test/render";

const dana = aStaffMember(PlatformRole.DEVELOPER);
const owner = anOwner({ secondFactorEnrolled: true });

async function openAction(name: string) {
  const user = userEvent.setup();
  await screen.findByRole("heading", { name: /Dana Developer/ });
  await user.click(screen.getByRole("button", { name: "Actions: Dana Developer" }));
  await user.click(await screen.findByRole("menuitem", { name }));
  return user;
}

describe("member changes that need a fresh second factor", () => {
  it("asks for a code when the server wants one, confirms it and grants the permission", async () => {
    const api = cannedApi(
      signedIn(owner),
      answer(MemberService.method.getMember, { member: dana }),
      answer(MemberService.method.grantPermission, secondFactorRequired(), {
        member: { ...dana, extraPermissions: [Permission.JOBS_TRIGGER] },
      }),
      answer(AuthService.method.verifySecondFactor, wrongCode(), {
        freshUntil: fromNow(5 * minute),
      }),
    );
    renderApp("/members/usr_developer", api);
    const user = await openAction("Grant permission");
    const action = await screen.findByRole("dialog", { name: /Grant Dana Developer/ });
    await user.click(within(action).getByLabelText(/^Permission/, { selector: "input" }));
    await user.click(await screen.findByRole("option", { name: "Run jobs now" }));
    await user.type(within(action).getByLabelText(/Reason/), "covers the night shift");
    await user.click(within(action).getByRole("button", { name: "Confirm" }));

    const stepUp = await screen.findByRole("dialog", { name: "Confirm it’s you" });
    await user.type(within(stepUp).getByLabelText(/^Code from your authenticator app/), "000000");
    await user.click(within(stepUp).getByRole("button", { name: "Confirm and continue" }));
    expect(await within(stepUp).findByRole("alert")).toHaveTextContent(
      "The code is wrong or was used already.",
    );
    await user.type(within(stepUp).getByLabelText(/^Code from your authenticator app/), "123456");
    await user.click(within(stepUp).getByRole("button", { name: "Confirm and continue" }));

    expect(await screen.findByText("Permission granted")).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    const grants = api.requests(MemberService.method.grantPermission);
    expect(grants).toHaveLength(2);
    for (const grant of grants) {
      expect(grant).toMatchObject({
        id: "usr_developer",
        permission: Permission.JOBS_TRIGGER,
        reason: "covers the night shift",
      });
    }
    expect(api.requests(AuthService.method.verifySecondFactor).map((r) => r.code)).toEqual([
      "000000",
      "123456",
    ]);
  });

  it("resets a staff member's second factor with a reason; cancelling the code leaves it undone", async () => {
    const api = cannedApi(
      signedIn(owner),
      answer(MemberService.method.getMember, { member: dana }),
      answer(MemberService.method.resetSecondFactor, secondFactorRequired()),
    );
    renderApp("/members/usr_developer", api);
    const user = await openAction("Reset second factor");
    const action = await screen.findByRole("dialog", {
      name: "Reset the second factor of Dana Developer?",
    });
    await user.click(within(action).getByRole("button", { name: "Reset second factor" }));
    expect(await within(action).findByText("Please give a reason.")).toBeInTheDocument();
    await user.type(within(action).getByLabelText(/Reason/), "lost phone, confirmed by call");
    await user.click(within(action).getByRole("button", { name: "Reset second factor" }));

    const stepUp = await screen.findByRole("dialog", { name: "Confirm it’s you" });
    await user.click(within(stepUp).getByRole("button", { name: "Cancel" }));
    expect(await within(action).findByRole("alert")).toHaveTextContent(
      "This change needs a fresh code from your authenticator app.",
    );
    expect(api.requests(MemberService.method.resetSecondFactor)).toMatchObject([
      { id: "usr_developer", reason: "lost phone, confirmed by call" },
    ]);
  });

  it("offers no reset of the second factor to those who may not change roles", async () => {
    const api = cannedApi(
      signedIn(anOperator()),
      answer(MemberService.method.getMember, { member: dana }),
    );
    renderApp("/members/usr_developer", api);
    const user = userEvent.setup();
    await screen.findByRole("heading", { name: /Dana Developer/ });
    await user.click(screen.getByRole("button", { name: "Actions: Dana Developer" }));
    await screen.findByRole("menuitem", { name: "Disable sign-in" });
    expect(screen.queryByRole("menuitem", { name: "Reset second factor" })).not.toBeInTheDocument();
  });
});
