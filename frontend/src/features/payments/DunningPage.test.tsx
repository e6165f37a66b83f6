import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  DunningLevel,
  DunningNoticeStatus,
  DunningService,
} from "@leitstand/sdk/leitstand/admin/v1/dunning_service_pb.js";
import { OrganizationService } from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { PaymentService } from "@leitstand/sdk/leitstand/admin/v1/payment_service_pb.js";
import { aDunningNotice, anOrganization, anOwner, at } from "@/test/builders";
import { answer, answerWith, cannedApi, notFound, signedIn } from "@/test/canned";
import { renderApp, tableRows } from "@/test/render";

const d = DunningService.method;
const acme = anOrganization({ id: "org_01acme00000000000000000000", name: "Acme GmbH" });
const orgs = answer(OrganizationService.method.listOrganizations, { organizations: [acme] });
const first = aDunningNotice();
const reminder = aDunningNotice({
  id: "dun_01notice0000000000000000002",
  organizationId: "org_01beta00000000000000000000",
  organizationName: "Beta AG",
  invoiceId: "inv_01invoice00000000000000005",
  invoiceNumber: "RE-2027-000050",
  level: DunningLevel.REMINDER,
  issueDate: "2027-02-14",
  payBy: "2027-02-21",
  openCents: 11900n,
  feeCents: 0n,
  feeInvoiceId: "",
  feeInvoiceNumber: "",
  status: DunningNoticeStatus.QUEUED,
  to: "rechnung@beta.example",
  attempts: 2,
  answer: "451 4.3.0 try again later",
  nextAttemptTime: at("2027-02-14T07:00:00Z"),
});
const failed = aDunningNotice({
  id: "dun_01notice0000000000000000003",
  level: DunningLevel.SECOND_NOTICE,
  feeCents: 1000n,
  feeInvoiceId: "inv_01invoice00000000000000010",
  feeInvoiceNumber: "RE-2027-000080",
  status: DunningNoticeStatus.FAILED,
  attempts: 8,
  answer: "550 5.1.1 mailbox unavailable",
});
const list = answer(d.listDunningNotices, { notices: [first, reminder, failed], totalSize: 3 });

