import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { OrganizationService } from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import {
  Attendance,
  RegistrationStatus,
  TrainingService,
  TrainingSessionStatus,
} from "@leitstand/sdk/leitstand/admin/v1/training_service_pb.js";
import {
  aDeveloper,
  aLicence,
  anOrganization,
  anOwner,
  aRegistration,
  aTrainingSession,
  ago,
  hour,
} from "@/test/builders";
import { answer, answerWith, cannedApi, signedIn } from "@/test/canned";
import { renderApp, tableRows } from "@/test/render";

const m = TrainingService.method;

const anna = aRegistration();
const ben = aRegistration({
  id: "reg_01ben000000000000000000001",
  userId: "",
  name: "Ben Richter",
  email: "ben@acme.example",
});
const clara = aRegistration({
  id: "reg_01clara0000000000000000001",
  userId: "",
  name: "Clara Vogt",
  email: "clara@acme.example",
  status: RegistrationStatus.WAITLISTED,
  waitlistPosition: 1,
});
const dora = aRegistration({
  id: "reg_01dora00000000000000000001",
  name: "Dora Lang",
  email: "dora@acme.example",
  status: RegistrationStatus.CANCELLED,
  cancelReason: "Ill",
});

/** A full session: two seats, Anna and Ben confirmed, Clara waiting, Dora cancelled. */
const full = aTrainingSession({ capacity: 2, confirmed: 2, waitlisted: 1 });
/** The same session, begun an hour ago. */
const begun = aTrainingSession({
  capacity: 2,
  confirmed: 2,
  startTime: ago(hour),
  endTime: ago(-hour / 2),
});

const path = `/training/sessions/${full.id}`;

