package api_test

import (
	"bytes"
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"

	"connectrpc.com/connect"
	"github.com/stripe/stripe-go/v79/webhook"

	adminv1 "github.com/leitstand/leitstand/gen/go/leitstand/admin/v1"
	"github.com/leitstand/leitstand/gen/go/leitstand/admin/v1/adminv1connect"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/billing/provider"
	"github.com/leitstand/leitstand/server/internal/demo"
	"github.com/leitstand/leitstand/server/internal/invoice"
	"github.com/leitstand/leitstand/server/internal/payment"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// An operator records a bank transfer for part of an invoice and the rest
// by hand, sees the invoice PAID, finds the payments by filters and in the
// CSV export, reads the organization's balance, and reverses one; bad
// input is refused at its field and changes nothing. Over Connect and
// over gRPC.
func TestPaymentsOverTheAPI(t *testing.T) {
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
			c := adminv1connect.NewPaymentServiceClient(hc, srv.URL, opts...)
			invoices := adminv1connect.NewInvoiceServiceClient(hc, srv.URL, opts...)
			t.Run(name, func(t *testing.T) {
				org := env.Org(t, "Acme "+name)
				inv, err := env.Invoices.Manual(sys, org.ID, []invoice.ManualLine{{Description: "Migration", Quantity: 1, Unit: "C62",
					UnitPriceCents: 10000}}, nil, nil, "Projekt", false) // 119,00 € gross
				if err != nil {
					t.Fatal(err)
				}
				iid, oid := ids.Format(ids.Invoice, inv.ID), ids.Format(ids.Organization, org.ID)
				today := env.Clock.Now().Format(time.DateOnly)

				before := env.Fingerprint(t)
				_, err = c.RecordPayment(ctx, connect.NewRequest(&adminv1.RecordPaymentRequest{InvoiceId: iid,
					Method: adminv1.PaymentMethod_PAYMENT_METHOD_STRIPE, AmountCents: 0, Currency: "eur", ValueDate: "gestern"}))
				if f := fieldsOf(err); connect.CodeOf(err) != connect.CodeInvalidArgument || f["method"] == "" ||
					f["amount_cents"] == "" || f["currency"] == "" || f["value_date"] == "" {
					t.Errorf("bad payment = %v (fields %v)", err, f)
				}
				_, err = c.RecordPayment(ctx, connect.NewRequest(&adminv1.RecordPaymentRequest{InvoiceId: iid,
					Method: adminv1.PaymentMethod_PAYMENT_METHOD_MANUAL, AmountCents: 100, Currency: "USD", ValueDate: today}))
				if f := fieldsOf(err); connect.CodeOf(err) != connect.CodeInvalidArgument || f["currency"] == "" {
					t.Errorf("another currency = %v (fields %v)", err, f)
				}
				checked, err := c.RecordPayment(ctx, connect.NewRequest(&adminv1.RecordPaymentRequest{InvoiceId: iid,
					Method: adminv1.PaymentMethod_PAYMENT_METHOD_MANUAL, AmountCents: 11900, Currency: "EUR", ValueDate: today,
					ValidateOnly: true}))
				if err != nil || checked.Msg.GetPayment().GetId() != "" || checked.Msg.GetInvoiceStatus() != adminv1.InvoiceStatus_INVOICE_STATUS_PAID {
					t.Errorf("validate only = %v %v", checked, err)
				}
				if env.Fingerprint(t) != before {
					t.Error("a refused or checked payment changed something")
				}

				bank, err := c.RecordPayment(ctx, connect.NewRequest(&adminv1.RecordPaymentRequest{InvoiceId: iid,
					Method: adminv1.PaymentMethod_PAYMENT_METHOD_BANK_TRANSFER, AmountCents: 9000, Currency: "EUR", ValueDate: today,
					Reference: inv.Number + " Kd " + name}))
				if err != nil {
					t.Fatal(err)
				}
				if m := bank.Msg; m.GetInvoiceStatus() != adminv1.InvoiceStatus_INVOICE_STATUS_ISSUED || m.GetInvoicePaidCents() != 9000 ||
					m.GetPayment().GetStatus() != adminv1.PaymentStatus_PAYMENT_STATUS_SUCCEEDED || m.GetPayment().GetInvoiceNumber() != inv.Number {
					t.Errorf("part paid = %v", m)
				}
				rest, err := c.RecordPayment(ctx, connect.NewRequest(&adminv1.RecordPaymentRequest{InvoiceId: iid,
					Method: adminv1.PaymentMethod_PAYMENT_METHOD_MANUAL, AmountCents: 3400, Currency: "EUR", ValueDate: today,
					Note: "bar bezahlt"}))
				if err != nil || rest.Msg.GetInvoiceStatus() != adminv1.InvoiceStatus_INVOICE_STATUS_PAID {
					t.Fatalf("the rest = %v %v", rest, err)
				}
				got, err := invoices.GetInvoice(ctx, connect.NewRequest(&adminv1.GetInvoiceRequest{Id: iid}))
				if err != nil || got.Msg.GetInvoice().GetStatus() != adminv1.InvoiceStatus_INVOICE_STATUS_PAID ||
					got.Msg.GetInvoice().GetPaidCents() != 12400 || got.Msg.GetInvoice().GetPaidTime() == nil {
					t.Errorf("invoice = %v %v", got, err)
				}
				bal, err := c.GetOrganizationBalance(ctx, connect.NewRequest(&adminv1.GetOrganizationBalanceRequest{OrganizationId: oid}))
				if err != nil || len(bal.Msg.GetBalances()) != 1 || bal.Msg.GetBalances()[0].GetCreditCents() != 500 ||
					bal.Msg.GetBalances()[0].GetOpenCents() != 0 {
					t.Errorf("balance = %v %v", bal, err)
				}

				list, err := c.ListPayments(ctx, connect.NewRequest(&adminv1.ListPaymentsRequest{OrganizationId: oid,
					Methods: []adminv1.PaymentMethod{adminv1.PaymentMethod_PAYMENT_METHOD_BANK_TRANSFER}}))
				if err != nil || len(list.Msg.GetPayments()) != 1 || list.Msg.GetPayments()[0].GetId() != bank.Msg.GetPayment().GetId() ||
					list.Msg.GetTotalSize() != 1 {
					t.Errorf("bank transfers = %v %v", list, err)
				}
				found, err := c.ListPayments(ctx, connect.NewRequest(&adminv1.ListPaymentsRequest{Query: "kd " + name}))
				if err != nil || len(found.Msg.GetPayments()) != 1 {
					t.Errorf("by reference = %v %v", found, err)
				}
				code, _, rows := export(t, hc, srv, "leitstand.admin.v1.PaymentService/ListPayments", `{"organizationId":"`+oid+`"}`)
				if code != 200 || len(rows) != 3 || !slices.Contains(rows[0], "invoice_number") {
					t.Errorf("CSV export = %d %v", code, rows)
				}

				rev, err := c.ReversePayment(ctx, connect.NewRequest(&adminv1.ReversePaymentRequest{Id: rest.Msg.GetPayment().GetId(),
					Reason: "doch nicht bar bezahlt"}))
				if err != nil || rev.Msg.GetPayment().GetStatus() != adminv1.PaymentStatus_PAYMENT_STATUS_REVERSED {
					t.Fatalf("reverse = %v %v", rev, err)
				}
				got, err = invoices.GetInvoice(ctx, connect.NewRequest(&adminv1.GetInvoiceRequest{Id: iid}))
				if err != nil || got.Msg.GetInvoice().GetStatus() != adminv1.InvoiceStatus_INVOICE_STATUS_ISSUED ||
					got.Msg.GetInvoice().GetPaidCents() != 9000 {
					t.Errorf("after the reversal = %v %v", got, err)
				}
				_, err = c.ReversePayment(ctx, connect.NewRequest(&adminv1.ReversePaymentRequest{Id: rest.Msg.GetPayment().GetId(), Reason: "nochmal"}))
				if connect.CodeOf(err) != connect.CodeFailedPrecondition {
					t.Errorf("reverse twice = %v", err)
				}
			})
		}
	})
}