describe("dunning notices", () => {
  it("shows each notice's organization, invoice, level, dates, amounts, fee and e-mail in German", async () => {
    renderApp("/payments/dunning", cannedApi(signedIn(anOwner()), list, orgs), "de");
    const rows = await tableRows();
    expect(rows).toHaveLength(3);
    const row = within(rows[0] as HTMLElement);
    expect(row.getByRole("link", { name: "Acme GmbH" })).toHaveAttribute(
      "href",
      `/organizations/${first.organizationId}?tab=payments`,
    );
    expect(row.getByRole("link", { name: "RE-2027-000042" })).toHaveAttribute(
      "href",
      `/invoices/${first.invoiceId}`,
    );
    expect(rows[0]).toHaveTextContent("1. Mahnung");
    expect(rows[0]).toHaveTextContent("21.02.2027");
    expect(rows[0]).toHaveTextContent("28.02.2027");
    expect(rows[0]).toHaveTextContent("34,51 €");
    expect(rows[0]).toHaveTextContent("5,00 €");
    expect(row.getByRole("link", { name: "Gebührenrechnung RE-2027-000077" })).toHaveAttribute(
      "href",
      `/invoices/${first.feeInvoiceId}`,
    );
    expect(rows[0]).toHaveTextContent("Versendet");
    expect(rows[0]).toHaveTextContent("an billing@acmehosting.example");
    // A sent notice's receipt is in the title of its address, not the row.
    expect(rows[0]).not.toHaveTextContent("250 2.0.0");
    expect(
      within(rows[0] as HTMLElement).getByTitle(/250 2\.0\.0 Ok: queued as 4F2A1/),
    ).toBeInTheDocument();

    expect(rows[1]).toHaveTextContent("Zahlungserinnerung");
    expect(rows[1]).toHaveTextContent("Wartet");
    expect(rows[1]).toHaveTextContent("an rechnung@beta.example (2 Versuche)");
    expect(rows[1]).toHaveTextContent("451 4.3.0 try again later");
    expect(rows[1]).toHaveTextContent("Nächster Versuch am");
    // No fee: no fee invoice.
    expect(within(rows[1] as HTMLElement).queryByRole("link", { name: /^Gebührenrechnung/ })).toBe(
      null,
    );

    expect(rows[2]).toHaveTextContent("2. Mahnung");
    expect(rows[2]).toHaveTextContent("Fehlgeschlagen");
    expect(rows[2]).toHaveTextContent("(8 Versuche)");
    expect(rows[2]!.querySelector("[data-tone]")).toHaveAttribute("data-tone", "critical");
    expect(screen.getAllByText("3 Mahnschreiben")).toHaveLength(2);
  });

  it("asks for the URL's filters, and for a level chosen, also in the export", async () => {
    const api = cannedApi(signedIn(anOwner()), list, orgs);
    const { history } = renderApp(`/payments/dunning?status=FAILED,QUEUED&org=${acme.id}`, api);
    await tableRows();
    expect(api.lastRequest(d.listDunningNotices)).toMatchObject({
      organizationId: acme.id,
      invoiceId: "",
      statuses: [DunningNoticeStatus.QUEUED, DunningNoticeStatus.FAILED],
      levels: [],
    });
    await userEvent.click(screen.getByLabelText("Level", { selector: "input" }));
    await userEvent.click(await screen.findByRole("option", { name: "2nd notice" }));
    await waitFor(() =>
      expect(api.lastRequest(d.listDunningNotices)?.levels).toEqual([DunningLevel.SECOND_NOTICE]),
    );
    expect(history.location.search).toContain("level=SECOND_NOTICE");
    const href = decodeURIComponent(
      screen.getByRole("link", { name: "Export CSV" }).getAttribute("href") ?? "",
    );
    expect(href).toContain("DunningService/ListDunningNotices.csv");
    expect(href).toContain("DUNNING_LEVEL_SECOND_NOTICE");
    expect(href).toContain("DUNNING_NOTICE_STATUS_FAILED");
    expect(href).toContain(acme.id);
  });

  it("says when nothing matches the filters, and clears them", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      answer(d.listDunningNotices, { notices: [], totalSize: 0 }),
      orgs,
    );
    const { history } = renderApp("/payments/dunning?level=REMINDER", api);
    await userEvent.click(await screen.findByRole("button", { name: "Clear filters" }));
    await waitFor(() => expect(history.location.search).toBe(""));
    expect(await screen.findByText("No dunning notices yet.")).toBeInTheDocument();
  });

  it("is reached from the payments list", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      answer(PaymentService.method.listPayments, { payments: [] }),
      list,
      orgs,
    );
    const { history } = renderApp("/payments", api);
    await userEvent.click(await screen.findByRole("link", { name: "Dunning" }));
    await waitFor(() => expect(history.location.pathname).toBe("/payments/dunning"));
    expect(await screen.findByRole("heading", { name: "Dunning" })).toBeInTheDocument();
    expect(await tableRows()).toHaveLength(3);
  });
});

describe("a notice's letter", () => {
  const saved: { href: string; download: string }[] = [];
  beforeEach(() => {
    saved.length = 0;
    // jsdom has no blob URLs and does not download.
    URL.createObjectURL = vi.fn(() => "blob:test/notice");
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      saved.push({ href: this.href, download: this.download });
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it("is downloaded under the API's file name", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      list,
      orgs,
      answerWith(d.getDunningNoticePdf, (req) =>
        req.id === first.id
          ? {
              content: new TextEncoder().encode("%PDF-1.7"),
              fileName: "Mahnung-1-RE-2027-000042.pdf",
              sha256: "ab".repeat(32),
            }
          : notFound("notice"),
      ),
    );
    renderApp("/payments/dunning", api);
    const rows = await tableRows();
    await userEvent.click(
      within(rows[0] as HTMLElement).getByRole("button", {
        name: "PDF: 1st notice on RE-2027-000042",
      }),
    );
    await waitFor(() =>
      expect(saved).toEqual([
        { href: "blob:test/notice", download: "Mahnung-1-RE-2027-000042.pdf" },
      ]),
    );
    expect(api.requests(d.getDunningNoticePdf)).toMatchObject([{ id: first.id }]);
    const blob = vi.mocked(URL.createObjectURL).mock.calls[0]![0] as Blob;
    expect(blob.type).toBe("application/pdf");
    expect(await blob.text()).toBe("%PDF-1.7");
  });
});
