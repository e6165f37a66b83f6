import { timestampDate } from "@bufbuild/protobuf/wkt";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { PlatformRole } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import { MemberService } from "@leitstand/sdk/leitstand/admin/v1/member_service_pb.js";
import {
  TrainingService,
  TrainingSessionStatus,
} from "@leitstand/sdk/leitstand/admin/v1/training_service_pb.js";
import { saveTimeZone } from "@/lib/format";
import {
  aCourse,
  anOwner,
  aStaffMember,
  aTrainingSession,
  at,
  day,
  fromNow,
} from "@/test/builders";
import { answer, answerWith, cannedApi, invalid, signedIn } from "@/test/canned";
import { renderApp, tableRows } from "@/test/render";

const m = TrainingService.method;

const upcoming = aTrainingSession({ capacity: 2, confirmed: 2, waitlisted: 1 });
const onSite = aTrainingSession({
  id: "tse_01onsite00000000000000001",
  courseTitle: "Notfallmanagement",
  onlineUrl: "",
  location: "Berlin, Raum 3",
  startTime: fromNow(14 * day),
  endTime: fromNow(14 * day + 3_600_000),
});
const past = aTrainingSession({
  id: "tse_01past000000000000000001",
  status: TrainingSessionStatus.COMPLETED,
  startTime: at("2026-01-12T09:00:00Z"),
  licences: 8,
});

const sessions = () =>
  answerWith(m.listTrainingSessions, (req) =>
    req.past ? { sessions: [past], totalSize: 1 } : { sessions: [upcoming, onSite], totalSize: 2 },
  );