// An operator uploads a bank statement: its credit naming an invoice is
// recorded, the one naming none waits in the queue and is assigned by
// hand; a file that is no statement is refused at its field.
func TestBankStatementsOverTheAPI(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		hc := apptest.HTTPClient(srv)
		env.SignIn(t, hc, srv.URL, "operator@example.com", authz.RoleOperator)
		ctx := t.Context()
		sys := authz.System(ctx)
		if _, _, err := env.Settings.Update(sys, demo.PlatformSettings, []string{"company", "tax", "bank", "invoice"}, "fixture"); err != nil {
			t.Fatal(err)
		}
		org := env.Org(t, "Acme")
		inv, err := env.Invoices.Manual(sys, org.ID, []invoice.ManualLine{{Description: "Migration", Quantity: 1, Unit: "C62",
			UnitPriceCents: 10000}}, nil, nil, "Projekt", false)
		if err != nil {
			t.Fatal(err)
		}
		other, err := env.Invoices.Manual(sys, org.ID, []invoice.ManualLine{{Description: "Schulung", Quantity: 1, Unit: "C62",
			UnitPriceCents: 5000}}, nil, nil, "Schulung", false)
		if err != nil {
			t.Fatal(err)
		}
		c := adminv1connect.NewBankStatementServiceClient(hc, srv.URL)
		_, err = c.ImportBankStatement(ctx, connect.NewRequest(&adminv1.ImportBankStatementRequest{FileName: "x.pdf", Content: []byte("%PDF-1.7")}))
		if f := fieldsOf(err); connect.CodeOf(err) != connect.CodeInvalidArgument || f["content"] == "" {
			t.Errorf("not a statement = %v (fields %v)", err, f)
		}
		day := calendar.On(env.Clock.Now(), time.UTC)
		file := demo.CAMT053(demo.PlatformSettings.Bank.IBAN, "S1", env.Clock.Now(), []demo.Booking{
			{Ref: "1", Day: day, AmountCents: 11900, Remittance: inv.Number, Name: "Acme GmbH"},
			{Ref: "2", Day: day, AmountCents: 5950, Remittance: "Schulung Mai", Name: "Acme GmbH"},
		})
		res, err := c.ImportBankStatement(ctx, connect.NewRequest(&adminv1.ImportBankStatementRequest{FileName: "s1.xml", Content: file}))
		if err != nil || res.Msg.GetStatement().GetMatched() != 1 || res.Msg.GetStatement().GetUnmatched() != 1 ||
			res.Msg.GetLines()[0].GetInvoiceNumber() != inv.Number || res.Msg.GetLines()[0].GetPaymentId() == "" {
			t.Fatalf("import = %v %v", res, err)
		}
		queue, err := c.ListBankLines(ctx, connect.NewRequest(&adminv1.ListBankLinesRequest{
			Statuses: []adminv1.BankLineStatus{adminv1.BankLineStatus_BANK_LINE_STATUS_UNMATCHED}}))
		if err != nil || len(queue.Msg.GetLines()) != 1 || queue.Msg.GetLines()[0].GetMatch() != adminv1.BankLineMatch_BANK_LINE_MATCH_UNKNOWN {
			t.Fatalf("queue = %v %v", queue, err)
		}
		got, err := c.AssignBankLine(ctx, connect.NewRequest(&adminv1.AssignBankLineRequest{Id: queue.Msg.GetLines()[0].GetId(),
			InvoiceId: ids.Format(ids.Invoice, other.ID), Reason: "Schulung im Mai ist diese Rechnung"}))
		if err != nil || got.Msg.GetLine().GetStatus() != adminv1.BankLineStatus_BANK_LINE_STATUS_MATCHED {
			t.Fatalf("assign = %v %v", got, err)
		}
		list, err := c.ListBankStatements(ctx, connect.NewRequest(&adminv1.ListBankStatementsRequest{}))
		if err != nil || len(list.Msg.GetStatements()) != 1 || list.Msg.GetStatements()[0].GetMatched() != 2 {
			t.Errorf("statements = %v %v", list, err)
		}
	})
}

