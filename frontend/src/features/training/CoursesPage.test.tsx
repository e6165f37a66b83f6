import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { TrainingService } from "@leitstand/sdk/leitstand/admin/v1/training_service_pb.js";
import { aCourse, aDeveloper, anOwner } from "@/test/builders";
import { answer, answerWith, cannedApi, refused, signedIn } from "@/test/canned";
import { renderApp, tableRows } from "@/test/render";

const m = TrainingService.method;

const dsgvo = aCourse();
const security = aCourse({
  id: "crs_01security00000000000000001",
  title: "IT-Sicherheit für Mitarbeitende",
  language: "en",
  durationMinutes: 120,
  validityMonths: 24,
  seatPriceCents: 0n,
  sessionCount: 0,
});
const retired = aCourse({
  id: "crs_01old000000000000000000001",
  title: "Brandschutz (alt)",
  retired: true,
});

describe("the course catalogue", () => {
  it("lists each course's language, duration, validity, seat price and whether it is retired", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      answerWith(m.listCourses, (req) => ({
        courses: req.includeRetired ? [dsgvo, security, retired] : [dsgvo, security],
        totalSize: req.includeRetired ? 3 : 2,
      })),
    );
    renderApp("/training/courses", api);
    const rows = await tableRows();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent("Datenschutz-Grundlagen (DSGVO)");
    expect(rows[0]).toHaveTextContent("German");
    expect(rows[0]).toHaveTextContent("1 h 30 min");
    expect(rows[0]).toHaveTextContent("12 months");
    expect(rows[0]).toHaveTextContent("€49.00");
    expect(rows[1]).toHaveTextContent("English");
    expect(rows[1]).toHaveTextContent("Free");
    expect(screen.getByText("2 courses in the catalogue")).toBeVisible();

    await userEvent.click(screen.getByRole("switch", { name: "Include retired courses" }));
    await waitFor(async () => expect(await tableRows()).toHaveLength(3));
    expect(api.lastRequest(m.listCourses)).toMatchObject({ includeRetired: true });
    const last = (await tableRows())[2] as HTMLElement;
    expect(within(last).getByText("Retired")).toBeVisible();
  });

  it("adds a course with its price in cents", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      answer(m.listCourses, { courses: [dsgvo], totalSize: 1 }),
      answerWith(m.createCourse, (req) => ({
        course: aCourse({
          title: req.course?.title,
          id: "crs_01new000000000000000000001",
        }),
      })),
    );
    renderApp("/training/courses", api);
    await tableRows();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "New course…" }));
    const dialog = await screen.findByRole("dialog", { name: "New course…" });
    await user.type(within(dialog).getByLabelText(/^Title/), "Notfallmanagement");
    await user.click(within(dialog).getByLabelText(/^Language/, { selector: "input" }));
    await user.click(await screen.findByRole("option", { name: "English" }));
    const duration = within(dialog).getByLabelText(/^Duration/);
    await user.clear(duration);
    await user.type(duration, "240");
    await user.type(within(dialog).getByLabelText(/^Seat price/), "129.50");
    // Retiring is for a course that exists.
    expect(within(dialog).queryByRole("switch", { name: /^Retired/ })).toBeNull();
    await user.click(within(dialog).getByRole("button", { name: "Add course" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(api.lastRequest(m.createCourse)?.course).toMatchObject({
      title: "Notfallmanagement",
      language: "en",
      durationMinutes: 240,
      validityMonths: 12,
      seatPriceCents: 12950n,
      retired: false,
    });
    expect(await screen.findByText("Notfallmanagement was added to the catalogue.")).toBeVisible();
  });

  it("retires a course, sending only what changed", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      answer(m.listCourses, { courses: [dsgvo], totalSize: 1 }),
      answerWith(m.updateCourse, () => ({ course: { ...dsgvo, retired: true } })),
    );
    renderApp("/training/courses", api);
    await tableRows();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: `Actions: ${dsgvo.title}` }));
    await user.click(await screen.findByRole("menuitem", { name: "Edit…" }));
    const dialog = await screen.findByRole("dialog", { name: `Edit ${dsgvo.title}` });
    expect(within(dialog).getByLabelText(/^Seat price/)).toHaveValue("49.00");
    await user.click(within(dialog).getByRole("switch", { name: /^Retired/ }));
    await user.click(within(dialog).getByRole("button", { name: "Save changes" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(api.lastRequest(m.updateCourse)).toMatchObject({
      id: dsgvo.id,
      course: { retired: true },
      updateMask: { paths: ["retired"] },
    });
  });

  it("shows why the server keeps a course that had sessions", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      answer(m.listCourses, { courses: [dsgvo], totalSize: 1 }),
      answer(m.deleteCourse, refused("the course had sessions: retire it instead")),
    );
    renderApp("/training/courses", api);
    await tableRows();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: `Actions: ${dsgvo.title}` }));
    await user.click(await screen.findByRole("menuitem", { name: "Delete course" }));
    const dialog = await screen.findByRole("dialog", { name: `Delete ${dsgvo.title}?` });
    expect(within(dialog).getByText(/The course had 3 sessions/)).toBeVisible();
    await user.click(within(dialog).getByRole("button", { name: "Delete course" }));
    expect(
      await within(dialog).findByText("the course had sessions: retire it instead"),
    ).toBeVisible();
    expect(api.lastRequest(m.deleteCourse)).toMatchObject({ id: dsgvo.id });
  });

  it("offers no changes to those who may only read", async () => {
    renderApp(
      "/training/courses",
      cannedApi(signedIn(aDeveloper()), answer(m.listCourses, { courses: [dsgvo], totalSize: 1 })),
    );
    await tableRows();
    expect(screen.queryByRole("button", { name: "New course…" })).toBeNull();
    expect(screen.queryByRole("button", { name: `Actions: ${dsgvo.title}` })).toBeNull();
  });
});