describe("a session's page", () => {
  it("shows the roster: the confirmed, the waitlist with positions, the cancelled", async () => {
    renderApp(
      path,
      cannedApi(
        signedIn(anOwner()),
        answer(m.getTrainingSession, { session: full, registrations: [anna, ben, clara, dora] }),
      ),
    );
    expect(await screen.findByRole("heading", { name: full.courseTitle })).toBeVisible();
    expect(screen.getByText("Scheduled")).toBeVisible();
    const rows = await tableRows();
    expect([...rows].map((r) => r.querySelector("[data-status]")?.textContent)).toEqual([
      "Confirmed",
      "Confirmed",
      "Waitlisted (position 1)",
      "Cancelled",
    ]);
    expect(screen.getByText("+1 waiting")).toBeVisible();
    // Attendance is marked from the start on: not yet.
    expect(screen.queryByRole("button", { name: "Present" })).toBeNull();
    expect(screen.getByRole("button", { name: "Complete" })).toBeDisabled();
    expect(screen.getByRole("button", { name: "Register attendee…" })).toBeVisible();
  });

  it("registers someone without a login, who goes on the waitlist of a full session", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      answer(m.getTrainingSession, { session: full, registrations: [anna, ben] }),
      answer(OrganizationService.method.listOrganizations, {
        organizations: [anOrganization()],
      }),
      answer(OrganizationService.method.getOrganization, {
        organization: anOrganization(),
        members: [],
      }),
      answerWith(m.registerAttendee, (req) => ({
        registration: aRegistration({
          id: "reg_01erik00000000000000000001",
          userId: "",
          name: req.name,
          email: req.email,
          status: RegistrationStatus.WAITLISTED,
          waitlistPosition: 2,
        }),
      })),
    );
    renderApp(path, api);
    await tableRows();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Register attendee…" }));
    const dialog = await screen.findByRole("dialog", { name: `Register for ${full.courseTitle}` });
    expect(within(dialog).getByTestId("full-notice")).toBeVisible();
    await user.click(within(dialog).getByLabelText(/^Organization/, { selector: "input" }));
    await user.click(await screen.findByRole("option", { name: "Acme Hosting" }));
    await user.click(within(dialog).getByRole("radio", { name: "Someone without a login" }));
    await user.type(within(dialog).getByLabelText(/^Name/), "Erik Sommer");
    await user.type(within(dialog).getByLabelText(/^E-mail address/), "erik@acme.example");
    await user.click(within(dialog).getByRole("button", { name: "Register" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(api.lastRequest(m.registerAttendee)).toMatchObject({
      sessionId: full.id,
      organizationId: "org_0001",
      userId: "",
      name: "Erik Sommer",
      email: "erik@acme.example",
    });
    expect(
      await screen.findByText("All seats are taken: Erik Sommer is on the waitlist (position 2)."),
    ).toBeVisible();
  });

  it("registers a user of the organization", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      answer(m.getTrainingSession, { session: aTrainingSession(), registrations: [] }),
      answer(OrganizationService.method.listOrganizations, {
        organizations: [anOrganization()],
      }),
      answer(OrganizationService.method.getOrganization, {
        organization: anOrganization(),
        members: [{ userId: "usr_anna", email: anna.email, displayName: "Anna Becker" }],
      }),
      answer(m.registerAttendee, { registration: anna }),
    );
    renderApp(path, api);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Register attendee…" }));
    const dialog = await screen.findByRole("dialog", { name: /^Register for/ });
    expect(within(dialog).getByLabelText(/^User/, { selector: "input" })).toBeDisabled();
    await user.click(within(dialog).getByLabelText(/^Organization/, { selector: "input" }));
    await user.click(await screen.findByRole("option", { name: "Acme Hosting" }));
    await user.click(within(dialog).getByLabelText(/^User/, { selector: "input" }));
    await user.click(
      await screen.findByRole("option", { name: "Anna Becker <anna.becker@acme.example>" }),
    );
    await user.click(within(dialog).getByRole("button", { name: "Register" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(api.lastRequest(m.registerAttendee)).toMatchObject({
      organizationId: "org_0001",
      userId: "usr_anna",
      name: "",
      email: "",
    });
    expect(await screen.findByText("Anna Becker is registered.")).toBeVisible();
  });

  it("cancels a confirmed registration with a reason and names who moved up", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      answer(m.getTrainingSession, { session: full, registrations: [anna, ben, clara] }),
      answer(m.cancelRegistration, {
        registration: { ...ben, status: RegistrationStatus.CANCELLED },
        movedUp: { ...clara, status: RegistrationStatus.CONFIRMED, waitlistPosition: 0 },
      }),
    );
    renderApp(path, api);
    await tableRows();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Actions: Ben Richter" }));
    await user.click(await screen.findByRole("menuitem", { name: "Cancel registration…" }));
    const dialog = await screen.findByRole("dialog", {
      name: "Cancel the registration of Ben Richter?",
    });
    await user.type(within(dialog).getByLabelText(/^Reason/), "Left the company");
    await user.click(within(dialog).getByRole("button", { name: "Cancel registration" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(api.lastRequest(m.cancelRegistration)).toEqual(
      expect.objectContaining({ id: ben.id, reason: "Left the company" }),
    );
    expect(
      await screen.findByText("Clara Vogt moved up from the waitlist and has a seat now."),
    ).toBeVisible();
  });

  it("marks attendance once the session has begun, and completes it", async () => {
    const present = { ...anna, attendance: Attendance.PRESENT };
    const api = cannedApi(
      signedIn(anOwner()),
      answer(
        m.getTrainingSession,
        { session: begun, registrations: [anna, ben] },
        { session: begun, registrations: [present, ben] },
      ),
      answer(m.markAttendance, { registration: present }),
      answer(m.completeTrainingSession, {
        session: { ...begun, status: TrainingSessionStatus.COMPLETED, licences: 1 },
        granted: [aLicence()],
      }),
    );
    renderApp(path, api);
    await tableRows();
    const user = userEvent.setup();
    const annas = screen.getByRole("group", { name: "Attendance of Anna Becker" });
    await user.click(within(annas).getByRole("button", { name: "Present" }));
    await waitFor(() =>
      expect(api.lastRequest(m.markAttendance)).toMatchObject({
        id: anna.id,
        attendance: Attendance.PRESENT,
      }),
    );
    await waitFor(() =>
      expect(within(annas).getByRole("button", { name: "Present" })).toHaveAttribute(
        "aria-pressed",
        "true",
      ),
    );

    await user.click(screen.getByRole("button", { name: "Complete" }));
    const dialog = await screen.findByRole("dialog", { name: `Complete ${begun.courseTitle}?` });
    expect(within(dialog).getByText(/1 of 2 confirmed attendees are marked present/)).toBeVisible();
    await user.click(within(dialog).getByRole("button", { name: "Complete" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(api.lastRequest(m.completeTrainingSession)).toMatchObject({ id: begun.id });
    expect(await screen.findByText("The session is completed: 1 licence granted.")).toBeVisible();
  });

  it("cancels the session with a reason", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      answer(m.getTrainingSession, { session: full, registrations: [anna] }),
      answer(m.cancelTrainingSession, {
        session: { ...full, status: TrainingSessionStatus.CANCELLED },
      }),
    );
    renderApp(path, api);
    await tableRows();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: `Actions: ${full.courseTitle}` }));
    await user.click(await screen.findByRole("menuitem", { name: "Cancel session…" }));
    const dialog = await screen.findByRole("dialog", { name: /^Cancel .* on / });
    await user.click(within(dialog).getByRole("button", { name: "Cancel session" }));
    expect(await within(dialog).findByText("Please give a reason.")).toBeVisible();
    await user.type(within(dialog).getByLabelText(/^Reason/), "Trainer ill");
    await user.click(within(dialog).getByRole("button", { name: "Cancel session" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(api.lastRequest(m.cancelTrainingSession)).toMatchObject({
      id: full.id,
      reason: "Trainer ill",
    });
  });

  it("links the licence of an attendee who got one; those who may only read change nothing", async () => {
    const done = aTrainingSession({
      status: TrainingSessionStatus.COMPLETED,
      startTime: ago(30 * 24 * hour),
      licences: 1,
    });
    renderApp(
      path,
      cannedApi(
        signedIn(aDeveloper()),
        answer(m.getTrainingSession, {
          session: done,
          registrations: [
            { ...anna, attendance: Attendance.PRESENT, licenceId: aLicence().id },
            { ...ben, attendance: Attendance.ABSENT },
          ],
        }),
      ),
    );
    const rows = await tableRows();
    const licence = within(rows[0] as HTMLElement).getByRole("link", { name: "Licence" });
    expect(licence.getAttribute("href")).toContain("/training/licences?");
    expect(licence.getAttribute("href")).toContain("anna.becker%40acme.example");
    expect(rows[0]).toHaveTextContent("Present");
    expect(rows[1]).toHaveTextContent("Absent");
    expect(screen.getByTestId("licences-granted")).toHaveTextContent("1");
    expect(screen.queryByRole("button", { name: "Complete" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Register attendee…" })).toBeNull();
    expect(screen.queryByRole("button", { name: /^Actions/ })).toBeNull();
  });
});
