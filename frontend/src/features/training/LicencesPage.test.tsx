import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { OrganizationService } from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import {
  LicenceState,
  TrainingService,
} from "@leitstand/sdk/leitstand/admin/v1/training_service_pb.js";
import {
  aCourse,
  aDeveloper,
  aLicence,
  anOrganization,
  anOwner,
  aRegistration,
  aTrainingSession,
} from "@/test/builders";
import { answer, answerWith, cannedApi, signedIn } from "@/test/canned";
import { renderApp, tableRows } from "@/test/render";

const m = TrainingService.method;

const valid = aLicence();
const expiring = aLicence({
  id: "lic_01ben000000000000000000001",
  name: "Ben Richter",
  email: "ben@acme.example",
  validUntil: "2026-12-20",
  state: LicenceState.EXPIRING,
});
const revoked = aLicence({
  id: "lic_01dora00000000000000000001",
  name: "Dora Lang",
  email: "dora@acme.example",
  state: LicenceState.REVOKED,
  revokeReason: "Issued by mistake",
});

const lists = () => [
  answer(m.listCourses, { courses: [aCourse()] }),
  answer(OrganizationService.method.listOrganizations, { organizations: [anOrganization()] }),
];

describe("the licences", () => {
  it("lists each person's licence with its validity and state, and filters by state and person", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      ...lists(),
      answerWith(m.listLicences, (req) =>
        req.state === LicenceState.EXPIRING
          ? { licences: [expiring], totalSize: 1 }
          : { licences: [valid, expiring, revoked], totalSize: 3 },
      ),
    );
    renderApp("/training/licences", api);
    const rows = await tableRows();
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent("Anna Becker");
    expect(rows[0]).toHaveTextContent("Acme Hosting");
    expect(rows[0]).toHaveTextContent("2 Mar 2026");
    expect(rows[0]).toHaveTextContent("1 Mar 2027");
    expect(rows[0]?.querySelector("[data-state]")).toHaveTextContent("Valid");
    expect(rows[1]?.querySelector("[data-state]")).toHaveTextContent("Expiring");
    expect(rows[2]?.querySelector("[data-state]")).toHaveTextContent("Revoked");
    expect(
      within(rows[0] as HTMLElement).getByRole("link", { name: valid.courseTitle }),
    ).toHaveAttribute("href", `/training/sessions/${valid.sessionId}`);

    const user = userEvent.setup();
    await user.click(screen.getByRole("radio", { name: "Expiring" }));
    await waitFor(async () => expect(await tableRows()).toHaveLength(1));
    expect(api.lastRequest(m.listLicences)).toMatchObject({ state: LicenceState.EXPIRING });
    await user.type(screen.getByRole("searchbox", { name: "Search" }), "ben");
    await waitFor(() => expect(api.lastRequest(m.listLicences)).toMatchObject({ person: "ben" }));
    // The export asks for what the list shows.
    const href = screen.getByRole("link", { name: "Export CSV" }).getAttribute("href") ?? "";
    expect(href).toContain("/api/export/leitstand.admin.v1.TrainingService/ListLicences.csv");
    expect(decodeURIComponent(href)).toContain("ben");
  });

  describe("a licence's certificate", () => {
    const saved: { download: string; type: string }[] = [];
    beforeEach(() => {
      saved.length = 0;
      URL.createObjectURL = vi.fn(() => "blob:test/1");
      URL.revokeObjectURL = vi.fn();
      vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (
        this: HTMLAnchorElement,
      ) {
        const blob = vi.mocked(URL.createObjectURL).mock.calls.at(-1)![0] as Blob;
        saved.push({ download: this.download, type: blob.type });
      });
    });
    afterEach(() => vi.restoreAllMocks());

    it("is downloaded in the language asked for, under the server's file name", async () => {
      const api = cannedApi(
        signedIn(aDeveloper()),
        ...lists(),
        answer(m.listLicences, { licences: [valid, revoked], totalSize: 2 }),
        answerWith(m.getCertificatePdf, (req) => ({
          content: new TextEncoder().encode("%PDF-1.7"),
          fileName: `Zertifikat-${req.language}.pdf`,
        })),
      );
      renderApp("/training/licences", api);
      await tableRows();
      const user = userEvent.setup();
      await user.click(screen.getByRole("button", { name: /^Actions: Licence of Anna Becker/ }));
      await user.click(await screen.findByRole("menuitem", { name: "Certificate (English)" }));
      await waitFor(() => expect(saved).toHaveLength(1));
      expect(saved[0]).toEqual({ download: "Zertifikat-en.pdf", type: "application/pdf" });
      expect(api.lastRequest(m.getCertificatePdf)).toMatchObject({ id: valid.id, language: "en" });
      // Reading is all a developer may: no revoking.
      await user.click(screen.getByRole("button", { name: /^Actions: Licence of Anna Becker/ }));
      expect(await screen.findByRole("menuitem", { name: "Certificate (German)" })).toBeVisible();
      expect(screen.queryByRole("menuitem", { name: "Revoke…" })).toBeNull();
      await user.keyboard("{Escape}");
      // A revoked licence has no certificate.
      await user.click(screen.getByRole("button", { name: /^Actions: Licence of Dora Lang/ }));
      expect(await screen.findByRole("menuitem", { name: "Certificate (German)" })).toBeDisabled();
    });
  });

  it("revokes a licence with a reason", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      ...lists(),
      answer(m.listLicences, { licences: [valid], totalSize: 1 }),
      answer(m.revokeLicence, { licence: { ...valid, state: LicenceState.REVOKED } }),
    );
    renderApp("/training/licences", api);
    await tableRows();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: /^Actions: Licence of Anna Becker/ }));
    await user.click(await screen.findByRole("menuitem", { name: "Revoke…" }));
    const dialog = await screen.findByRole("dialog", {
      name: `Revoke the licence of Anna Becker for ${valid.courseTitle}?`,
    });
    await user.type(within(dialog).getByLabelText(/^Reason/), "Attended only half of it");
    await user.click(within(dialog).getByRole("button", { name: "Revoke licence" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(api.lastRequest(m.revokeLicence)).toMatchObject({
      id: valid.id,
      reason: "Attended only half of it",
    });
    expect(await screen.findByText("The licence of Anna Becker was revoked.")).toBeVisible();
  });
});

