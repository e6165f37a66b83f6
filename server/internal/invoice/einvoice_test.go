package invoice_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/billing/einvoice"
	"github.com/leitstand/leitstand/server/internal/contract"
	"github.com/leitstand/leitstand/server/internal/demo"
	"github.com/leitstand/leitstand/server/internal/invoice"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
)

// factur extracts the factur-x.xml of a ZUGFeRD PDF with pdfdetach, and
// fails unless it is the only file embedded.
func facturX(t *testing.T, pdf []byte) []byte {
	t.Helper()
	dir := t.TempDir()
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	list, err := exec.Command("pdfdetach", "-list", in).Output()
	if err != nil {
		t.Fatalf("pdfdetach (poppler-utils, make deps-poppler): %v", err)
	}
	if got := strings.TrimSpace(string(list)); got != "1 embedded files\n1: factur-x.xml" {
		t.Fatalf("embedded files:\n%s", got)
	}
	out := filepath.Join(dir, "factur-x.xml")
	if b, err := exec.Command("pdfdetach", "-save", "1", "-o", out, in).CombinedOutput(); err != nil {
		t.Fatalf("pdfdetach -save: %v %s", err, b)
	}
	xml, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return xml
}

// Every invoice is available in each e-invoice format, made from the
// document it was issued with: XRechnung as CII and UBL, ZUGFeRD as a PDF
// with the Factur-X XML inside; each reads back to the invoice's totals, is
// made once and then served as kept. The billing run's invoice, a manual
// one and the cancellation invoice of it.
func TestEveryInvoiceIsAnEInvoice(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		org := customer(t, env, platform(t, env), "Acme")
		sys := authz.System(t.Context())
		if _, err := env.Orgs.Update(sys, org, organization.Values{BillingEmail: "rechnung@acme.example"}, []string{"billing_email"}, "fixture"); err != nil {
			t.Fatal(err)
		}
		if _, err := env.Invoices.Run(sys); err != nil {
			t.Fatal(err)
		}
		manual, err := env.Invoices.Manual(sys, org, []invoice.ManualLine{{Description: "Migration", Quantity: 90, Unit: "MIN",
			UnitPriceCents: 9500}}, nil, nil, "Projekt", false)
		if err != nil {
			t.Fatal(err)
		}
		_, cancellation, err := env.Invoices.Cancel(sys, manual.ID, "doppelt")
		if err != nil {
			t.Fatal(err)
		}
		list, err := env.Invoices.ForOrganization(sys, org)
		if err != nil || len(list) != 3 {
			t.Fatalf("invoices = %d %v", len(list), err)
		}
		for _, inv := range list {
			for _, format := range []string{organization.EInvoiceXRechnungCII, organization.EInvoiceXRechnungUBL, organization.EInvoiceZUGFeRD} {
				f, err := env.Invoices.EInvoice(sys, inv.ID, format)
				if err != nil {
					t.Fatalf("%s as %s: %v", inv.Number, format, err)
				}
				xml := f.Content
				if format == organization.EInvoiceZUGFeRD {
					if f.ContentType != "application/pdf" || !bytes.HasPrefix(f.Content, []byte("%PDF-")) {
						t.Fatalf("%s as ZUGFeRD: %s", inv.Number, f.ContentType)
					}
					xml = facturX(t, f.Content)
				}
				sums, err := einvoice.Totals(xml)
				if err != nil {
					t.Fatal(err)
				}
				if sums.NetCents != inv.NetCents || sums.VATCents != inv.VATCents || sums.GrossCents != inv.GrossCents {
					t.Errorf("%s as %s reads back as %+v, the invoice is %d/%d/%d", inv.Number, format, sums, inv.NetCents, inv.VATCents, inv.GrossCents)
				}
				if inv.ID == cancellation.ID && format != organization.EInvoiceZUGFeRD && !bytes.Contains(xml, []byte(manual.Number)) {
					t.Errorf("the cancellation's %s does not name the invoice it cancels", format)
				}
				again, err := env.Invoices.EInvoice(sys, inv.ID, format)
				if err != nil || !bytes.Equal(again.Content, f.Content) || again.SHA256 != f.SHA256 {
					t.Errorf("%s as %s asked again: %v", inv.Number, format, err)
				}
			}
		}
		if got := env.Events(t, func(e audit.Entry) bool { return e.TargetType == "invoice" && strings.Contains(e.After, "e_invoice") }); len(got) != 9 {
			t.Errorf("%d e-invoices recorded, want 9: each made once", len(got))
		}
	})
}