// The providers' webhooks are served beside the API, outside its sign-in:
// a signed Stripe event is taken (200), a tampered one is refused (400)
// and stores nothing, and so is one for a billing entity that is not.
func TestStripeWebhookOverHTTP(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		env, srv := server(t, d)
		sys := authz.System(t.Context())
		owner := env.AsRole(t, "owner@example.com", authz.RoleOwner)
		const secret = "whsec_test_http"
		if _, err := env.Payments.SetAccount(owner, provider.Stripe, "sk_test_http_1234", secret); err != nil {
			t.Fatal(err)
		}
		accounts, err := env.Payments.Accounts(owner)
		if err != nil {
			t.Fatal(err)
		}
		path := accounts[0].WebhookPath
		now := env.Clock.Now()
		payload := []byte(fmt.Sprintf(`{"id": "evt_http", "object": "event", "created": %d, "type": "payment_intent.succeeded",
  "data": {"object": {"id": "pi_elsewhere", "object": "payment_intent", "amount": 500, "currency": "eur", "status": "succeeded", "metadata": {}}}}`,
			now.Unix()))
		sig := webhook.GenerateTestSignedPayload(&webhook.UnsignedPayload{Payload: payload, Secret: secret, Timestamp: now}).Header
		post := func(path string, body []byte, sig string) int {
			req, _ := http.NewRequest(http.MethodPost, srv.URL+path, bytes.NewReader(body))
			req.Header.Set("Stripe-Signature", sig)
			req.Header.Set("Content-Type", "application/json")
			res, err := srv.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			return res.StatusCode
		}
		if code := post(path, bytes.Replace(payload, []byte("500"), []byte("501"), 1), sig); code != http.StatusBadRequest {
			t.Errorf("tampered = %d, want 400", code)
		}
		if code := post("/webhooks/stripe/be_01kaj5m8d0e6xv1ks8wq6a5j0p", payload, sig); code != http.StatusBadRequest {
			t.Errorf("unknown billing entity = %d, want 400", code)
		}
		if n := env.DB.Client.ProviderEvent.Query().CountX(sys); n != 0 {
			t.Fatalf("%d events stored from refused webhooks", n)
		}
		for range 2 {
			if code := post(path, payload, sig); code != http.StatusOK {
				t.Errorf("signed = %d, want 200", code)
			}
		}
		evs, _, err := env.Payments.Events(sys, payment.EventFilter{})
		if err != nil || len(evs) != 1 || evs[0].Status != payment.EventIgnored {
			t.Errorf("events = %+v %v, want the one event, ignored (no payment of the platform)", evs, err)
		}
	})
}
