import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { InvoiceService } from "@leitstand/sdk/leitstand/admin/v1/invoice_service_pb.js";
import { anInvoice, anOwner } from "@/test/builders";
import { answerWith, cannedApi, signedIn } from "@/test/canned";
import { renderApp, tableRows } from "@/test/render";

const m = InvoiceService.method;
const acme = anInvoice({ id: "", number: "", organizationName: "Acme GmbH" });
const nordlicht = anInvoice({
  id: "",
  number: "",
  organizationId: "org_01nordlicht000000000000000",
  organizationName: "Nordlicht Medien",
  netCents: 10000n,
  vatCents: 1900n,
  grossCents: 11900n,
});

describe("billing run preview", () => {
  it("sends the day of the URL, pages with load more and sums the gross", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      answerWith(m.previewBillingRun, (req) =>
        req.pageToken === ""
          ? { invoices: [acme], nextPageToken: "next" }
          : { invoices: [nordlicht], nextPageToken: "" },
      ),
    );
    renderApp("/invoices/run?day=2027-01-17", api, "de");
    expect(await tableRows()).toHaveLength(1);
    expect(api.lastRequest(m.previewBillingRun)).toMatchObject({ day: "2027-01-17" });
    expect(screen.getByTestId("run-sum")).toHaveTextContent("34,51 €");
    await userEvent.click(screen.getByRole("button", { name: "Mehr laden" }));
    await waitFor(async () => expect(await tableRows()).toHaveLength(2));
    expect(api.lastRequest(m.previewBillingRun)).toMatchObject({
      day: "2027-01-17",
      pageToken: "next",
    });
    expect(screen.getByTestId("run-sum")).toHaveTextContent("Brutto von 2 Rechnungen153,51 €");
    const rows = await tableRows();
    expect(rows[1]).toHaveTextContent("Nordlicht Medien");
    expect(rows[1]).toHaveTextContent("17.01.2027 – 16.02.2027");
    expect(rows[1]).toHaveTextContent("19,00 €");
  });
});