// An e-invoice that breaks a rule is not made, and says which: XRechnung
// needs the buyer's electronic address, which a customer without a billing
// e-mail lacks; Factur-X does not. An unknown invoice is NotFound.
func TestAnEInvoiceThatBreaksARuleIsRefusedWithTheRule(t *testing.T) {
	env := apptest.New(t, testdb.SQLite)
	org := customer(t, env, platform(t, env), "Ohne Adresse")
	sys := authz.System(t.Context())
	inv, err := env.Invoices.Manual(sys, org, []invoice.ManualLine{{Description: "Schulung", Quantity: 1, Unit: "C62", UnitPriceCents: 50000}},
		nil, nil, "Schulung", false)
	if err != nil {
		t.Fatal(err)
	}
	_, err = env.Invoices.EInvoice(sys, inv.ID, organization.EInvoiceXRechnungCII)
	if !errors.Is(err, apierr.ErrFailedPrecondition) || !strings.Contains(err.Error(), "PEPPOL-EN16931-R010") {
		t.Errorf("XRechnung without the buyer's electronic address: %v", err)
	}
	if _, err := env.Invoices.EInvoice(sys, inv.ID, organization.EInvoiceZUGFeRD); err != nil {
		t.Errorf("ZUGFeRD without it: %v", err)
	}
	if _, err := env.Invoices.EInvoice(sys, uuid.New(), organization.EInvoiceZUGFeRD); !errors.Is(err, apierr.ErrNotFound) {
		t.Errorf("an unknown invoice: %v", err)
	}
}

// An invoice issued on its own whose e-invoice would break a rule is not
// issued, and says which rule; its number is not used up. Here the
// organization prefers XRechnung but has no e-mail address for it
// (PEPPOL-EN16931-R010); with one, the invoice is issued with the next
// number.
func TestAnInvoiceWhoseEInvoiceBreaksARuleIsNotIssued(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		org := customer(t, env, platform(t, env), "Landratsamt")
		sys := authz.System(t.Context())
		prefers := organization.Values{EInvoice: organization.EInvoice{Format: organization.EInvoiceXRechnungUBL}}
		if _, err := env.Orgs.Update(sys, org, prefers, []string{"e_invoice.format"}, "fixture"); err != nil {
			t.Fatal(err)
		}
		line := []invoice.ManualLine{{Description: "Schulung", Quantity: 1, Unit: "C62", UnitPriceCents: 50000}}
		_, err := env.Invoices.Manual(sys, org, line, nil, nil, "Schulung", false)
		if !errors.Is(err, apierr.ErrFailedPrecondition) || !strings.Contains(err.Error(), "PEPPOL-EN16931-R010") {
			t.Fatalf("XRechnung without the buyer's e-mail: %v", err)
		}
		if list, _ := env.Invoices.ForOrganization(sys, org); len(list) != 0 {
			t.Fatalf("%d invoices issued", len(list))
		}
		prefers.EInvoice.ElectronicAddress = "e-rechnung@landratsamt.example"
		if _, err := env.Orgs.Update(sys, org, prefers, []string{"e_invoice.electronic_address"}, "fixture"); err != nil {
			t.Fatal(err)
		}
		inv, err := env.Invoices.Manual(sys, org, line, nil, nil, "Schulung", false)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(inv.Number, "-000001") {
			t.Errorf("issued as %s: the refused one took a number", inv.Number)
		}
	})
}

// The billing run checks every invoice's e-invoice at issue as well: an
// organization whose XRechnung would break a rule is not billed, the run
// names it with the rule and bills the others, and once the organization's
// data is complete the next run bills it.
func TestTheRunBillsNoInvoiceWhoseEInvoiceBreaksARule(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		p := platform(t, env)
		orgs := make([]uuid.UUID, 9) // more than are checked one by one
		for i := range orgs {
			orgs[i] = customer(t, env, p, fmt.Sprintf("Kunde %d", i))
		}
		sys := authz.System(t.Context())
		bad := orgs[4]
		prefers := organization.Values{EInvoice: organization.EInvoice{Format: organization.EInvoiceXRechnungCII}}
		if _, err := env.Orgs.Update(sys, bad, prefers, []string{"e_invoice.format"}, "fixture"); err != nil {
			t.Fatal(err)
		}
		r, err := env.Invoices.Run(sys)
		if err == nil || !strings.Contains(err.Error(), "Kunde 4") || !strings.Contains(err.Error(), "PEPPOL-EN16931-R010") ||
			r.Invoices != 8 || r.Failed != 1 {
			t.Fatalf("run = %+v %v, want 8 invoices and Kunde 4 refused by PEPPOL-EN16931-R010", r, err)
		}
		if list, _ := env.Invoices.ForOrganization(sys, bad); len(list) != 0 {
			t.Errorf("the refused organization has %d invoices", len(list))
		}
		prefers.EInvoice.ElectronicAddress = "e-rechnung@kunde4.example"
		if _, err := env.Orgs.Update(sys, bad, prefers, []string{"e_invoice.electronic_address"}, "fixture"); err != nil {
			t.Fatal(err)
		}
		if r, err := env.Invoices.Run(sys); err != nil || r.Invoices != 1 {
			t.Errorf("the next run = %+v %v, want the one left", r, err)
		}
	})
}

