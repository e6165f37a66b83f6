import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  InvoiceDeliveryStatus,
  InvoiceKind,
  InvoiceService,
  InvoiceStatus,
} from "@leitstand/sdk/leitstand/admin/v1/invoice_service_pb.js";
import { anEInvoiceCheck, anInvoice, anInvoiceLine, anOwner, aCaller } from "@/test/builders";
import { EInvoiceFormat } from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { answer, answerWith, cannedApi, refused, signedIn, type Canned } from "@/test/canned";
import { renderApp } from "@/test/render";
import { formatDay } from "./money";
import { Permission, PlatformRole } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";

const m = InvoiceService.method;

const invoice = anInvoice({
  lines: [
    anInvoiceLine(),
    anInvoiceLine({
      position: 2,
      kind: "SUPPORT_TIME",
      description: "Support über Inklusivkontingent",
      quantity: 90n,
      unit: "MIN",
      unitPriceCents: 9500n,
      baseQuantity: 60n,
      netCents: 14250n,
    }),
  ],
  netCents: 17150n,
  vatCents: 3259n,
  grossCents: 20409n,
  taxTotals: [{ rateBasisPoints: 1900, netCents: 17150n, vatCents: 3259n }],
  notes: ["Zahlbar bis 31.01.2027 ohne Abzug."],
});
const cancellation = anInvoice({
  id: "inv_01invoice00000000000000002",
  number: "RE-2027-000043",
  kind: InvoiceKind.CANCELLATION,
  origin: 2,
  billingDate: "",
  cancelsId: invoice.id,
  cancelsNumber: invoice.number,
  reason: "Doppelt berechnet",
  netCents: -17150n,
  vatCents: -3259n,
  grossCents: -20409n,
});
const cancelled = { ...invoice, status: InvoiceStatus.CANCELLED, cancelledById: cancellation.id };

/** The API's answers: each invoice by its id, and its PDF. */
function invoices(...known: (typeof invoice)[]): Canned[] {
  return [
    answerWith(m.getInvoice, (req) => ({ invoice: known.find((i) => i.id === req.id) })),
    answerWith(m.getInvoicePdf, (req) => ({
      content: new TextEncoder().encode("%PDF-1.7"),
      fileName: `${known.find((i) => i.id === req.id)?.number}.pdf`,
      sha256: "ab".repeat(32),
    })),
  ];
}

const created: string[] = [];
const revoked: string[] = [];
beforeAll(() => {
  // jsdom has no blob URLs.
  URL.createObjectURL = vi.fn(() => {
    const url = `blob:test/${created.length + 1}`;
    created.push(url);
    return url;
  });
  URL.revokeObjectURL = vi.fn((url: string) => void revoked.push(url));
});
afterAll(() => vi.restoreAllMocks());