describe("the training sessions", () => {
  it("lists the upcoming ones with their place, trainer and seats; the past ones on demand", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      sessions(),
      answer(m.listCourses, { courses: [aCourse()] }),
    );
    renderApp("/training", api);
    const rows = await tableRows();
    expect(rows).toHaveLength(2);
    expect(api.lastRequest(m.listTrainingSessions)).toMatchObject({ past: false });
    const full = rows[0] as HTMLElement;
    expect(within(full).getByRole("link", { name: upcoming.courseTitle })).toHaveAttribute(
      "href",
      `/training/sessions/${upcoming.id}`,
    );
    expect(within(full).getByRole("link", { name: "Online" })).toHaveAttribute(
      "href",
      upcoming.onlineUrl,
    );
    expect(full).toHaveTextContent("Oskar Operator");
    expect(full.querySelector("[data-capacity]")).toHaveAttribute("data-capacity", "2/2");
    expect(full).toHaveTextContent("2 / 2");
    expect(full).toHaveTextContent("+1 waiting");
    expect(rows[1]).toHaveTextContent("Berlin, Raum 3");
    expect(screen.getByText("2 upcoming sessions")).toBeVisible();

    await userEvent.click(screen.getByRole("radio", { name: "Past" }));
    await waitFor(async () => expect(await tableRows()).toHaveLength(1));
    expect(api.lastRequest(m.listTrainingSessions)).toMatchObject({ past: true });
    expect((await tableRows())[0]).toHaveTextContent("Completed");
  });

  it("speaks German", async () => {
    renderApp(
      "/training",
      cannedApi(signedIn(anOwner()), sessions(), answer(m.listCourses, { courses: [aCourse()] })),
      "de",
    );
    const rows = await tableRows();
    expect(screen.getByRole("heading", { name: "Schulungstermine" })).toBeVisible();
    expect(screen.getByText("2 anstehende Termine")).toBeVisible();
    expect(screen.getByRole("radio", { name: "Vergangen" })).toBeInTheDocument();
    expect(rows[0]).toHaveTextContent("+1 auf der Warteliste");
    expect(rows[0]).toHaveTextContent("Geplant");
    expect(rows[1]).toHaveTextContent("Berlin, Raum 3");
  });

  it("schedules a session at a time of the display time zone, sent in UTC, and opens it", async () => {
    saveTimeZone("Europe/Berlin");
    const api = cannedApi(
      signedIn(anOwner()),
      sessions(),
      answer(m.listCourses, { courses: [aCourse()] }),
      answer(MemberService.method.listMembers, {
        members: [aStaffMember(PlatformRole.OPERATOR)],
      }),
      answerWith(m.scheduleTrainingSession, (req) => ({
        session: aTrainingSession({
          id: "tse_01new000000000000000000001",
          startTime: req.place!.startTime,
          capacity: req.place!.capacity,
          confirmed: 0,
        }),
      })),
      answer(m.getTrainingSession, {
        session: aTrainingSession({ id: "tse_01new000000000000000000001", confirmed: 0 }),
        registrations: [],
      }),
    );
    const { history } = renderApp("/training", api);
    await tableRows();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Schedule session…" }));
    const dialog = await screen.findByRole("dialog", { name: "Schedule a session" });
    await user.click(within(dialog).getByLabelText(/^Course/, { selector: "input" }));
    await user.click(await screen.findByRole("option", { name: aCourse().title }));
    await user.type(within(dialog).getByLabelText(/^Start/), "2026-12-04T09:30");
    expect(within(dialog).getByText("Date and time in CET")).toBeVisible();
    const capacity = within(dialog).getByLabelText(/^Seats/);
    await user.clear(capacity);
    await user.type(capacity, "2");
    await user.type(within(dialog).getByLabelText(/^Link/), "http://meet.example.com/x");
    await user.click(within(dialog).getByLabelText(/^Trainer/, { selector: "input" }));
    await user.click(await screen.findByRole("option", { name: "Oskar Operator" }));
    await user.click(within(dialog).getByRole("button", { name: "Schedule session" }));
    expect(await within(dialog).findByText("Enter a link starting with https://.")).toBeVisible();
    const link = within(dialog).getByLabelText(/^Link/);
    await user.clear(link);
    await user.type(link, "https://meet.example.com/x");
    await user.click(within(dialog).getByRole("button", { name: "Schedule session" }));
    await waitFor(() =>
      expect(history.location.pathname).toBe("/training/sessions/tse_01new000000000000000000001"),
    );
    const sent = api.lastRequest(m.scheduleTrainingSession)!;
    expect(sent.courseId).toBe(aCourse().id);
    expect(timestampDate(sent.place!.startTime!).toISOString()).toBe("2026-12-04T08:30:00.000Z");
    expect(sent.place).toMatchObject({
      onlineUrl: "https://meet.example.com/x",
      location: "",
      trainerId: "usr_operator",
      capacity: 2,
    });
  });

  it("shows the server's verdict at the field it names", async () => {
    saveTimeZone("Europe/Berlin");
    const api = cannedApi(
      signedIn(anOwner()),
      sessions(),
      answer(m.listCourses, { courses: [aCourse()] }),
      answer(MemberService.method.listMembers, {
        members: [aStaffMember(PlatformRole.OPERATOR)],
      }),
      answer(
        m.scheduleTrainingSession,
        invalid([
          {
            path: ["place", "trainer_id"],
            ruleId: "training.trainer",
            message: "the trainer must be a member of staff",
          },
        ]),
      ),
    );
    renderApp("/training", api);
    await tableRows();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Schedule session…" }));
    const dialog = await screen.findByRole("dialog", { name: "Schedule a session" });
    await user.click(within(dialog).getByLabelText(/^Course/, { selector: "input" }));
    await user.click(await screen.findByRole("option", { name: aCourse().title }));
    await user.type(within(dialog).getByLabelText(/^Start/), "2026-12-04T09:30");
    await user.click(within(dialog).getByRole("radio", { name: "On site" }));
    await user.type(within(dialog).getByLabelText(/^Location/), "Berlin, Raum 3");
    await user.click(within(dialog).getByLabelText(/^Trainer/, { selector: "input" }));
    await user.click(await screen.findByRole("option", { name: "Oskar Operator" }));
    await user.click(within(dialog).getByRole("button", { name: "Schedule session" }));
    expect(await within(dialog).findByText("the trainer must be a member of staff")).toBeVisible();
    expect(api.lastRequest(m.scheduleTrainingSession)?.place).toMatchObject({
      onlineUrl: "",
      location: "Berlin, Raum 3",
    });
  });
});