describe("an organization's Training tab", () => {
  it("lists its people's licences and registrations", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      answer(OrganizationService.method.getOrganization, { organization: anOrganization() }),
      answer(m.listLicences, { licences: [valid], totalSize: 1 }),
      answer(m.listRegistrations, {
        registrations: [
          {
            registration: aRegistration({
              id: "reg_01ben000000000000000000001",
              name: "Ben Richter",
              email: "ben@acme.example",
            }),
            courseTitle: aTrainingSession().courseTitle,
            startTime: aTrainingSession().startTime,
            sessionStatus: aTrainingSession().status,
          },
        ],
        totalSize: 1,
      }),
    );
    renderApp("/organizations/org_0001?tab=training", api);
    const tables = await screen.findAllByRole("table");
    expect(tables).toHaveLength(2);
    await waitFor(() => expect(within(tables[0]!).getByText("Anna Becker")).toBeVisible());
    await waitFor(() => expect(within(tables[1]!).getByText("Ben Richter")).toBeVisible());
    expect(within(tables[1]!).getByText("Confirmed")).toBeVisible();
    expect(api.lastRequest(m.listLicences)).toMatchObject({ organizationId: "org_0001" });
    expect(api.lastRequest(m.listRegistrations)).toMatchObject({ organizationId: "org_0001" });
    expect(screen.getByRole("tab", { name: "Training" })).toHaveAttribute("aria-selected", "true");
  });
});
