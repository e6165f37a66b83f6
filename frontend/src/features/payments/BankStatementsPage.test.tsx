import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { Code } from "@connectrpc/connect";
import { Permission, PlatformRole } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import {
  BankLineMatch,
  BankLineStatus,
  BankStatementService,
} from "@leitstand/sdk/leitstand/admin/v1/bank_statement_service_pb.js";
import { InvoiceService } from "@leitstand/sdk/leitstand/admin/v1/invoice_service_pb.js";
import { aBankLine, aBankStatement, aCaller, anInvoice, anOwner } from "@/test/builders";
import { answer, answerWith, cannedApi, refused, signedIn, type Canned } from "@/test/canned";
import { renderApp } from "@/test/render";

const b = BankStatementService.method;
const waiting = aBankLine();
const statement = aBankStatement();
const second = anInvoice({
  id: "inv_01invoice00000000000000002",
  number: "RE-2027-000043",
});

/** What a check of the uploaded file finds: one credit recorded, one waiting, one debit. */
const checkedLines = [
  aBankLine({
    id: "",
    ref: "A1",
    counterpartyName: "Beta AG",
    amountCents: 3451n,
    remittance: "Rechnung RE-2027-000044",
    status: BankLineStatus.MATCHED,
    match: BankLineMatch.EXACT,
    invoiceNumber: "RE-2027-000044",
    why: "names RE-2027-000044 and pays what is open",
    candidateInvoiceIds: [],
  }),
  aBankLine({
    id: "",
    ref: "A2",
    counterpartyName: "Gamma KG",
    amountCents: 11900n,
    remittance: "Miete Januar",
    status: BankLineStatus.UNMATCHED,
    match: BankLineMatch.UNKNOWN,
    why: "names no open invoice",
    candidateInvoiceIds: [],
  }),
];

function bankPage(more: Canned[] = [], caller = anOwner(), locale: "en" | "de" = "en") {
  const api = cannedApi(
    signedIn(caller),
    answer(b.listBankLines, { lines: [waiting], totalSize: 1 }),
    answer(b.listBankStatements, { statements: [statement] }),
    answerWith(InvoiceService.method.getInvoice, (req) => ({
      invoice: req.id === second.id ? second : anInvoice(),
    })),
    ...more,
  );
  renderApp("/payments/bank", api, locale);
  return api;
}

const statementFile = () =>
  new File(["<Document>camt.053</Document>"], "2027-02-28_DE89.xml", { type: "text/xml" });

async function upload(file = statementFile()) {
  const input = document.querySelector<HTMLInputElement>('input[type="file"]');
  expect(input).not.toBeNull();
  await userEvent.upload(input!, file);
}