describe("invoice page", () => {
  it("shows the lines in German, the totals, the notes and the PDF preview", async () => {
    const api = cannedApi(signedIn(anOwner()), ...invoices(invoice));
    const { unmount } = renderApp(`/invoices/${invoice.id}`, api, "de");
    expect(await screen.findByRole("heading", { name: "RE-2027-000042" })).toBeInTheDocument();
    expect(screen.getByText("Offen")).toBeInTheDocument();
    const lines = screen.getByTestId("invoice-lines");
    const support = within(lines).getByText("Support über Inklusivkontingent").closest("tr")!;
    expect(support).toHaveTextContent("90 Min.");
    expect(support).toHaveTextContent("95,00 € / Std.");
    expect(support).toHaveTextContent("142,50 €");
    const fee = within(lines).getByText("Grundgebühr Basis").closest("tr")!;
    expect(fee).toHaveTextContent("1 Monat");
    expect(fee).toHaveTextContent("17.01.2027 – 16.02.2027");
    const totals = screen.getByTestId("invoice-totals");
    expect(totals).toHaveTextContent("USt. 19 % auf 171,50 €32,59 €");
    expect(totals).toHaveTextContent("Brutto (Zahlbetrag)204,09 €");
    expect(screen.getByText("Zahlbar bis 31.01.2027 ohne Abzug.")).toBeInTheDocument();

    const frame = await screen.findByTitle("PDF von RE-2027-000042");
    expect(frame.getAttribute("src")).toMatch(/^blob:/);
    const download = screen.getByRole("link", { name: "RE-2027-000042.pdf herunterladen" });
    expect(download).toHaveAttribute("download", "RE-2027-000042.pdf");
    expect(download).toHaveAttribute("href", frame.getAttribute("src"));
    expect(screen.getByTestId("invoice-sha256")).toHaveTextContent("ab".repeat(32));
    const url = frame.getAttribute("src")!;
    unmount();
    expect(revoked).toContain(url);
  });

  it("sends the reason of a cancellation and opens the cancellation invoice", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      ...invoices(invoice, cancellation),
      answer(m.cancelInvoice, { invoice: cancelled, cancellation }),
    );
    const { history } = renderApp(`/invoices/${invoice.id}`, api);
    await userEvent.click(await screen.findByRole("button", { name: "Cancel invoice" }));
    const dialog = await screen.findByRole("dialog", { name: "Cancel RE-2027-000042" });
    // A reason is required before anything is sent.
    await userEvent.click(within(dialog).getByRole("button", { name: "Cancel invoice" }));
    expect(api.lastRequest(m.cancelInvoice)).toBeUndefined();
    await userEvent.type(within(dialog).getByLabelText(/^Reason/), "Doppelt berechnet");
    await userEvent.click(within(dialog).getByRole("button", { name: "Cancel invoice" }));
    await waitFor(() =>
      expect(api.lastRequest(m.cancelInvoice)).toMatchObject({
        id: invoice.id,
        reason: "Doppelt berechnet",
      }),
    );
    await waitFor(() => expect(history.location.pathname).toBe(`/invoices/${cancellation.id}`));
    expect(await screen.findByRole("heading", { name: "RE-2027-000043" })).toBeInTheDocument();
    const cancels = screen.getByTestId("cancels");
    expect(within(cancels).getByRole("link", { name: "RE-2027-000042" })).toHaveAttribute(
      "href",
      `/invoices/${invoice.id}`,
    );
    // A cancellation invoice is not cancelled, and asks for no payment:
    // issued, not open, and with no due date.
    expect(screen.queryByRole("button", { name: "Cancel invoice" })).not.toBeInTheDocument();
    expect(screen.getByText("Issued")).toBeInTheDocument();
    expect(screen.queryByText("Open")).not.toBeInTheDocument();
    expect(screen.queryByText(formatDay(cancellation.dueDate, "en"))).not.toBeInTheDocument();
  });

  it("links a cancelled invoice to its cancellation invoice, without a cancel button", async () => {
    renderApp(
      `/invoices/${invoice.id}`,
      cannedApi(signedIn(anOwner()), ...invoices(cancelled, cancellation)),
    );
    const by = await screen.findByTestId("cancelled-by");
    expect(await within(by).findByRole("link", { name: "RE-2027-000043" })).toHaveAttribute(
      "href",
      `/invoices/${cancellation.id}`,
    );
    expect(screen.getByText("Cancelled")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Cancel invoice" })).not.toBeInTheDocument();
  });

  it("says where the invoice's e-mail is, with the mail server's answer and its e-invoice", async () => {
    const failed = anInvoice({
      delivery: {
        status: InvoiceDeliveryStatus.FAILED,
        to: "rechnung@acme.example",
        attempts: 2,
        answer: "550 5.1.1 no such user",
        eInvoiceFormat: EInvoiceFormat.XRECHNUNG_UBL,
      },
    });
    renderApp(`/invoices/${failed.id}`, cannedApi(signedIn(anOwner()), ...invoices(failed)));
    const delivery = await screen.findByTestId("delivery");
    expect(delivery).toHaveTextContent("Not delivered to rechnung@acme.example (2 attempts)");
    expect(delivery).toHaveTextContent("550 5.1.1 no such user");
    expect(within(delivery).getByTestId("delivery-e-invoice")).toHaveTextContent(
      "Was to be sent as XRechnung (UBL) with the PDF as a copy to read",
    );
  });

  it("names the e-invoice a sent e-mail carried: the ZUGFeRD PDF, or the XRechnung with the PDF", async () => {
    const zugferd = anInvoice({
      delivery: {
        status: InvoiceDeliveryStatus.SENT,
        to: "buchhaltung@acme.example",
        attempts: 1,
        eInvoiceFormat: EInvoiceFormat.ZUGFERD,
      },
    });
    const first = renderApp(
      `/invoices/${zugferd.id}`,
      cannedApi(signedIn(anOwner()), ...invoices(zugferd)),
    );
    const delivery = await screen.findByTestId("delivery");
    expect(delivery).toHaveTextContent("Sent to buchhaltung@acme.example");
    expect(within(delivery).getByTestId("delivery-e-invoice")).toHaveTextContent(
      /^Sent as ZUGFeRD PDF$/,
    );
    first.unmount();

    const xrechnung = anInvoice({
      delivery: {
        status: InvoiceDeliveryStatus.SENT,
        to: "rechnung@amt.example",
        attempts: 1,
        eInvoiceFormat: EInvoiceFormat.XRECHNUNG_CII,
      },
    });
    renderApp(
      `/invoices/${xrechnung.id}`,
      cannedApi(signedIn(anOwner()), ...invoices(xrechnung)),
      "de",
    );
    const versendet = await screen.findByTestId("delivery");
    expect(versendet).toHaveTextContent("Versendet an rechnung@amt.example");
    expect(within(versendet).getByTestId("delivery-e-invoice")).toHaveTextContent(
      "Versendet als XRechnung (CII) mit dem PDF als Lesekopie",
    );
  });

  it("offers no cancellation to a role without INVOICES_WRITE", async () => {
    const reader = aCaller({
      platformRole: PlatformRole.OPERATOR,
      permissions: [Permission.INVOICES_READ],
    });
    renderApp(`/invoices/${invoice.id}`, cannedApi(signedIn(reader), ...invoices(invoice)));
    expect(await screen.findByRole("heading", { name: "RE-2027-000042" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Cancel invoice" })).not.toBeInTheDocument();
  });
});

describe("an invoice's e-invoice", () => {
  const saved: { download: string; type: string; text: Promise<string> }[] = [];
  beforeEach(() => {
    saved.length = 0;
    // jsdom does not download: what each link would save is kept.
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      const blob = vi.mocked(URL.createObjectURL).mock.calls.at(-1)![0] as Blob;
      saved.push({ download: this.download, type: blob.type, text: blob.text() });
    });
  });
  afterEach(() => {
    vi.mocked(HTMLAnchorElement.prototype.click).mockRestore();
  });

  it("is downloaded in the format asked for, under the server's file name and type", async () => {
    const xml = '<?xml version="1.0"?><rsm:CrossIndustryInvoice/>';
    const api = cannedApi(
      signedIn(anOwner()),
      ...invoices(invoice),
      answer(m.getEInvoice, {
        content: new TextEncoder().encode(xml),
        fileName: "RE-2027-000042-xrechnung-cii.xml",
        contentType: "application/xml",
        sha256: "cd".repeat(32),
      }),
    );
    renderApp(`/invoices/${invoice.id}`, api);
    const section = await screen.findByTestId("e-invoice");
    expect(section).toHaveTextContent(
      "Structured invoices after EN 16931, made from the invoice as issued.",
    );
    expect(within(section).getByRole("button", { name: "ZUGFeRD PDF" })).toBeInTheDocument();
    expect(within(section).getByRole("button", { name: "XRechnung (UBL)" })).toBeInTheDocument();
    // Nothing is made before it is asked for.
    expect(api.requests(m.getEInvoice)).toEqual([]);

    await userEvent.click(within(section).getByRole("button", { name: "XRechnung (CII)" }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(api.requests(m.getEInvoice)).toMatchObject([
      { id: invoice.id, format: EInvoiceFormat.XRECHNUNG_CII },
    ]);
    expect(saved[0]).toMatchObject({
      download: "RE-2027-000042-xrechnung-cii.xml",
      type: "application/xml",
    });
    expect(await saved[0]!.text).toBe(xml);
    expect(within(section).queryByRole("alert")).not.toBeInTheDocument();
  });

  it("says which formats were made and checked, and which one the customer takes", async () => {
    const made = anInvoice({
      preferredEInvoiceFormat: EInvoiceFormat.XRECHNUNG_UBL,
      eInvoices: [
        {
          format: EInvoiceFormat.XRECHNUNG_UBL,
          sha256: "ab".repeat(32),
          createTime: timestampFromDate(new Date("2027-01-03T09:30:00Z")),
        },
      ],
    });
    renderApp(`/invoices/${made.id}`, cannedApi(signedIn(anOwner()), ...invoices(made)));
    const section = await screen.findByTestId("e-invoice");
    expect(
      within(section).getByRole("button", { name: /XRechnung \(UBL\).*customer's format/ }),
    ).toBeInTheDocument();
    expect(within(section).getByRole("button", { name: "XRechnung (CII)" })).toBeInTheDocument();
    const list = within(section).getByTestId("e-invoices-made");
    expect(list).toHaveTextContent(/XRechnung \(UBL\): made .*2027.*; it kept the EN 16931 rules/);
    expect(list).toHaveTextContent("XRechnung (CII): made and checked when first downloaded");
  });

  it("shows the loading button while the e-invoice is made", async () => {
    let release = () => {};
    const made = new Promise<void>((resolve) => (release = resolve));
    // GetEInvoice answers once released.
    const slow: Canned = {
      method: "leitstand.admin.v1.InvoiceService/GetEInvoice",
      register(router) {
        router.rpc(m.getEInvoice, async () => {
          await made;
          return {
            content: new TextEncoder().encode("%PDF-1.7"),
            fileName: "RE-2027-000042-zugferd.pdf",
            contentType: "application/pdf",
          };
        });
      },
    };
    const api = cannedApi(signedIn(anOwner()), ...invoices(invoice), slow);
    renderApp(`/invoices/${invoice.id}`, api, "de");
    const section = await screen.findByTestId("e-invoice");
    expect(section).toHaveTextContent("Strukturierte Rechnungen nach EN 16931");
    const button = within(section).getByRole("button", { name: "ZUGFeRD-PDF" });
    await userEvent.click(button);
    await waitFor(() => expect(button).toHaveAttribute("data-loading", "true"));
    release();
    await waitFor(() => expect(button).not.toHaveAttribute("data-loading"));
    expect(saved).toMatchObject([
      { download: "RE-2027-000042-zugferd.pdf", type: "application/pdf" },
    ]);
  });

  it("shows the server's refusal with its rules in the section, naming the format", async () => {
    const message =
      'PEPPOL-EN16931-R010: Buyer electronic address MUST be provided; BR-DE-15: The element "Buyer reference" (BT-10) shall be provided.';
    const api = cannedApi(
      signedIn(anOwner()),
      ...invoices(invoice),
      answer(m.getEInvoice, refused(message)),
    );
    renderApp(`/invoices/${invoice.id}`, api);
    const section = await screen.findByTestId("e-invoice");
    await userEvent.click(within(section).getByRole("button", { name: "XRechnung (CII)" }));
    const refusal = await within(section).findByTestId(
      `e-invoice-refusal-${EInvoiceFormat.XRECHNUNG_CII}`,
    );
    expect(refusal).toHaveTextContent("XRechnung (CII) could not be made");
    const rules = within(refusal).getAllByRole("listitem");
    expect(rules.map((r) => r.textContent)).toEqual([
      "PEPPOL-EN16931-R010: Buyer electronic address MUST be provided",
      'BR-DE-15: The element "Buyer reference" (BT-10) shall be provided.',
    ]);
    expect(saved).toEqual([]);
    // Said in the section, not as a notification as well.
    expect(screen.getAllByText(/Buyer electronic address MUST be provided/)).toHaveLength(1);
  });

  it("shows each format valid, with its rule sets, and offers every download", async () => {
    const valid = anInvoice({
      eInvoiceChecks: [
        anEInvoiceCheck({ format: EInvoiceFormat.ZUGFERD }),
        anEInvoiceCheck({ format: EInvoiceFormat.XRECHNUNG_CII }),
        anEInvoiceCheck({
          format: EInvoiceFormat.XRECHNUNG_UBL,
          warnings: [
            {
              rule: "PEPPOL-EN16931-R002",
              message: "No more than one note is allowed on document level.",
            },
          ],
        }),
      ],
    });
    renderApp(`/invoices/${valid.id}`, cannedApi(signedIn(anOwner()), ...invoices(valid)));
    const section = await screen.findByTestId("e-invoice");
    const zugferd = within(section).getByTestId(`e-invoice-check-${EInvoiceFormat.ZUGFERD}`);
    expect(zugferd).toHaveTextContent(/^ZUGFeRD PDF: Valid EN 16931 · made and checked/);
    for (const format of [EInvoiceFormat.XRECHNUNG_CII, EInvoiceFormat.XRECHNUNG_UBL]) {
      expect(within(section).getByTestId(`e-invoice-check-${format}`)).toHaveTextContent(
        /: Valid EN 16931 \+ XRechnung 3\.0 · /,
      );
    }
    expect(within(section).queryByText("Invalid")).not.toBeInTheDocument();
    for (const name of ["ZUGFeRD PDF", "XRechnung (CII)", "XRechnung (UBL)"]) {
      expect(within(section).getByRole("button", { name })).toBeEnabled();
    }

    // A recommendation not followed is folded away until asked for.
    const ubl = within(section).getByTestId(`e-invoice-check-${EInvoiceFormat.XRECHNUNG_UBL}`);
    expect(within(ubl).queryByText("PEPPOL-EN16931-R002")).not.toBeInTheDocument();
    await userEvent.click(
      within(ubl).getByRole("button", { name: "1 recommendation not followed" }),
    );
    expect(await within(ubl).findByText("PEPPOL-EN16931-R002")).toBeInTheDocument();
    expect(
      within(ubl).getByText("No more than one note is allowed on document level."),
    ).toBeInTheDocument();
  });

  it("shows a format that breaks rules invalid, with each rule, and offers no download of it", async () => {
    const broken = [
      {
        rule: "BR-DE-15",
        message: 'Das Element "Buyer reference" (BT-10) muss übermittelt werden.',
      },
      { rule: "PEPPOL-EN16931-R010", message: "Buyer electronic address MUST be provided" },
    ];
    const xrechnungFails = anInvoice({
      eInvoiceChecks: [
        anEInvoiceCheck({ format: EInvoiceFormat.ZUGFERD }),
        anEInvoiceCheck({
          format: EInvoiceFormat.XRECHNUNG_CII,
          valid: false,
          violations: broken,
        }),
        anEInvoiceCheck({
          format: EInvoiceFormat.XRECHNUNG_UBL,
          valid: false,
          violations: broken,
        }),
      ],
    });
    const api = cannedApi(signedIn(anOwner()), ...invoices(xrechnungFails));
    renderApp(`/invoices/${xrechnungFails.id}`, api);
    const section = await screen.findByTestId("e-invoice");

    expect(
      within(section).getByTestId(`e-invoice-check-${EInvoiceFormat.ZUGFERD}`),
    ).toHaveTextContent("ZUGFeRD PDF: Valid EN 16931");
    expect(within(section).getByRole("button", { name: "ZUGFeRD PDF" })).toBeEnabled();

    for (const [format, name] of [
      [EInvoiceFormat.XRECHNUNG_CII, "XRechnung (CII)"],
      [EInvoiceFormat.XRECHNUNG_UBL, "XRechnung (UBL)"],
    ] as const) {
      const check = within(section).getByTestId(`e-invoice-check-${format}`);
      expect(check).toHaveTextContent(
        `${name}: Invalid EN 16931 + XRechnung 3.0 · cannot be made: it breaks 2 rules`,
      );
      const rules = within(check).getAllByRole("listitem");
      expect(rules.map((r) => r.textContent)).toEqual([
        'BR-DE-15 Das Element "Buyer reference" (BT-10) muss übermittelt werden.',
        "PEPPOL-EN16931-R010 Buyer electronic address MUST be provided",
      ]);
      // The rule id is set apart in monospace.
      expect(within(check).getByText("BR-DE-15").tagName).toBe("CODE");
      expect(within(section).getByRole("button", { name })).toBeDisabled();
    }

    // The disabled button says why.
    await userEvent.hover(
      within(section).getByTestId(`e-invoice-blocked-${EInvoiceFormat.XRECHNUNG_UBL}`),
    );
    expect(
      await screen.findByText(
        "XRechnung (UBL) cannot be downloaded: it breaks 2 rules listed below.",
      ),
    ).toBeInTheDocument();
    expect(api.requests(m.getEInvoice)).toEqual([]);
  });

  it("still offers a format made before, though the rules now fail it", async () => {
    const madeBefore = anInvoice({
      eInvoices: [
        {
          format: EInvoiceFormat.XRECHNUNG_UBL,
          sha256: "ab".repeat(32),
          createTime: timestampFromDate(new Date("2027-01-03T09:30:00Z")),
        },
      ],
      eInvoiceChecks: [
        anEInvoiceCheck({
          format: EInvoiceFormat.XRECHNUNG_UBL,
          valid: false,
          violations: [{ rule: "BR-DE-15", message: "Buyer reference missing" }],
        }),
      ],
    });
    renderApp(
      `/invoices/${madeBefore.id}`,
      cannedApi(signedIn(anOwner()), ...invoices(madeBefore)),
    );
    const section = await screen.findByTestId("e-invoice");
    const ubl = within(section).getByTestId(`e-invoice-check-${EInvoiceFormat.XRECHNUNG_UBL}`);
    expect(ubl).toHaveTextContent(/XRechnung \(UBL\): Invalid .* · made .*2027/);
    expect(within(ubl).getByText("BR-DE-15")).toBeInTheDocument();
    // The server hands out the e-invoice it kept.
    expect(within(section).getByRole("button", { name: "XRechnung (UBL)" })).toBeEnabled();
  });
});
