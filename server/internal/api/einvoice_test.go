package api_test

import (
	"bytes"
	"strings"
	"testing"

	"connectrpc.com/connect"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/demo"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// An operator marks a customer as a public authority with its Leitweg-ID
// (a mistyped one is refused at its field), issues it an invoice, and
// downloads its XRechnung in UBL, which names the Leitweg-ID as the buyer
// reference; the invoice's PDF carries its Factur-X XML.
func TestEInvoicesOverTheAPI(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		hc := apptest.HTTPClient(srv)
		env.SignIn(t, hc, srv.URL, "operator@example.com", authz.RoleOperator)
		ctx := t.Context()
		if _, _, err := env.Settings.Update(authz.System(ctx), demo.PlatformSettings, []string{"company", "tax", "bank", "invoice"}, "fixture"); err != nil {
			t.Fatal(err)
		}
		orgs := adminv1connect.NewOrganizationServiceClient(hc, srv.URL)
		invoices := adminv1connect.NewInvoiceServiceClient(hc, srv.URL)
		oid := ids.Format(ids.Organization, env.Org(t, "Stadtwerke Musterhausen").ID)
		authority := func(leitwegID string) error {
			_, err := orgs.UpdateOrganization(ctx, connect.NewRequest(&adminv1.UpdateOrganizationRequest{
				Organization: &adminv1.Organization{Id: oid, BillingEmail: "rechnung@stadtwerke.example", EInvoice: &adminv1.EInvoiceSettings{
					Format: adminv1.EInvoiceFormat_E_INVOICE_FORMAT_XRECHNUNG_UBL, BuyerReference: leitwegID, PublicSector: true}},
				UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"billing_email", "e_invoice"}}, Reason: "Behörde"}))
			return err
		}
		// Issued while it had no e-mail address: as Factur-X it is
		// valid, as XRechnung it lacks the buyer's electronic address,
		// which the invoice tells and the download refuses by the rule.
		early, err := invoices.CreateManualInvoice(ctx, connect.NewRequest(&adminv1.CreateManualInvoiceRequest{OrganizationId: oid,
			Lines: []*adminv1.ManualLine{{Description: "Beratung", Quantity: 1, Unit: "C62", UnitPriceCents: 20000}}}))
		if err != nil {
			t.Fatal(err)
		}
		checked, err := invoices.GetInvoice(ctx, connect.NewRequest(&adminv1.GetInvoiceRequest{Id: early.Msg.GetInvoice().GetId()}))
		if err != nil {
			t.Fatal(err)
		}
		if got := checksOf(checked.Msg.GetInvoice()); got != "XRECHNUNG_CII: PEPPOL-EN16931-R010; XRECHNUNG_UBL: PEPPOL-EN16931-R010; ZUGFERD: valid" {
			t.Errorf("checks = %s", got)
		}
		_, err = invoices.GetEInvoice(ctx, connect.NewRequest(&adminv1.GetEInvoiceRequest{Id: early.Msg.GetInvoice().GetId(),
			Format: adminv1.EInvoiceFormat_E_INVOICE_FORMAT_XRECHNUNG_CII}))
		if connect.CodeOf(err) != connect.CodeFailedPrecondition || !strings.Contains(err.Error(), "PEPPOL-EN16931-R010") {
			t.Errorf("its XRechnung = %v", err)
		}

		before := env.Fingerprint(t)
		if err := authority("991-33333TEST-34"); connect.CodeOf(err) != connect.CodeInvalidArgument || fieldsOf(err)["organization.e_invoice.buyer_reference"] == "" {
			t.Errorf("a mistyped Leitweg-ID = %v (fields %v)", err, fieldsOf(err))
		}
		if env.Fingerprint(t) != before {
			t.Error("a refused update changed something")
		}
		if err := authority("991-33333TEST-33"); err != nil {
			t.Fatal(err)
		}
		got, err := orgs.GetOrganization(ctx, connect.NewRequest(&adminv1.GetOrganizationRequest{Id: oid}))
		if e := got.Msg.GetOrganization().GetEInvoice(); err != nil || e.GetBuyerReference() != "991-33333TEST-33" || !e.GetPublicSector() {
			t.Fatalf("organization = %v %v", got, err)
		}
		issued, err := invoices.CreateManualInvoice(ctx, connect.NewRequest(&adminv1.CreateManualInvoiceRequest{OrganizationId: oid,
			Lines: []*adminv1.ManualLine{{Description: "Schulung", Quantity: 1, Unit: "C62", UnitPriceCents: 50000}}}))
		if err != nil {
			t.Fatal(err)
		}
		iid := issued.Msg.GetInvoice().GetId()

		_, err = invoices.GetEInvoice(ctx, connect.NewRequest(&adminv1.GetEInvoiceRequest{Id: iid}))
		if connect.CodeOf(err) != connect.CodeInvalidArgument || fieldsOf(err)["format"] == "" {
			t.Errorf("no format = %v", err)
		}
		ubl, err := invoices.GetEInvoice(ctx, connect.NewRequest(&adminv1.GetEInvoiceRequest{Id: iid,
			Format: adminv1.EInvoiceFormat_E_INVOICE_FORMAT_XRECHNUNG_UBL}))
		if err != nil {
			t.Fatal(err)
		}
		m := ubl.Msg
		if m.GetContentType() != "application/xml" || m.GetFileName() != issued.Msg.GetInvoice().GetNumber()+"-xrechnung-ubl.xml" ||
			!bytes.Contains(m.GetContent(), []byte("<cbc:BuyerReference>991-33333TEST-33</cbc:BuyerReference>")) || len(m.GetSha256()) != 64 {
			t.Errorf("XRechnung UBL = %s %s\n%.600s", m.GetContentType(), m.GetFileName(), m.GetContent())
		}
		read, err := invoices.GetInvoice(ctx, connect.NewRequest(&adminv1.GetInvoiceRequest{Id: iid}))
		if err != nil {
			t.Fatal(err)
		}
		if got := read.Msg.GetInvoice(); got.GetPreferredEInvoiceFormat() != adminv1.EInvoiceFormat_E_INVOICE_FORMAT_XRECHNUNG_UBL ||
			len(got.GetEInvoices()) != 1 || got.GetEInvoices()[0].GetSha256() != m.GetSha256() {
			t.Errorf("the invoice's e-invoices = %v, preferred %v", got.GetEInvoices(), got.GetPreferredEInvoiceFormat())
		}
		if got := checksOf(read.Msg.GetInvoice()); got != "XRECHNUNG_CII: valid; XRECHNUNG_UBL: valid; ZUGFERD: valid" {
			t.Errorf("checks = %s", got)
		}
		pdf, err := invoices.GetInvoicePdf(ctx, connect.NewRequest(&adminv1.GetInvoicePdfRequest{Id: iid}))
		if err != nil || !bytes.Contains(pdf.Msg.GetContent(), []byte("factur-x.xml")) {
			t.Errorf("the invoice's PDF carries no factur-x.xml (%v)", err)
		}
	})
}

// checksOf says what an invoice's e-invoice checks found, format by format:
// "ZUGFERD: valid; XRECHNUNG_UBL: BR-DE-15".
func checksOf(inv *adminv1.Invoice) string {
	var out []string
	for _, c := range inv.GetEInvoiceChecks() {
		var rules []string
		for _, v := range c.GetViolations() {
			rules = append(rules, v.GetRule())
		}
		if c.GetValid() != (len(rules) == 0) {
			rules = append(rules, "(valid says otherwise)")
		}
		if len(rules) == 0 {
			rules = []string{"valid"}
		}
		out = append(out, strings.TrimPrefix(c.GetFormat().String(), "E_INVOICE_FORMAT_")+": "+strings.Join(rules, " "))
	}
	return strings.Join(out, "; ")
}
