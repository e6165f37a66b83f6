import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { AuditOutcome, AuditService } from "@leitstand/sdk/leitstand/admin/v1/audit_service_pb.js";
import { MemberService } from "@leitstand/sdk/leitstand/admin/v1/member_service_pb.js";
import { aMember, anAuditEvent, anOwner } from "@/test/builders";
import { answer, answerWith, cannedApi, notFound, signedIn } from "@/test/canned";
import { renderApp, tableRows } from "@/test/render";

const anna = aMember();
const renamed = anAuditEvent({
  id: "aud_0002",
  sequence: 2n,
  targetName: "Acme Hosting",
  beforeJson: JSON.stringify({ name: "Acme", billing_address: { line1: "Hauptstraße 1" } }),
  afterJson: JSON.stringify({ name: "Acme Hosting", billing_address: { line1: "Ringstraße 9" } }),
});
const synced = anAuditEvent({
  id: "aud_0001",
  sequence: 1n,
  actorId: "",
  actorEmail: "system",
  action: "job.server_sync",
  targetType: "server",
  targetId: "srv_0001",
  targetName: "",
});
const refused = anAuditEvent({
  id: "aud_0000",
  sequence: 0n,
  actorId: "",
  actorEmail: "",
  action: "/leitstand.admin.v1.MemberService/ListMembers",
  targetType: "procedure",
  targetId: "/leitstand.admin.v1.MemberService/ListMembers",
  outcome: AuditOutcome.DENIED,
  reason: "not signed in",
});
/** An event far down the trail, not on the first page. */
const old = anAuditEvent({
  id: "aud_0999",
  sequence: 999n,
  action: "/leitstand.admin.v1.MemberService/SetPlatformRole",
  targetType: "user",
  targetId: "usr_anna",
  targetName: "Anna Becker",
  beforeJson: JSON.stringify({ platform_role: "USER" }),
  afterJson: JSON.stringify({ platform_role: "DEVELOPER" }),
});

function api() {
  return cannedApi(
    signedIn(anOwner()),
    answer(AuditService.method.listAuditEvents, { auditEvents: [renamed, synced, refused] }),
    answerWith(AuditService.method.getAuditEvent, (req) =>
      req.id === old.id ? { auditEvent: old } : notFound("audit event"),
    ),
    answerWith(MemberService.method.listMembers, (req) => ({
      members: "anna becker".includes(req.filter?.query.toLowerCase() ?? "") ? [anna] : [],
    })),
    answer(MemberService.method.getMember, { member: anna }),
  );
}

