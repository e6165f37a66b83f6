import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { SignUpService, SignUpState } from "@leitstand/sdk/leitstand/admin/v1/signup_service_pb.js";
import { aDeveloper, anOwner, aSignUp, at } from "@/test/builders";
import { answer, answerWith, cannedApi, signedIn } from "@/test/canned";
import { renderApp, tableRows } from "@/test/render";

const m = SignUpService.method;
const deichgraf = aSignUp();
const bergwacht = aSignUp({
  organizationId: "org_01bergwacht000000000000001",
  organizationName: "Bergwacht IT Services",
  applicantEmail: "sepp@bergwacht.example",
  applicantName: "Sepp Berger",
  billingEntityId: "be_01licensee0000000000000001",
  billingEntityName: "Leitstand Demo GmbH",
});
const rejected = aSignUp({
  organizationId: "org_01spam0000000000000000001",
  organizationName: "Spam Shop",
  state: SignUpState.REJECTED,
  decisionTime: at("2026-03-02T10:00:00Z"),
  rejectionReason: "We could not verify your company.",
});

describe("the sign-up queue", () => {
  it("shows the waiting ones first and keeps the state filter in the URL", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      answerWith(m.listSignUps, (req) => ({
        signUps: req.state === SignUpState.PENDING ? [deichgraf, bergwacht] : [rejected],
        pendingCount: 2,
      })),
    );
    const { history } = renderApp("/organizations/signups", api);
    const rows = await tableRows();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent("Deichgraf Webdesign");
    expect(rows[0]).toHaveTextContent("hauke@deichgraf.example");
    expect(rows[0]).toHaveTextContent("Nordhost Partner GmbH");
    expect(screen.getByText("2 wait for a decision")).toBeVisible();
    expect(api.lastRequest(m.listSignUps)).toMatchObject({ state: SignUpState.PENDING });

    await userEvent.click(screen.getByRole("radio", { name: "Rejected" }));
    await waitFor(() => expect(history.location.search).toContain("state=REJECTED"));
    await waitFor(async () => expect((await tableRows())[0]).toHaveTextContent("Spam Shop"));
    expect(api.lastRequest(m.listSignUps)).toMatchObject({ state: SignUpState.REJECTED });
    expect((await tableRows())[0]).toHaveTextContent("We could not verify your company.");
  });

  it("asks for every state with All", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      answer(m.listSignUps, { signUps: [deichgraf, rejected], pendingCount: 1 }),
    );
    renderApp("/organizations/signups?state=ALL", api);
    await tableRows();
    expect(api.lastRequest(m.listSignUps)).toMatchObject({ state: SignUpState.UNSPECIFIED });
  });

  it("approves with an optional reason", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      answer(m.listSignUps, { signUps: [bergwacht], pendingCount: 1 }),
      answer(m.approveSignUp, { signUp: { ...bergwacht, state: SignUpState.APPROVED } }),
    );
    renderApp("/organizations/signups", api);
    await tableRows();
    const user = userEvent.setup();
    await user.click(
      screen.getByRole("button", { name: `Actions: ${bergwacht.organizationName}` }),
    );
    await user.click(await screen.findByRole("menuitem", { name: "Approve…" }));
    const dialog = await screen.findByRole("dialog", {
      name: `Approve ${bergwacht.organizationName}?`,
    });
    await user.click(within(dialog).getByRole("button", { name: "Approve" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(api.lastRequest(m.approveSignUp)).toMatchObject({
      organizationId: bergwacht.organizationId,
      reason: "",
    });
  });

  it("rejects only with a reason, which it says the applicant reads", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      answer(m.listSignUps, { signUps: [deichgraf], pendingCount: 1 }),
      answer(m.rejectSignUp, { signUp: { ...deichgraf, state: SignUpState.REJECTED } }),
    );
    renderApp("/organizations/signups", api);
    await tableRows();
    const user = userEvent.setup();
    await user.click(
      screen.getByRole("button", { name: `Actions: ${deichgraf.organizationName}` }),
    );
    await user.click(await screen.findByRole("menuitem", { name: "Reject…" }));
    const dialog = await screen.findByRole("dialog", {
      name: `Reject ${deichgraf.organizationName}?`,
    });
    expect(within(dialog).getByText(/The applicant reads this reason in the portal/)).toBeVisible();
    await user.click(within(dialog).getByRole("button", { name: "Reject" }));
    expect(api.requests(m.rejectSignUp)).toHaveLength(0);
    await user.type(within(dialog).getByLabelText(/^Reason/), "No business address given.");
    await user.click(within(dialog).getByRole("button", { name: "Reject" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(api.lastRequest(m.rejectSignUp)).toMatchObject({
      organizationId: deichgraf.organizationId,
      reason: "No business address given.",
    });
  });

  it("offers no decision to those who may only read", async () => {
    renderApp(
      "/organizations/signups",
      cannedApi(signedIn(aDeveloper()), answer(m.listSignUps, { signUps: [deichgraf] })),
    );
    await tableRows();
    expect(
      screen.queryByRole("button", { name: `Actions: ${deichgraf.organizationName}` }),
    ).toBeNull();
  });
});