describe("bank statements", () => {
  it("checks an uploaded statement, shows what importing it would do, then imports it", async () => {
    const imported = aBankStatement({
      id: "bst_01statement000000000000002",
      matched: 1,
      unmatched: 1,
    });
    const api = bankPage([
      answerWith(b.importBankStatement, (req) => ({
        statement: req.validateOnly ? { ...imported, id: "" } : imported,
        lines: checkedLines,
      })),
    ]);
    await screen.findByRole("heading", { name: "Bank statements" });
    await upload();

    const preview = await screen.findByTestId("bank-preview");
    expect(within(preview).getByText("Beta AG")).toBeInTheDocument();
    expect(within(preview).getByText("Payment recorded")).toBeInTheDocument();
    expect(within(preview).getByText("Pays the open amount · RE-2027-000044")).toBeInTheDocument();
    expect(
      within(preview).getByText("names RE-2027-000044 and pays what is open"),
    ).toBeInTheDocument();
    expect(within(preview).getByText("Gamma KG")).toBeInTheDocument();
    expect(within(preview).getByText("Names no open invoice")).toBeInTheDocument();
    const check = api.requests(b.importBankStatement);
    expect(check).toHaveLength(1);
    expect(check[0]).toMatchObject({ fileName: "2027-02-28_DE89.xml", validateOnly: true });
    expect(new TextDecoder().decode(check[0]!.content)).toBe("<Document>camt.053</Document>");

    await userEvent.click(within(preview).getByRole("button", { name: "Import" }));
    await waitFor(() => expect(api.requests(b.importBankStatement)).toHaveLength(2));
    const sent = api.requests(b.importBankStatement)[1]!;
    expect(sent).toMatchObject({ fileName: "2027-02-28_DE89.xml", validateOnly: false });
    expect(new TextDecoder().decode(sent.content)).toBe("<Document>camt.053</Document>");
    expect(
      await screen.findByText(
        "Statement imported: 1 payments recorded, 1 entries waiting for you.",
      ),
    ).toBeInTheDocument();
    expect(screen.queryByTestId("bank-preview")).not.toBeInTheDocument();
  });

  it.each([
    [
      Code.AlreadyExists,
      "This statement was imported before.",
      "the statement 2027-02-28_DE89.xml was imported on 2027-03-01",
    ],
    [
      Code.FailedPrecondition,
      "The statement's account is not the bank account of any billing entity.",
      "DE12 is no billing entity's IBAN",
    ],
    [
      Code.InvalidArgument,
      "This file is not a bank statement (CAMT.053 or CSV-CAMT).",
      "content: not a CAMT.053 document",
    ],
  ])("says why a statement cannot be imported (%s)", async (code, title, message) => {
    const api = bankPage([answer(b.importBankStatement, refused(message, code))]);
    await screen.findByRole("heading", { name: "Bank statements" });
    await upload();
    const alert = await screen.findByRole("alert");
    expect(within(alert).getByText(title)).toBeInTheDocument();
    expect(within(alert).getByText(message)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Import" })).not.toBeInTheDocument();
    expect(api.requests(b.importBankStatement)).toHaveLength(1);
  });

  it("lists the entries waiting and the imported statements", async () => {
    bankPage();
    const queue = await screen.findByRole("table", { name: "Waiting for assignment" });
    expect(await within(queue).findByText("Acme GmbH")).toBeInTheDocument();
    expect(within(queue).getByText("€69.02")).toBeInTheDocument();
    expect(within(queue).getByText("RE-2027-000042 RE-2027-000043")).toBeInTheDocument();
    expect(
      within(queue).getByText("names 2 invoices: RE-2027-000042, RE-2027-000043"),
    ).toBeInTheDocument();
    // The page's saved views, and the column menu of the waiting entries.
    expect(screen.getByRole("button", { name: "Views" })).toBeVisible();
    expect(await screen.findByRole("button", { name: "Columns" })).toBeVisible();
    const statements = screen.getByRole("table", { name: "Imported statements" });
    expect(
      await within(statements).findByText("2027-01-31_DE89370400440532013000.xml"),
    ).toBeInTheDocument();
    expect(within(statements).getByText("DE89370400440532013000")).toBeInTheDocument();
  });

  it("assigns a waiting credit to one of the invoices it names, with a reason", async () => {
    const api = bankPage([
      answer(b.assignBankLine, {
        line: { ...waiting, status: BankLineStatus.MATCHED, invoiceNumber: "RE-2027-000043" },
      }),
    ]);
    const queue = await screen.findByRole("table", { name: "Waiting for assignment" });
    await userEvent.click(
      await within(queue).findByRole("button", { name: /^Assign to invoice: Acme GmbH/ }),
    );
    const dialog = await screen.findByRole("dialog", { name: "Assign the credit to an invoice" });
    const other = await within(dialog).findByRole("radio", { name: /^RE-2027-000043/ });
    await userEvent.click(other);
    await userEvent.click(within(dialog).getByRole("button", { name: "Assign to invoice" }));
    expect(within(dialog).getByText("Please give a reason.")).toBeInTheDocument();
    expect(api.lastRequest(b.assignBankLine)).toBeUndefined();
    await userEvent.type(
      within(dialog).getByLabelText(/^Reason/),
      "Zweite Rechnung war schon bezahlt",
    );
    await userEvent.click(within(dialog).getByRole("button", { name: "Assign to invoice" }));
    await waitFor(() =>
      expect(api.lastRequest(b.assignBankLine)).toMatchObject({
        id: waiting.id,
        invoiceId: second.id,
        reason: "Zweite Rechnung war schon bezahlt",
      }),
    );
    expect(
      await screen.findByText("Recorded as a bank transfer for RE-2027-000043."),
    ).toBeInTheDocument();
  });

  it("assigns a credit naming no invoice to one found by its number", async () => {
    const unknown = aBankLine({ candidateInvoiceIds: [], match: BankLineMatch.UNKNOWN });
    const found = anInvoice({ id: "inv_01invoice00000000000000007", number: "RE-2027-000077" });
    const api = bankPage([
      answer(b.listBankLines, { lines: [unknown], totalSize: 1 }),
      answer(InvoiceService.method.listInvoices, { invoices: [found] }),
      answer(b.assignBankLine, { line: { ...unknown, invoiceNumber: "RE-2027-000077" } }),
    ]);
    const queue = await screen.findByRole("table", { name: "Waiting for assignment" });
    await userEvent.click(
      await within(queue).findByRole("button", { name: /^Assign to invoice: / }),
    );
    const dialog = await screen.findByRole("dialog", { name: "Assign the credit to an invoice" });
    await userEvent.type(within(dialog).getByLabelText("Find an invoice"), "000077");
    await userEvent.click(await within(dialog).findByRole("radio", { name: /^RE-2027-000077/ }));
    expect(api.lastRequest(InvoiceService.method.listInvoices)).toMatchObject({ query: "000077" });
    await userEvent.type(within(dialog).getByLabelText(/^Reason/), "Kunde hat angerufen");
    await userEvent.click(within(dialog).getByRole("button", { name: "Assign to invoice" }));
    await waitFor(() =>
      expect(api.lastRequest(b.assignBankLine)).toMatchObject({
        id: unknown.id,
        invoiceId: found.id,
        reason: "Kunde hat angerufen",
      }),
    );
  });

  it("sets a credit aside with a reason", async () => {
    const api = bankPage([
      answer(b.ignoreBankLine, { line: { ...waiting, status: BankLineStatus.IGNORED } }),
    ]);
    const queue = await screen.findByRole("table", { name: "Waiting for assignment" });
    await userEvent.click(await within(queue).findByRole("button", { name: /^Actions:/ }));
    await userEvent.click(await screen.findByRole("menuitem", { name: "Set aside" }));
    const dialog = await screen.findByRole("dialog", { name: "Set this credit aside?" });
    await userEvent.type(within(dialog).getByLabelText(/^Reason/), "Erstattung des Stromanbieters");
    await userEvent.click(within(dialog).getByRole("button", { name: "Set aside" }));
    await waitFor(() =>
      expect(api.lastRequest(b.ignoreBankLine)).toMatchObject({
        id: waiting.id,
        reason: "Erstattung des Stromanbieters",
      }),
    );
    expect(await screen.findByText("Credit set aside.")).toBeInTheDocument();
  });

  it("offers neither the upload nor the actions without PAYMENTS_WRITE", async () => {
    const reader = aCaller({
      platformRole: PlatformRole.OPERATOR,
      permissions: [Permission.PAYMENTS_READ],
    });
    bankPage([], reader);
    const queue = await screen.findByRole("table", { name: "Waiting for assignment" });
    expect(await within(queue).findByText("Acme GmbH")).toBeInTheDocument();
    expect(screen.queryByText("Import a statement")).not.toBeInTheDocument();
    expect(within(queue).queryByRole("button")).not.toBeInTheDocument();
  });

  it("speaks German", async () => {
    bankPage([], anOwner(), "de");
    expect(await screen.findByRole("heading", { name: "Kontoauszüge" })).toBeInTheDocument();
    const queue = await screen.findByRole("table", { name: "Zuzuordnende Umsätze" });
    expect(await within(queue).findByText("69,02 €")).toBeInTheDocument();
    expect(within(queue).getByRole("button", { name: /^Rechnung zuordnen: / })).toBeInTheDocument();
    expect(screen.getByText("Kontoauszug einlesen")).toBeInTheDocument();
  });
});
