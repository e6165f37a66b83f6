package api_test

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"
	"time"

	"connectrpc.com/connect"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/demo"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// An operator previews an organization's next invoice and a day's billing
// run, bills the organization, reads the invoice and its PDF, computes a
// manual invoice's totals, issues it, cancels it with a cancellation
// invoice that nets it to zero, and finds them by filters; bad input is
// refused at its field and changes nothing. Over Connect and over gRPC.
func TestInvoicesOverTheAPI(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		hc := apptest.HTTPClient(srv)
		env.SignIn(t, hc, srv.URL, "operator@example.com", authz.RoleOperator)
		ctx := t.Context()
		sys := authz.System(ctx)
		if _, _, err := env.Settings.Update(sys, demo.PlatformSettings, []string{"company", "tax", "bank", "invoice"}, "fixture"); err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"connect", "grpc"} {
			var opts []connect.ClientOption
			if name == "grpc" {
				opts = append(opts, connect.WithGRPC())
			}
			c := adminv1connect.NewInvoiceServiceClient(hc, srv.URL, opts...)
			t.Run(name, func(t *testing.T) {
				org := env.Org(t, "Acme "+name)
				ws, err := env.Orgs.CreateWorkspace(sys, org.ID, "Produktion", nil, "fixture")
				if err != nil {
					t.Fatal(err)
				}
				env.BookedService(t, ws.ID, "Nextcloud "+name) // 89 € a month
				oid := ids.Format(ids.Organization, org.ID)

				pre, err := c.PreviewInvoice(ctx, connect.NewRequest(&adminv1.PreviewInvoiceRequest{OrganizationId: oid}))
				if err != nil {
					t.Fatal(err)
				}
				if p := pre.Msg.GetInvoice(); pre.Msg.GetBillingDate() != "2026-03-14" || p.GetNumber() != "" || p.GetNetCents() != 8900 ||
					p.GetVatCents() != 1691 || p.GetGrossCents() != 10591 || len(p.GetLines()) != 1 {
					t.Errorf("preview = %v", pre.Msg)
				}
				// The organization of the run before is billed already.
				run, err := c.PreviewBillingRun(ctx, connect.NewRequest(&adminv1.PreviewBillingRunRequest{Day: "2026-03-14"}))
				if err != nil || len(run.Msg.GetInvoices()) != 1 || run.Msg.GetInvoices()[0].GetOrganizationId() != oid {
					t.Errorf("run preview = %v %v", run, err)
				}
				before := env.Fingerprint(t)
				_, err = c.CreateManualInvoice(ctx, connect.NewRequest(&adminv1.CreateManualInvoiceRequest{OrganizationId: oid,
					Lines: []*adminv1.ManualLine{{Description: " ", Quantity: 1, Unit: "XYZ", UnitPriceCents: -1}}}))
				if f := fieldsOf(err); connect.CodeOf(err) != connect.CodeInvalidArgument || f["lines.description"] == "" ||
					f["lines.unit"] == "" || f["lines.unit_price_cents"] == "" {
					t.Errorf("bad lines = %v (fields %v)", err, f)
				}
				_, err = c.PreviewInvoice(ctx, connect.NewRequest(&adminv1.PreviewInvoiceRequest{OrganizationId: oid, BillingDate: "2026-04-15"}))
				if f := fieldsOf(err); connect.CodeOf(err) != connect.CodeInvalidArgument || f["billing_date"] == "" {
					t.Errorf("not a billing date = %v (fields %v)", err, f)
				}
				_, err = c.CancelInvoice(ctx, connect.NewRequest(&adminv1.CancelInvoiceRequest{Id: "inv_01kaj5m8d0e6xv1ks8wq6a5j0p", Reason: "x"}))
				if connect.CodeOf(err) != connect.CodeNotFound {
					t.Errorf("cancel an unknown invoice = %v", err)
				}
				if env.Fingerprint(t) != before {
					t.Error("a refused call or a preview changed something")
				}

				billed, err := c.BillOrganization(ctx, connect.NewRequest(&adminv1.BillOrganizationRequest{OrganizationId: oid}))
				if err != nil || len(billed.Msg.GetInvoices()) != 1 || billed.Msg.GetInvoices()[0].GetGrossCents() != 10591 {
					t.Fatalf("billed = %v %v", billed, err)
				}
				if again, err := c.BillOrganization(ctx, connect.NewRequest(&adminv1.BillOrganizationRequest{OrganizationId: oid})); err != nil ||
					len(again.Msg.GetInvoices()) != 0 {
					t.Errorf("billed again = %v %v", again, err)
				}
				id := billed.Msg.GetInvoices()[0].GetId()
				got, err := c.GetInvoice(ctx, connect.NewRequest(&adminv1.GetInvoiceRequest{Id: id}))
				if err != nil || got.Msg.GetInvoice().GetStatus() != adminv1.InvoiceStatus_INVOICE_STATUS_ISSUED ||
					got.Msg.GetInvoice().GetOrigin() != adminv1.InvoiceOrigin_INVOICE_ORIGIN_RUN || len(got.Msg.GetInvoice().GetTaxTotals()) != 1 ||
					got.Msg.GetInvoice().GetOrganizationName() != "Acme "+name {
					t.Errorf("invoice = %v %v", got, err)
				}
				pdf, err := c.GetInvoicePdf(ctx, connect.NewRequest(&adminv1.GetInvoicePdfRequest{Id: id}))
				sum := sha256.Sum256(pdf.Msg.GetContent())
				if err != nil || hex.EncodeToString(sum[:]) != pdf.Msg.GetSha256() || pdf.Msg.GetSha256() != got.Msg.GetInvoice().GetPdfSha256() ||
					pdf.Msg.GetFileName() != got.Msg.GetInvoice().GetNumber()+".pdf" {
					t.Errorf("pdf = %s %s %v", pdf.Msg.GetFileName(), pdf.Msg.GetSha256(), err)
				}

				lines := []*adminv1.ManualLine{
					{Description: "Migration der Altdaten", Quantity: 3, Unit: "HUR", UnitPriceCents: 9500},
					{Description: "Fachbuch", Quantity: 10, UnitPriceCents: 120},
				}
				calc, err := c.CreateManualInvoice(ctx, connect.NewRequest(&adminv1.CreateManualInvoiceRequest{OrganizationId: oid,
					Lines: lines, ValidateOnly: true}))
				// 285.00 + 12.00 = 297.00 €, VAT 56.43 €.
				if err != nil || calc.Msg.GetInvoice().GetId() != "" || calc.Msg.GetInvoice().GetNetCents() != 29700 ||
					calc.Msg.GetInvoice().GetVatCents() != 5643 || calc.Msg.GetInvoice().GetGrossCents() != 35343 {
					t.Errorf("validate only = %v %v", calc, err)
				}
				manual, err := c.CreateManualInvoice(ctx, connect.NewRequest(&adminv1.CreateManualInvoiceRequest{OrganizationId: oid,
					Lines: lines, PeriodStart: "2026-03-01", PeriodLastDay: "2026-03-13", Reason: "Projekt Migration"}))
				if err != nil || manual.Msg.GetInvoice().GetGrossCents() != 35343 || manual.Msg.GetInvoice().GetNumber() == "" {
					t.Fatalf("manual = %v %v", manual, err)
				}
				cancelled, err := c.CancelInvoice(ctx, connect.NewRequest(&adminv1.CancelInvoiceRequest{Id: manual.Msg.GetInvoice().GetId(), Reason: "doppelt berechnet"}))
				if err != nil {
					t.Fatal(err)
				}
				orig, storno := cancelled.Msg.GetInvoice(), cancelled.Msg.GetCancellation()
				if orig.GetStatus() != adminv1.InvoiceStatus_INVOICE_STATUS_CANCELLED || orig.GetCancelledById() != storno.GetId() ||
					storno.GetKind() != adminv1.InvoiceKind_INVOICE_KIND_CANCELLATION || storno.GetCancelsNumber() != orig.GetNumber() ||
					storno.GetGrossCents()+orig.GetGrossCents() != 0 || storno.GetNetCents()+orig.GetNetCents() != 0 ||
					storno.GetVatCents()+orig.GetVatCents() != 0 || len(storno.GetLines()) != 2 || storno.GetLines()[0].GetQuantity() != -3 {
					t.Errorf("cancellation = %v\nof %v", storno, orig)
				}
				if _, err := c.CancelInvoice(ctx, connect.NewRequest(&adminv1.CancelInvoiceRequest{Id: orig.GetId(), Reason: "again"})); connect.CodeOf(err) != connect.CodeFailedPrecondition {
					t.Errorf("cancel twice = %v", err)
				}
				if _, err := c.CancelInvoice(ctx, connect.NewRequest(&adminv1.CancelInvoiceRequest{Id: storno.GetId(), Reason: "x"})); connect.CodeOf(err) != connect.CodeFailedPrecondition {
					t.Errorf("cancel a cancellation = %v", err)
				}

				list, err := c.ListInvoices(ctx, connect.NewRequest(&adminv1.ListInvoicesRequest{OrganizationId: oid}))
				if err != nil || list.Msg.GetTotalSize() != 3 {
					t.Errorf("the organization's invoices = %v %v", list, err)
				}
				list, err = c.ListInvoices(ctx, connect.NewRequest(&adminv1.ListInvoicesRequest{OrganizationId: oid,
					Statuses: []adminv1.InvoiceStatus{adminv1.InvoiceStatus_INVOICE_STATUS_CANCELLED}}))
				if err != nil || list.Msg.GetTotalSize() != 1 || list.Msg.GetInvoices()[0].GetId() != orig.GetId() {
					t.Errorf("the cancelled ones = %v %v", list, err)
				}
				list, err = c.ListInvoices(ctx, connect.NewRequest(&adminv1.ListInvoicesRequest{Query: "acme " + name}))
				if err != nil || list.Msg.GetTotalSize() != 3 {
					t.Errorf("by the organization's name = %v %v", list, err)
				}
				list, err = c.ListInvoices(ctx, connect.NewRequest(&adminv1.ListInvoicesRequest{Query: storno.GetNumber()}))
				if err != nil || list.Msg.GetTotalSize() != 1 {
					t.Errorf("by number = %v %v", list, err)
				}
			})
		}
		// Overdue: two weeks to pay, checked the day after the due date.
		env.Clock.Set(time.Date(2026, time.March, 29, 6, 0, 0, 0, time.UTC))
		r, err := env.Invoices.MarkOverdue(sys)
		if err != nil || r.Marked != 2 {
			t.Errorf("overdue = %+v %v, want the two run invoices (the manual one is cancelled)", r, err)
		}
	})
}