describe("the audit log", () => {
  it("says what was done and on which object, by name and linked", async () => {
    renderApp("/audit", api());
    const rows = await tableRows();
    expect(rows[0]).toHaveTextContent("Changed organization");
    const link = within(rows[0] as HTMLElement).getByRole("link", { name: "Acme Hosting" });
    expect(link).toHaveAttribute("href", "/organizations/org_0001?tab=overview");
    // The system's job, on a server that is gone: named for the job, the server by its id.
    expect(rows[1]).toHaveTextContent("Job: server sync");
    expect(rows[1]).toHaveTextContent("System");
    expect(rows[1]).toHaveTextContent("srv_0001");
    expect(within(rows[1] as HTMLElement).queryByRole("link")).toBeNull();
    // A refused call is named once, not again as its object.
    expect(rows[2]).toHaveTextContent("Called ListMembers");
    // By someone not signed in: not the system.
    expect(rows[2]).toHaveTextContent("Not signed in");
    expect(rows[2]).not.toHaveTextContent("System");
    expect(rows[2]).not.toHaveTextContent("/leitstand.admin.v1.MemberService/ListMembers");
  });

  it("speaks German", async () => {
    renderApp("/audit", api(), "de");
    const rows = await tableRows();
    expect(rows[0]).toHaveTextContent("Organisation geändert");
    expect(rows[1]).toHaveTextContent("Job: Serverabgleich");
  });

  it("filters by an actor picked by name, and keeps them in the URL", async () => {
    const canned = api();
    const { history } = renderApp("/audit", canned);
    await tableRows();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Actor", { selector: "input" }), "becker");
    await user.click(
      await screen.findByRole("option", { name: "Anna Becker (anna.becker@acme.example)" }),
    );
    const filter = () => canned.lastRequest(AuditService.method.listAuditEvents)?.filter;
    await waitFor(() => expect(filter()?.actorId).toBe("usr_anna"));
    expect(history.location.search).toContain("actorId=usr_anna");
    expect(canned.requests(MemberService.method.listMembers).map((r) => r.filter?.query)).toContain(
      "becker",
    );
  });

  it("shows an actor from the URL by name, and offers the system's own events", async () => {
    const canned = api();
    const { history } = renderApp("/audit?actorId=usr_anna", canned);
    await waitFor(() =>
      expect(screen.getByLabelText("Actor", { selector: "input" })).toHaveValue(
        "Anna Becker (anna.becker@acme.example)",
      ),
    );
    const user = userEvent.setup();
    await user.clear(screen.getByLabelText("Actor", { selector: "input" }));
    await user.type(screen.getByLabelText("Actor", { selector: "input" }), "sys");
    await user.click(await screen.findByRole("option", { name: "System" }));
    await waitFor(() =>
      expect(canned.lastRequest(AuditService.method.listAuditEvents)?.filter).toMatchObject({
        actorId: "",
        systemOnly: true,
      }),
    );
    expect(history.location.search).toContain("actorId=system");
  });

  it("opens an event into the URL, its changes under the fields' labels; Back closes it", async () => {
    const { history } = renderApp("/audit", api());
    const rows = await tableRows();
    const user = userEvent.setup();
    await user.click(within(rows[0] as HTMLElement).getByText("Changed organization"));
    const drawer = await screen.findByRole("dialog", { name: "Audit event #2" });
    expect(history.location.search).toContain("event=aud_0002");
    expect(within(drawer).getByText("Billing address › Street and number")).toBeInTheDocument();
    expect(within(drawer).queryByText("billing_address.line1")).toBeNull();
    history.back();
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(history.location.search).not.toContain("event=");
  });

  it("opens an event a link names although it is not on the first page", async () => {
    renderApp("/audit?event=aud_0999", api(), "de");
    const drawer = await screen.findByRole("dialog", { name: "Audit-Ereignis Nr. 999" });
    expect(within(drawer).getByText("Plattformrolle geändert")).toBeInTheDocument();
    expect(within(drawer).getByRole("link", { name: "Anna Becker" })).toHaveAttribute(
      "href",
      "/members/usr_anna",
    );
    expect(within(drawer).getByText("Plattformrolle")).toBeInTheDocument();
  });

  it("says so when a link names no event the caller may see", async () => {
    renderApp("/audit?event=aud_0404", api());
    expect(
      await screen.findByText("There is no audit event aud_0404, or you may not see it."),
    ).toBeInTheDocument();
  });
});

describe("a member's recent activity", () => {
  it("shows a failed sign-in as denied, not as a sign-in", async () => {
    const failed = anAuditEvent({
      id: "aud_0100",
      actorId: "usr_anna",
      action: "/leitstand.admin.v1.AuthService/Login",
      targetType: "procedure",
      targetId: "/leitstand.admin.v1.AuthService/Login",
      outcome: AuditOutcome.DENIED,
      reason: "sign-in failed: wrong password or disabled user",
    });
    const signedInEvent = anAuditEvent({
      id: "aud_0101",
      actorId: "usr_anna",
      action: "/leitstand.admin.v1.AuthService/Login",
      targetType: "user",
      targetId: "usr_anna",
      targetName: "Anna Becker",
    });
    renderApp(
      "/members/usr_anna",
      cannedApi(
        signedIn(anOwner()),
        answer(MemberService.method.getMember, {
          member: anna,
          recentActivity: [failed, signedInEvent],
        }),
      ),
    );
    const denied = (await screen.findByRole("link", { name: "Sign-in failed" })).closest(
      "[data-outcome]",
    ) as HTMLElement;
    expect(denied).toHaveAttribute("data-outcome", "denied");
    expect(within(denied).getByText("Denied")).toBeInTheDocument();
    const ok = screen
      .getByRole("link", { name: "Signed in" })
      .closest("[data-outcome]") as HTMLElement;
    expect(ok).toHaveAttribute("data-outcome", "succeeded");
    expect(within(ok).queryByText("Denied")).toBeNull();
    expect(screen.getByRole("link", { name: "Sign-in failed" })).toHaveAttribute(
      "href",
      "/audit?event=aud_0100",
    );
  });
});