// The invoices the billing engine issues in each tax case read back from
// each e-invoice format to their own totals: the billing run's invoice
// with a discount, a Kleinunternehmer's invoice (category E), and a
// reverse-charge invoice to an Austrian business (category AE).
func TestEInvoicesOfEachTaxCaseReadBackToTheInvoice(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		planID := platform(t, env)
		sys := authz.System(t.Context())
		discounted := customer(t, env, planID, "Rabatt")
		if _, err := env.Orgs.Update(sys, discounted, organization.Values{BillingEmail: "rechnung@rabatt.example"}, []string{"billing_email"}, "fixture"); err != nil {
			t.Fatal(err)
		}
		if _, err := env.Contracts.GrantDiscount(sys, discounted, contract.Grant{Name: "Treue", BasisPoints: 1000, Reason: "fixture"}); err != nil {
			t.Fatal(err)
		}
		austrian := customer(t, env, planID, "Wien")
		if _, err := env.Orgs.Update(sys, austrian, organization.Values{VATID: "ATU13585627", BillingEmail: "rechnung@wien.example",
			Address: organization.Address{Line1: "Ringstraße 1", PostalCode: "1010", City: "Wien", CountryCode: "AT"}},
			[]string{"vat_id", "billing_email", "billing_address"}, "fixture"); err != nil {
			t.Fatal(err)
		}
		if _, err := env.Invoices.Run(sys); err != nil {
			t.Fatal(err)
		}
		var cases []invoice.Invoice
		for _, org := range []uuid.UUID{discounted, austrian} {
			list, err := env.Invoices.ForOrganization(sys, org)
			if err != nil || len(list) != 1 {
				t.Fatalf("invoices = %d %v", len(list), err)
			}
			cases = append(cases, list[0])
		}
		small := demo.PlatformSettings
		small.Tax.SmallBusinessExemption = true
		if _, _, err := env.Settings.Update(sys, small, []string{"tax"}, "fixture"); err != nil {
			t.Fatal(err)
		}
		kleinunternehmer, err := env.Invoices.Manual(sys, discounted, []invoice.ManualLine{{Description: "Schulung", Quantity: 2,
			Unit: "HUR", UnitPriceCents: 9500}}, nil, nil, "Schulung", false)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, *kleinunternehmer)
		notes := func(inv *invoice.Invoice) string { return strings.Join(inv.Notes, " ") }
		want := map[string]func(inv *invoice.Invoice) bool{
			"discount": func(inv *invoice.Invoice) bool {
				return inv.VATCents > 0 && slices.ContainsFunc(inv.Lines, func(l invoice.Line) bool { return l.NetCents < 0 })
			},
			"reverse charge": func(inv *invoice.Invoice) bool {
				return inv.VATCents == 0 && strings.Contains(notes(inv), "Steuerschuldnerschaft")
			},
			"Kleinunternehmer": func(inv *invoice.Invoice) bool {
				return inv.VATCents == 0 && inv.GrossCents == 19000 && strings.Contains(notes(inv), "§ 19 UStG")
			},
		}
		for i, name := range []string{"discount", "reverse charge", "Kleinunternehmer"} {
			inv := cases[i]
			full, err := env.Invoices.Get(sys, inv.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !want[name](full) {
				t.Fatalf("%s: the invoice is not the case: %+v", name, inv)
			}
			for _, format := range []string{organization.EInvoiceXRechnungCII, organization.EInvoiceXRechnungUBL, organization.EInvoiceZUGFeRD} {
				f, err := env.Invoices.EInvoice(sys, inv.ID, format)
				if err != nil {
					t.Fatalf("%s as %s: %v", name, format, err)
				}
				xml := f.Content
				if format == organization.EInvoiceZUGFeRD {
					xml = facturX(t, f.Content)
				}
				sums, err := einvoice.Totals(xml)
				if err != nil {
					t.Fatal(err)
				}
				if sums.NetCents != inv.NetCents || sums.VATCents != inv.VATCents || sums.GrossCents != inv.GrossCents {
					t.Errorf("%s as %s reads back as %+v, the invoice is %d/%d/%d", name, format, sums, inv.NetCents, inv.VATCents, inv.GrossCents)
				}
			}
		}
	})
}

// An invoice that cannot name what an invoice must (§ 14 UStG: the
// customer's address) is not issued: FailedPrecondition with the reason,
// nothing written.
func TestAnInvoiceWithoutTheCustomersAddressIsNotIssued(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		platform(t, env)
		sys := authz.System(t.Context())
		o, err := env.Orgs.Create(sys, organization.Values{Name: "Ohne Anschrift"}, env.StandardPlanID, "fixture")
		if err != nil {
			t.Fatal(err)
		}
		before := env.Fingerprint(t)
		line := []invoice.ManualLine{{Description: "Schulung", Quantity: 1, Unit: "C62", UnitPriceCents: 50000}}
		_, err = env.Invoices.Manual(sys, o.ID, line, nil, nil, "Schulung", false)
		if !errors.Is(err, apierr.ErrFailedPrecondition) || !strings.Contains(err.Error(), "the customer's address needs a street, postal code and city") {
			t.Fatalf("without an address: %v", err)
		}
		if env.Fingerprint(t) != before {
			t.Error("the refused invoice changed something")
		}
	})
}
