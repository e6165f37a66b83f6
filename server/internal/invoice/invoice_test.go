package invoice_test

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	entinvoice "github.com/leitstand/leitstand/server/ent/invoice"
	"github.com/leitstand/leitstand/server/ent/invoiceline"
	"github.com/leitstand/leitstand/server/ent/timeentry"
	"github.com/leitstand/leitstand/server/ent/workspace"
	"github.com/leitstand/leitstand/server/internal/apptest"
	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/billing/invoicepdf"
	"github.com/leitstand/leitstand/server/internal/contract"
	"github.com/leitstand/leitstand/server/internal/demo"
	"github.com/leitstand/leitstand/server/internal/invoice"
	"github.com/leitstand/leitstand/server/internal/order"
	"github.com/leitstand/leitstand/server/internal/organization"
	"github.com/leitstand/leitstand/server/internal/plan"
	"github.com/leitstand/leitstand/server/internal/platform/apierr"
	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/tenancy"
	"github.com/leitstand/leitstand/server/internal/platform/testdb"
	"github.com/leitstand/leitstand/server/internal/settings"
	"github.com/leitstand/leitstand/server/internal/usage"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// platform makes env an issuer (the demo's company details) offering
// Premium: 99 € a month, an hour of support included, 90 € an hour.
func platform(t *testing.T, env *apptest.Env) uuid.UUID {
	t.Helper()
	sys := authz.System(t.Context())
	if _, _, err := env.Settings.Update(sys, demo.PlatformSettings, []string{"company", "tax", "bank", "invoice"}, "fixture"); err != nil {
		t.Fatal(err)
	}
	p, err := env.Plans.Create(sys, plan.Values{Name: "Premium", Rank: 30, Terms: plan.Terms{
		MonthlyFeeCents: 9900, IncludedSupportMinutes: 60, HourlyRateCents: 9000}}, "fixture")
	if err != nil {
		t.Fatal(err)
	}
	return p.ID
}

// customer creates an organization on the plan with one service (89 € a
// month) in a workspace.
func customer(t *testing.T, env *apptest.Env, planID uuid.UUID, name string) uuid.UUID {
	t.Helper()
	sys := authz.System(t.Context())
	o, err := env.Orgs.Create(sys, organization.Values{Name: name, LegalName: name + " GmbH", Address: organization.Address{
		Line1: "Hafenstraße 12", PostalCode: "20457", City: "Hamburg", CountryCode: "DE"}}, planID, "fixture")
	if err != nil {
		t.Fatal(err)
	}
	ws, err := env.Orgs.CreateWorkspace(sys, o.ID, "Produktion", nil, "fixture")
	if err != nil {
		t.Fatal(err)
	}
	env.BookedService(t, ws.ID, "Nextcloud "+name)
	return o.ID
}

type billed struct {
	org             uuid.UUID
	number, date    string
	net, vat, gross int64
	lines           int
}

func invoices(t *testing.T, env *apptest.Env) []billed {
	t.Helper()
	sys := authz.System(t.Context())
	rows, err := env.DB.Client.Invoice.Query().Order(entinvoice.ByNumber()).All(sys)
	if err != nil {
		t.Fatal(err)
	}
	var out []billed
	for _, r := range rows {
		out = append(out, billed{org: r.OrganizationID, number: r.Number, date: *r.BillingDate, net: r.NetCents,
			vat: r.VatCents, gross: r.GrossCents, lines: env.DB.Client.InvoiceLine.Query().Where(invoiceline.InvoiceID(r.ID)).CountX(sys)})
	}
	return out
}

func TestTheBillingRunBillsEachDuePeriodOnceInOrder(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		org := customer(t, env, platform(t, env), "Acme")
		sys := authz.System(t.Context())

		// Created on 2026-03-14: billed that day for the month ahead.
		r, err := env.Invoices.Run(sys)
		if err != nil || r.Invoices != 1 {
			t.Fatalf("first run = %+v %v", r, err)
		}
		got := invoices(t, env)
		// 99 € base fee + 89 € service = 188 €, VAT 35.72 €.
		if len(got) != 1 || got[0].number != "RE-2026-000001" || got[0].date != "2026-03-14" || got[0].net != 18800 ||
			got[0].vat != 3572 || got[0].gross != 22372 || got[0].lines != 2 {
			t.Errorf("first invoice = %+v", got)
		}
		if r, err := env.Invoices.Run(sys); err != nil || r.Invoices != 0 || r.Skipped != 0 {
			t.Errorf("a second run the same day = %+v %v", r, err)
		}

		// Three months without a run: each missed period once, in order.
		env.Clock.Set(time.Date(2026, time.June, 14, 8, 0, 0, 0, time.UTC))
		if r, err := env.Invoices.Run(sys); err != nil || r.Invoices != 3 {
			t.Fatalf("catch-up run = %+v %v", r, err)
		}
		got = invoices(t, env)
		var dates, numbers []string
		for _, b := range got {
			dates, numbers = append(dates, b.date), append(numbers, b.number)
		}
		if !slices.Equal(dates, []string{"2026-03-14", "2026-04-14", "2026-05-14", "2026-06-14"}) ||
			!slices.Equal(numbers, []string{"RE-2026-000001", "RE-2026-000002", "RE-2026-000003", "RE-2026-000004"}) {
			t.Errorf("after the catch-up: dates %v, numbers %v", dates, numbers)
		}
		inv, err := env.Invoices.ForOrganization(sys, org)
		if err != nil || len(inv) != 4 || inv[0].Number != "RE-2026-000004" ||
			inv[0].Period != (calendar.Period{Start: calendar.D(2026, time.June, 14), End: calendar.D(2026, time.July, 14)}) {
			t.Errorf("the organization's invoices = %+v %v", inv, err)
		}
	})
}

// Two and three runs of the same day at once issue each invoice once.
func TestConcurrentRunsIssueNoExtraInvoice(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		for _, runs := range []int{2, 3} {
			t.Run(fmt.Sprint(runs), func(t *testing.T) {
				env := apptest.New(t, d)
				p := platform(t, env)
				for i := range 4 {
					customer(t, env, p, fmt.Sprintf("Kunde %d", i))
				}
				env.Clock.Set(time.Date(2026, time.May, 14, 8, 0, 0, 0, time.UTC))
				var wg sync.WaitGroup
				results := make([]invoice.RunResult, runs)
				errs := make([]error, runs)
				for i := range runs {
					wg.Go(func() { results[i], errs[i] = env.Invoices.Run(authz.System(t.Context())) })
				}
				wg.Wait()
				issued := 0
				for i := range runs {
					if errs[i] != nil {
						t.Errorf("run %d: %v", i, errs[i])
					}
					issued += results[i].Invoices
				}
				got := invoices(t, env)
				if issued != 12 || len(got) != 12 {
					t.Errorf("%d runs issued %d invoices (%d stored), want 12: 4 organizations × 3 periods", runs, issued, len(got))
				}
				for i, b := range got {
					if want := fmt.Sprintf("RE-2026-%06d", i+1); b.number != want {
						t.Errorf("number %d = %s, want %s", i, b.number, want)
					}
				}
			})
		}
	})
}

// 50 invoices issued at once, 10 of them in changes that fail after taking
// their number: the 40 kept have the numbers 1 to 40.
func TestNumbersHaveNoGapsAfterRollbacks(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		org := customer(t, env, platform(t, env), "Acme")
		sys := authz.System(t.Context())
		o, err := env.DB.Client.Organization.Get(sys, org)
		if err != nil {
			t.Fatal(err)
		}
		set, err := env.Settings.Of(sys, o.BillingEntityID)
		if err != nil {
			t.Fatal(err)
		}
		errBoom := errors.New("failed after numbering")
		var wg sync.WaitGroup
		errs := make([]error, 50)
		for i := range 50 {
			wg.Go(func() {
				errs[i] = env.Audit.Change(sys, func(tx *ent.Tx, log *audit.Log) error {
					if _, err := env.Invoices.IssueOne(sys, tx, log, o, set, calendar.D(2027, time.January, 4)); err != nil {
						return err
					}
					if i%5 == 3 {
						return errBoom
					}
					return nil
				})
			})
		}
		wg.Wait()
		for i, err := range errs {
			if (i%5 == 3) != errors.Is(err, errBoom) {
				t.Errorf("change %d: %v", i, err)
			}
		}
		rows, err := env.DB.Client.Invoice.Query().Where(entinvoice.Year(2027)).Order(entinvoice.BySequence()).All(sys)
		if err != nil || len(rows) != 40 {
			t.Fatalf("%d invoices, %v", len(rows), err)
		}
		for i, r := range rows {
			if r.Sequence != i+1 || r.Number != fmt.Sprintf("RE-2027-%06d", i+1) {
				t.Errorf("invoice %d is %s", i+1, r.Number)
			}
		}
	})
}

func TestAnIssuedInvoiceIsNotChangedThroughEntOrSQL(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		customer(t, env, platform(t, env), "Acme")
		sys := authz.System(t.Context())
		if _, err := env.Invoices.Run(sys); err != nil {
			t.Fatal(err)
		}
		c := env.DB.Client
		inv := c.Invoice.Query().OnlyX(sys)
		line := c.InvoiceLine.Query().FirstX(sys)
		up := c.Invoice.UpdateOneID(inv.ID)
		if err := up.Mutation().SetField(entinvoice.FieldGrossCents, int64(1)); err == nil {
			if err := up.Exec(sys); err == nil {
				t.Error("ent changed an issued invoice's amount")
			}
		}
		if err := c.Invoice.DeleteOneID(inv.ID).Exec(sys); err == nil {
			t.Error("ent deleted an invoice")
		}
		if err := c.InvoiceLine.UpdateOneID(line.ID).Exec(sys); err == nil {
			t.Error("ent updated an invoice line")
		}
		if err := c.InvoiceLine.DeleteOneID(line.ID).Exec(sys); err == nil {
			t.Error("ent deleted an invoice line")
		}
		for _, stmt := range []string{
			`UPDATE invoices SET gross_cents = 1`,
			`UPDATE invoices SET number = 'RE-2026-999999'`,
			`UPDATE invoices SET document = NULL`,
			`DELETE FROM invoices`,
			`UPDATE invoice_lines SET net_cents = 1`,
			`DELETE FROM invoice_lines`,
			`DELETE FROM billing_periods`,
		} {
			if _, err := c.ExecContext(sys, stmt); err == nil {
				t.Errorf("SQL %q was not refused", stmt)
			}
		}
		if after := c.Invoice.Query().OnlyX(sys); after.GrossCents != inv.GrossCents || after.Number != inv.Number ||
			string(after.Document) != string(inv.Document) {
			t.Error("the invoice changed")
		}
		// Its status moves.
		if _, err := c.ExecContext(sys, `UPDATE invoices SET status = 'PAID'`); err != nil {
			t.Errorf("a status change was refused: %v", err)
		}
		if err := c.Invoice.UpdateOneID(inv.ID).SetStatus(entinvoice.StatusOVERDUE).SetOverdueTime(env.Clock.Now()).Exec(sys); err != nil {
			t.Errorf("a status change through ent was refused: %v", err)
		}

		// Its PDF is written once: rendered after issue, then kept.
		if inv.PdfName != "" {
			t.Fatalf("the PDF was written in the issuing change: %q", inv.PdfName)
		}
		if n, err := env.Invoices.RenderPending(sys); err != nil || n != 1 {
			t.Fatalf("render pending = %d %v", n, err)
		}
		rendered := c.Invoice.Query().OnlyX(sys)
		if len(rendered.PdfSha256) != 64 || rendered.PdfName != rendered.PdfSha256+".pdf" {
			t.Fatalf("after rendering: pdf %q sha %q", rendered.PdfName, rendered.PdfSha256)
		}
		if err := c.Invoice.UpdateOneID(inv.ID).SetPdfName("other.pdf").SetPdfSha256(strings.Repeat("0", 64)).Exec(sys); err == nil {
			t.Error("ent replaced the PDF of an invoice")
		}
		for _, stmt := range []string{
			`UPDATE invoices SET pdf_name = 'other.pdf'`,
			`UPDATE invoices SET pdf_sha256 = ''`,
			`UPDATE invoices SET pdf_name = '', pdf_sha256 = ''`,
		} {
			if _, err := c.ExecContext(sys, stmt); err == nil {
				t.Errorf("SQL %q was not refused", stmt)
			}
		}
		if after := c.Invoice.Query().OnlyX(sys); after.PdfName != rendered.PdfName || after.PdfSha256 != rendered.PdfSha256 {
			t.Errorf("the PDF changed to %q", after.PdfName)
		}
	})
}

// The PDF of an invoice is rendered from its stored document after the
// change that issues it: by the run's job, or at the first download, and
// the same bytes either way; each write is in the audit trail.
func TestThePDFIsRenderedOnceFromTheStoredDocument(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		p := platform(t, env)
		customer(t, env, p, "Acme")
		customer(t, env, p, "Globex")
		sys := authz.System(t.Context())
		env.Clock.Set(time.Date(2026, time.April, 14, 8, 0, 0, 0, time.UTC))
		since := env.LastSeq(t)
		if r, err := env.Invoices.Run(sys); err != nil || r.Invoices != 4 {
			t.Fatalf("run = %+v %v", r, err)
		}
		c := env.DB.Client
		first := c.Invoice.Query().Order(entinvoice.ByNumber()).FirstX(sys)
		// Downloaded before the job got to it: rendered now.
		f, inv, err := env.Invoices.PDF(sys, first.ID)
		if err != nil {
			t.Fatal(err)
		}
		downloaded, _ := io.ReadAll(f)
		f.Close()
		if inv.PDFSHA256 == "" || fmt.Sprintf("%x", sha256.Sum256(downloaded)) != inv.PDFSHA256 {
			t.Errorf("downloaded PDF: sha %q of %d bytes", inv.PDFSHA256, len(downloaded))
		}
		if n, err := env.Invoices.RenderPending(sys); err != nil || n != 3 {
			t.Errorf("render pending = %d %v, want the other 3", n, err)
		}
		if n, err := env.Invoices.RenderPending(sys); err != nil || n != 0 {
			t.Errorf("render pending again = %d %v, want none", n, err)
		}
		for _, r := range c.Invoice.Query().AllX(sys) {
			var doc invoicepdf.Document
			if err := json.Unmarshal(r.Document, &doc); err != nil {
				t.Fatal(err)
			}
			again, err := env.Invoices.PDFOf(sys, r.IssuerID, doc)
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprintf("%x", sha256.Sum256(again)) != r.PdfSha256 {
				t.Errorf("%s: its PDF is not what its document renders to", r.Number)
			}
		}
		written := 0
		for _, e := range env.EventsSince(t, since) {
			if e.TargetType == "invoice" && strings.Contains(fmt.Sprint(e.After), "pdf_sha256") {
				written++
			}
		}
		if written != 4 {
			t.Errorf("%d PDF writes audited, want 4", written)
		}
	})
}

// The billing run's statements are a constant number for each batch of
// organizations, however many organizations the batch holds and however
// many services, hours and snapshots each has: billing 12 organizations
// costs what billing 4 does.
func TestTheRunCostsAConstantNumberOfStatementsPerOrganization(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		cost := func(orgs int) int64 {
			env := apptest.New(t, d)
			p := platform(t, env)
			sys := authz.System(t.Context())
			op := env.AsRole(t, "lead@example.com", authz.RoleOperator)
			var list []uuid.UUID
			for i := range orgs {
				org := customer(t, env, p, fmt.Sprintf("Kunde %d", i))
				ws := env.DB.Client.Workspace.Query().Where(workspace.OrganizationID(org)).OnlyX(sys)
				env.BookedService(t, ws.ID, fmt.Sprintf("Gitea %d", i))
				list = append(list, org)
			}
			// The first invoices; the second period has hours and storage.
			if _, err := env.Invoices.Run(sys); err != nil {
				t.Fatal(err)
			}
			env.Clock.Set(time.Date(2026, time.April, 13, 20, 0, 0, 0, time.UTC))
			for i, org := range list {
				ord, err := env.Orders.Create(op, org, order.Values{Title: "Migration", Kind: order.Project})
				if err != nil {
					t.Fatal(err)
				}
				for _, day := range []int{2, 9} {
					if _, err := env.Orders.CreateTimeEntry(op, ord.ID, order.TimeValues{Date: time.Date(2026, time.April, day, 0, 0, 0, 0, time.UTC),
						Minutes: 150, Description: "Datenübernahme", Billable: true}); err != nil {
						t.Fatal(err)
					}
				}
				for day := range 31 {
					if _, err := env.Usage.Report(sys, []usage.Event{{ID: fmt.Sprintf("%d-%d", i, day), Organization: org,
						Metric: usage.StorageBytes, Quantity: 30 * usage.BytesPerGB, Day: calendar.D(2026, time.March, 14).AddDays(day)}}); err != nil {
						t.Fatal(err)
					}
				}
			}
			env.Clock.Set(time.Date(2026, time.April, 14, 8, 0, 0, 0, time.UTC))
			start := env.Statements.Load()
			r, err := env.Invoices.Run(sys)
			if err != nil || r.Invoices != orgs {
				t.Fatalf("run = %+v %v", r, err)
			}
			return env.Statements.Load() - start
		}
		if four, twelve := cost(4), cost(12); four != twelve {
			t.Errorf("billing 4 organizations took %d statements, 12 took %d", four, twelve)
		}
	})
}

// A crash anywhere in a run — after k of n organizations, between an
// invoice and its lines, between the lines and the billed period — leaves
// no half invoice and no gap, and the next run completes the same set as a
// run that was not interrupted.
func TestARunInterruptedAnywhereCompletesTheSameSet(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		day := time.Date(2026, time.April, 14, 8, 0, 0, 0, time.UTC)
		setup := func(t *testing.T) *apptest.Env {
			env := apptest.New(t, d)
			p := platform(t, env)
			for i := range 4 {
				customer(t, env, p, fmt.Sprintf("Kunde %d", i))
			}
			env.Clock.Set(day)
			return env
		}
		// Three organizations a change: the crashes come after some changes
		// committed, within another.
		ref := setup(t)
		ref.Invoices.SetBatchSize(3)
		if _, err := ref.Invoices.Run(authz.System(t.Context())); err != nil {
			t.Fatal(err)
		}
		want := invoices(t, ref)
		if len(want) != 8 {
			t.Fatalf("uninterrupted run: %d invoices, want 8", len(want))
		}
		for _, crash := range []struct {
			name string
			hook func(env *apptest.Env, cancel func()) ent.Hook
		}{
			{"after 3 of 8 invoices", func(env *apptest.Env, cancel func()) ent.Hook {
				n := 0
				return func(next ent.Mutator) ent.Mutator {
					return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
						if m.Type() == ent.TypeInvoice && m.Op().Is(ent.OpCreate) {
							if n++; n == 4 {
								cancel()
								return nil, context.Canceled
							}
						}
						return next.Mutate(ctx, m)
					})
				}
			}},
			{"between an invoice and its lines", func(env *apptest.Env, cancel func()) ent.Hook {
				return func(next ent.Mutator) ent.Mutator {
					return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
						if m.Type() == ent.TypeInvoiceLine {
							cancel()
							return nil, context.Canceled
						}
						return next.Mutate(ctx, m)
					})
				}
			}},
			{"between the lines and the billed period", func(env *apptest.Env, cancel func()) ent.Hook {
				n := 0
				return func(next ent.Mutator) ent.Mutator {
					return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
						if m.Type() == ent.TypeBillingPeriod {
							if n++; n == 6 {
								cancel()
								return nil, context.Canceled
							}
						}
						return next.Mutate(ctx, m)
					})
				}
			}},
		} {
			t.Run(crash.name, func(t *testing.T) {
				env := setup(t)
				env.Invoices.SetBatchSize(3)
				ctx, cancel := context.WithCancel(authz.System(t.Context()))
				env.DB.Client.Use(crash.hook(env, cancel))
				if _, err := env.Invoices.Run(ctx); err == nil {
					t.Fatal("the interrupted run reported no error")
				}
				cancel()
				// What the crash left: whole invoices only, numbered 1…k.
				sys := authz.System(t.Context())
				partial := invoices(t, env)
				for i, b := range partial {
					if b.lines == 0 || b.number != fmt.Sprintf("RE-2026-%06d", i+1) {
						t.Errorf("after the crash: %+v", b)
					}
				}
				if n := env.DB.Client.BillingPeriod.Query().CountX(sys); n != len(partial) {
					t.Errorf("%d billed periods for %d invoices", n, len(partial))
				}
				// The restarted server runs again, without the crash.
				again := restarted(t, env)
				again.Invoices.SetBatchSize(3)
				if _, err := again.Invoices.Run(sys); err != nil {
					t.Fatal(err)
				}
				if got := invoices(t, env); !slices.EqualFunc(got, want, sameInvoice) {
					t.Errorf("after the rerun:\n%+v\nwant\n%+v", got, want)
				}
			})
		}
	})
}

// restarted is env's database served by a new replica, without the hooks
// the crash tests put on env's client.
func restarted(t *testing.T, env *apptest.Env) *apptest.Env {
	t.Helper()
	return env.Replica(t)
}

// sameInvoice compares what two environments billed: the organizations
// differ by id, so by position (they are made in the same order).
func sameInvoice(a, b billed) bool {
	return a.number == b.number && a.date == b.date && a.net == b.net && a.vat == b.vat && a.gross == b.gross && a.lines == b.lines
}

// The PDF says what § 14 (4) UStG asks of an invoice.
func TestThePDFSaysWhatTheLawAsks(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext is missing: install the Debian package poppler-utils (make deps-poppler)")
	}
	env := apptest.New(t, testdb.SQLite)
	org := customer(t, env, platform(t, env), "Acme")
	sys := authz.System(t.Context())
	if _, err := env.Invoices.Run(sys); err != nil {
		t.Fatal(err)
	}
	list, err := env.Invoices.ForOrganization(sys, org)
	if err != nil || len(list) != 1 {
		t.Fatal(list, err)
	}
	text, inv := pdfText(t, env, list[0].ID)
	for _, want := range []string{
		"Leitstand Hosting GmbH", "Leopoldstraße 21", "80802 München", // issuer
		"Acme GmbH", "Hafenstraße 12", "20457 Hamburg", // customer
		"DE136695976",                                 // issuer's VAT ID
		"14.03.2026",                                  // invoice date
		inv.Number,                                    // number
		invoice.CustomerNumber(org),                   // customer number
		"14.03.2026 – 13.04.2026",                     // service period
		"Grundgebühr Tarif Premium", "Nextcloud Acme", // kind of each service
		"188,00 €", "19 %", "35,72 €", "223,72 €", // net, rate, VAT, gross
		"28.03.2026",                                 // payment terms
		"DE89 3704 0044 0532 0130 00", "COBADEFFXXX", // bank
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF does not say %q:\n%s", want, text)
		}
	}
}

// A period billed late is billed on the contract in force then; the
// billing date of a move is billed on the new plan, whether the daily job
// took the move first or the run takes it itself.
func TestEachPeriodIsBilledOnItsContract(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		sys := authz.System(t.Context())
		premium := platform(t, env)
		enterprise, err := env.Plans.Create(sys, plan.Values{Name: "Enterprise", Rank: 40, Terms: plan.Terms{MonthlyFeeCents: 34900}}, "fixture")
		if err != nil {
			t.Fatal(err)
		}
		early := customer(t, env, premium, "Früh") // the job takes its move before the run
		late := customer(t, env, premium, "Spät")  // the run takes its move itself
		for _, org := range []uuid.UUID{early, late} {
			if _, err := env.Contracts.Schedule(sys, org, enterprise.ID, nil, "mehr Nutzer"); err != nil {
				t.Fatal(err)
			}
		}
		env.Clock.Set(time.Date(2026, time.April, 14, 4, 0, 0, 0, time.UTC))
		if err := env.Audit.Change(sys, func(tx *ent.Tx, log *audit.Log) error {
			_, err := env.Contracts.Take(sys, tx, log, early, calendar.D(2026, time.April, 14))
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if _, err := env.Invoices.Run(sys); err != nil {
			t.Fatal(err)
		}
		for _, org := range []uuid.UUID{early, late} {
			list, err := env.Invoices.ForOrganization(sys, org)
			if err != nil || len(list) != 2 {
				t.Fatalf("invoices = %+v %v", list, err)
			}
			// Latest first: April on Enterprise (349 € + 89 €), March on
			// Premium (99 € + 89 €).
			if list[0].NetCents != 34900+8900 || list[1].NetCents != 9900+8900 {
				t.Errorf("net of April %d, of March %d", list[0].NetCents, list[1].NetCents)
			}
		}
	})
}

// The storage above the included amount is billed for the past period:
// the average of its daily snapshots, rounded up to whole GB.
func TestStorageAboveTheIncludedIsBilledFromTheSnapshots(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		sys := authz.System(t.Context())
		platform(t, env)
		p, err := env.Plans.Create(sys, plan.Values{Name: "Speicher", Rank: 50, Terms: plan.Terms{
			MonthlyFeeCents: 1000, IncludedStorageGB: 10, StorageOverageCentsPerGB: 50}}, "fixture")
		if err != nil {
			t.Fatal(err)
		}
		org := customer(t, env, p.ID, "Acme")
		if _, err := env.Invoices.Run(sys); err != nil { // 2026-03-14
			t.Fatal(err)
		}
		// 12 GB on 20 days, 15.5 GB on 11 days of the 31 from 14 March:
		// on average 13.24 GB, billed as 14, 4 above the included 10.
		var events []usage.Event
		for i := range 31 {
			gb := int64(12_000_000_000)
			if i >= 20 {
				gb = 15_500_000_000
			}
			events = append(events, usage.Event{ID: fmt.Sprintf("disk-%d", i), Organization: org, Metric: usage.StorageBytes,
				Quantity: gb, Day: calendar.D(2026, time.March, 14).AddDays(i)})
		}
		env.Clock.Set(time.Date(2026, time.April, 14, 8, 0, 0, 0, time.UTC))
		if _, err := env.Usage.Report(sys, events); err != nil {
			t.Fatal(err)
		}
		if _, err := env.Invoices.Run(sys); err != nil {
			t.Fatal(err)
		}
		list, err := env.Invoices.ForOrganization(sys, org)
		if err != nil || len(list) != 2 {
			t.Fatalf("invoices = %+v %v", list, err)
		}
		inv, err := env.Invoices.Get(sys, list[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		var storage *invoice.Line
		for i, l := range inv.Lines {
			if l.Kind == "STORAGE_OVERAGE" {
				storage = &inv.Lines[i]
			}
		}
		if storage == nil || storage.Quantity != 4 || storage.NetCents != 200 || storage.Unit != "E34" {
			t.Errorf("storage line = %+v in %+v", storage, inv.Lines)
		}
	})
}

// "Bill now" while the run bills the same organization gives one invoice
// per period, not two.
func TestBillNowDuringARunIssuesOneInvoice(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		p := platform(t, env)
		orgs := make([]uuid.UUID, 3)
		for i := range orgs {
			orgs[i] = customer(t, env, p, fmt.Sprintf("Kunde %d", i))
		}
		env.Clock.Set(time.Date(2026, time.May, 14, 8, 0, 0, 0, time.UTC))
		sys := authz.System(t.Context())
		var wg sync.WaitGroup
		var runErr error
		wg.Go(func() { _, runErr = env.Invoices.Run(sys) })
		nowErrs := make([]error, len(orgs))
		for i, org := range orgs {
			wg.Go(func() { _, nowErrs[i] = env.Invoices.BillNow(sys, org) })
		}
		wg.Wait()
		if err := errors.Join(append(nowErrs, runErr)...); err != nil {
			t.Fatal(err)
		}
		for _, org := range orgs {
			list, err := env.Invoices.ForOrganization(sys, org)
			if err != nil || len(list) != 3 {
				t.Errorf("%d invoices, want one for each of the 3 periods (%v)", len(list), err)
			}
		}
		if got := invoices(t, env); len(got) != 9 || got[8].number != "RE-2026-000009" {
			t.Errorf("%d invoices, the last %+v", len(got), got[len(got)-1])
		}
	})
}

// An organization waiting for approval or closed is not billed: it has no
// next invoice to preview and is not billed now.
func TestAnOrganizationNotBilledHasNoNextInvoice(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		org := customer(t, env, platform(t, env), "Acme")
		sys := authz.System(t.Context())
		if _, err := env.Orgs.Update(sys, org, organization.Values{Status: organization.StatusClosed}, []string{"status"}, "gekündigt"); err != nil {
			t.Fatal(err)
		}
		env.Clock.Set(time.Date(2026, time.May, 14, 8, 0, 0, 0, time.UTC))
		if _, _, err := env.Invoices.Preview(sys, org, nil); !errors.Is(err, apierr.ErrFailedPrecondition) {
			t.Errorf("preview of a closed organization = %v, want failed precondition", err)
		}
		if _, err := env.Invoices.BillNow(sys, org); !errors.Is(err, apierr.ErrFailedPrecondition) {
			t.Errorf("bill a closed organization now = %v, want failed precondition", err)
		}
		if r, err := env.Invoices.Run(sys); err != nil || r.Invoices != 0 {
			t.Errorf("the run billed a closed organization: %+v %v", r, err)
		}
	})
}

// An organization that cannot be billed holds up no other in its batch:
// the run bills the others, reports it, and the next run bills it.
func TestOneOrganizationFailingHoldsUpNoOther(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		p := platform(t, env)
		orgs := make([]uuid.UUID, 4)
		for i := range orgs {
			orgs[i] = customer(t, env, p, fmt.Sprintf("Kunde %d", i))
		}
		bad := orgs[2]
		env.DB.Client.Invoice.Use(func(next ent.Mutator) ent.Mutator {
			return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
				if org, ok := m.Field("organization_id"); ok && org == bad {
					return nil, errors.New("the mail merge broke")
				}
				return next.Mutate(ctx, m)
			})
		})
		sys := authz.System(t.Context())
		r, err := env.Invoices.Run(sys)
		if err == nil || !strings.Contains(err.Error(), "the mail merge broke") || r.Invoices != 3 || r.Failed != 1 {
			t.Fatalf("run = %+v %v, want 3 invoices and the one failure", r, err)
		}
		if list, _ := env.Invoices.ForOrganization(sys, bad); len(list) != 0 {
			t.Errorf("the failing organization has %d invoices", len(list))
		}
		r, err = restarted(t, env).Invoices.Run(sys)
		if err != nil || r.Invoices != 1 || r.Skipped != 0 {
			t.Errorf("the next run = %+v %v, want the one left", r, err)
		}
	})
}

// A discount granted to the organization reduces its next invoice by a
// line of its own, computed on the undiscounted lines; one that ended
// before the billing date does not.
func TestADiscountIsOnTheInvoice(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		p := platform(t, env)
		org := customer(t, env, p, "Acme")
		other := customer(t, env, p, "Globex")
		sys := authz.System(t.Context())
		if _, err := env.Invoices.Run(sys); err != nil {
			t.Fatal(err)
		}
		if _, err := env.Contracts.GrantDiscount(sys, org, contract.Grant{Name: "Startup", BasisPoints: 1000, Reason: "Gründerprogramm"}); err != nil {
			t.Fatal(err)
		}
		ended := calendar.D(2026, time.April, 1)
		if _, err := env.Contracts.GrantDiscount(sys, other, contract.Grant{Name: "Pilot", BasisPoints: 5000, End: &ended, Reason: "Pilotphase"}); err != nil {
			t.Fatal(err)
		}
		env.Clock.Set(time.Date(2026, time.April, 14, 8, 0, 0, 0, time.UTC))
		preview, _, err := env.Invoices.Preview(sys, org, nil)
		if err != nil {
			t.Fatal(err)
		}
		if r, err := env.Invoices.Run(sys); err != nil || r.Invoices != 2 {
			t.Fatalf("run = %+v %v", r, err)
		}
		list, _ := env.Invoices.ForOrganization(sys, org)
		inv, err := env.Invoices.Get(sys, list[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		// 99 € base fee + 89 € service, less 10 % = 169.20 €.
		last := inv.Lines[len(inv.Lines)-1]
		if last.Kind != "DISCOUNT" || last.NetCents != -1880 || inv.NetCents != 16920 || inv.VATCents != 3215 {
			t.Errorf("invoice with the discount: net %d vat %d, last line %+v", inv.NetCents, inv.VATCents, last)
		}
		if preview.NetCents != inv.NetCents || len(preview.Lines) != len(inv.Lines) {
			t.Errorf("the preview said net %d in %d lines, the invoice is %d in %d", preview.NetCents, len(preview.Lines), inv.NetCents, len(inv.Lines))
		}
		list, _ = env.Invoices.ForOrganization(sys, other)
		if list[0].NetCents != 18800 {
			t.Errorf("a discount that ended reduced an invoice: net %d", list[0].NetCents)
		}
	})
}

// After days without a run, the invoices of all organizations are numbered
// in the order of their billing dates, as if the run had run each day.
func TestNumbersFollowTheBillingDatesAfterDowntime(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		p := platform(t, env)
		customer(t, env, p, "Acme") // 2026-03-14
		env.Clock.Set(time.Date(2026, time.April, 20, 9, 0, 0, 0, time.UTC))
		customer(t, env, p, "Globex")
		env.Clock.Set(time.Date(2026, time.May, 25, 8, 0, 0, 0, time.UTC))
		sys := authz.System(t.Context())
		if r, err := env.Invoices.Run(sys); err != nil || r.Invoices != 5 || r.Organizations != 2 {
			t.Fatalf("run = %+v %v", r, err)
		}
		var dates []string
		for _, b := range invoices(t, env) {
			dates = append(dates, b.date)
		}
		if want := []string{"2026-03-14", "2026-04-14", "2026-04-20", "2026-05-14", "2026-05-20"}; !slices.Equal(dates, want) {
			t.Errorf("by number, the billing dates are %v, want %v", dates, want)
		}
	})
}

// The run reads and computes each batch ahead, while the one before is
// written. Time that staff book or correct in between is billed as it
// stands when the invoice is issued, not as the run first read it.
func TestTimeBookedWhileTheRunPreparesIsBilledAsItStands(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		p := platform(t, env)
		sys := authz.System(t.Context())
		op := env.AsRole(t, "lead@example.com", authz.RoleOperator)
		a, b := customer(t, env, p, "Kunde A"), customer(t, env, p, "Kunde B")
		if _, err := env.Invoices.Run(sys); err != nil {
			t.Fatal(err)
		}
		env.Clock.Set(time.Date(2026, time.April, 13, 20, 0, 0, 0, time.UTC))
		orders := map[uuid.UUID]uuid.UUID{}
		entries := map[uuid.UUID]uuid.UUID{}
		for _, org := range []uuid.UUID{a, b} {
			ord, err := env.Orders.Create(op, org, order.Values{Title: "Migration", Kind: order.Project})
			if err != nil {
				t.Fatal(err)
			}
			e, err := env.Orders.CreateTimeEntry(op, ord.ID, order.TimeValues{Date: time.Date(2026, time.April, 2, 0, 0, 0, 0, time.UTC),
				Minutes: 150, Description: "Datenübernahme", Billable: true})
			if err != nil {
				t.Fatal(err)
			}
			orders[org], entries[org] = ord.ID, e.ID
		}
		env.Clock.Set(time.Date(2026, time.April, 14, 8, 0, 0, 0, time.UTC))
		env.Invoices.SetBatchSize(1)
		var once sync.Once
		env.Invoices.OnPrepared(func(orgs []uuid.UUID) {
			if !slices.Contains(orgs, b) {
				return
			}
			once.Do(func() {
				// B's 150 minutes become 300, and another hour is booked.
				if _, err := env.Orders.UpdateTimeEntry(op, entries[b], order.TimeValues{Minutes: 300}, []string{"minutes"}); err != nil {
					t.Error(err)
				}
				if _, err := env.Orders.CreateTimeEntry(op, orders[b], order.TimeValues{Date: time.Date(2026, time.April, 10, 0, 0, 0, 0, time.UTC),
					Minutes: 60, Description: "Schulung", Billable: true}); err != nil {
					t.Error(err)
				}
			})
		})
		r, err := env.Invoices.Run(sys)
		if err != nil || r.Invoices != 2 {
			t.Fatalf("run = %+v %v", r, err)
		}
		net := map[uuid.UUID]int64{}
		for _, inv := range invoices(t, env) {
			if inv.date == "2026-04-14" {
				net[inv.org] = inv.net
			}
		}
		// 210 minutes more at 90 € an hour.
		if got := net[b] - net[a]; got != 31500 {
			t.Errorf("B's invoice is %d cents above A's, want 31500 (A %d, B %d)", got, net[a], net[b])
		}
		if n := env.DB.Client.TimeEntry.Query().Where(timeentry.OrganizationID(b), timeentry.InvoiceTimeIsNil()).CountX(sys); n != 0 {
			t.Errorf("%d of B's time entries are not invoiced", n)
		}
	})
}

// A public authority's invoice names its Leitweg-ID, on the PDF and in the
// document the e-invoice is made from; without one no invoice is issued
// (BR-DE-15), which the organization's settings refuse and the issue
// checks again, for a row written before them.
func TestAPublicAuthorityIsInvoicedWithItsLeitwegID(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		org := customer(t, env, platform(t, env), "Stadtwerke Musterhausen")
		sys := authz.System(t.Context())
		line := []invoice.ManualLine{{Description: "Schulung", Quantity: 1, Unit: "C62", UnitPriceCents: 50000}}

		if err := env.DB.Client.Organization.UpdateOneID(org).SetPublicSector(true).Exec(sys); err != nil {
			t.Fatal(err)
		}
		_, err := env.Invoices.Manual(sys, org, line, nil, nil, "Schulung", false)
		if !errors.Is(err, apierr.ErrFailedPrecondition) || !strings.HasPrefix(err.Error(), "BR-DE-15: the buyer reference is missing") {
			t.Fatalf("a public authority without a Leitweg-ID: %v", err)
		}
		if list, _ := env.Invoices.ForOrganization(sys, org); len(list) != 0 {
			t.Fatalf("%d invoices issued", len(list))
		}

		if _, err := env.Orgs.Update(sys, org, organization.Values{EInvoice: organization.EInvoice{Format: organization.EInvoiceXRechnungCII,
			BuyerReference: "991-33333TEST-33", ElectronicAddress: "e-rechnung@stadtwerke.example", PublicSector: true}},
			[]string{"e_invoice"}, "Behörde"); err != nil {
			t.Fatal(err)
		}
		inv, err := env.Invoices.Manual(sys, org, line, nil, nil, "Schulung", false)
		if err != nil {
			t.Fatal(err)
		}
		doc := env.Invoices.DocumentOf(t, inv.ID)
		if c := doc.Customer; c.Reference != "991-33333TEST-33" || !c.PublicSector || c.ElectronicAddress != "e-rechnung@stadtwerke.example" {
			t.Errorf("the document's buyer: %+v", c)
		}
		if text, _ := pdfText(t, env, inv.ID); !strings.Contains(text, "Leitweg-ID 991-33333TEST-33") {
			t.Errorf("the PDF does not name the Leitweg-ID:\n%s", text)
		}
	})
}

// pdfText is the text of an invoice's PDF as pdftotext reads it, every run
// of white space one space.
func pdfText(t *testing.T, env *apptest.Env, id uuid.UUID) (string, *invoice.Invoice) {
	t.Helper()
	f, inv, err := env.Invoices.PDF(authz.System(t.Context()), id)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cmd := exec.Command("pdftotext", "-layout", "-", "-")
	cmd.Stdin = f
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(string(out)), " "), inv
}

// The forecasts of many organizations are each one's preview: the next
// invoice not billed yet, on the plan it will be billed on.
func TestForecastsAreThePreviews(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		p := platform(t, env)
		sys := authz.System(t.Context())
		a, b := customer(t, env, p, "Acme"), customer(t, env, p, "Globex")
		if _, err := env.Invoices.Run(sys); err != nil {
			t.Fatal(err)
		}
		if _, err := env.Contracts.GrantDiscount(sys, b, contract.Grant{Name: "Treue", BasisPoints: 500, Reason: "Treuerabatt"}); err != nil {
			t.Fatal(err)
		}
		pending := env.Org(t, "Ohne Vertrag").ID
		got, err := env.Invoices.Forecasts(sys, []uuid.UUID{a, b, pending})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 {
			t.Fatalf("forecasts = %+v, want two", got)
		}
		for _, org := range []uuid.UUID{a, b} {
			want, date, err := env.Invoices.Preview(sys, org, nil)
			if err != nil {
				t.Fatal(err)
			}
			if f := got[org]; f.BillingDate != date || f.GrossCents != want.GrossCents || f.NetCents != want.NetCents {
				t.Errorf("forecast %+v, preview %s %d/%d", f, date, want.NetCents, want.GrossCents)
			}
		}
	})
}

// Two resellers issue invoices at the same time, some of them rolled
// back: each numbers its own under its own prefix, without gaps, and
// neither takes a number of the other's range.
func TestNumbersOfTwoEntitiesIssuedConcurrentlyStayGaplessEach(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d testdb.Dialect) {
		t.Parallel()
		env := apptest.New(t, d)
		sys := authz.System(t.Context())
		type issuer struct {
			prefix string
			org    *ent.Organization
			set    settings.Settings
		}
		var issuers []issuer
		for _, p := range []string{"PA-", "PB-"} {
			be, owner := env.ResellerOwner(t, "Partner "+p, "owner@"+strings.ToLower(strings.TrimSuffix(p, "-"))+".example")
			set := demo.PlatformSettings
			set.Invoice.NumberPrefix = p
			if _, _, err := env.Settings.Update(tenancy.OnBehalfOf(sys, be), set, []string{"company", "tax", "bank", "invoice"}, "fixture"); err != nil {
				t.Fatal(err)
			}
			o, err := env.Orgs.Create(env.As(t, owner), organization.Values{Name: "Kunde " + p, Address: organization.Address{
				Line1: "Hafenstraße 12", PostalCode: "20457", City: "Hamburg", CountryCode: "DE"}}, uuid.Nil, "fixture")
			if err != nil {
				t.Fatal(err)
			}
			row, err := env.DB.Client.Organization.Get(sys, o.ID)
			if err != nil {
				t.Fatal(err)
			}
			stored, err := env.Settings.Of(sys, be)
			if err != nil {
				t.Fatal(err)
			}
			issuers = append(issuers, issuer{prefix: p, org: row, set: stored})
		}
		errBoom := errors.New("failed after numbering")
		var wg sync.WaitGroup
		for i := range 60 {
			is := issuers[i%2]
			wg.Go(func() {
				err := env.Audit.Change(sys, func(tx *ent.Tx, log *audit.Log) error {
					if _, err := env.Invoices.IssueOne(sys, tx, log, is.org, is.set, calendar.D(2027, time.January, 4)); err != nil {
						return err
					}
					if i%7 == 3 {
						return errBoom
					}
					return nil
				})
				if (i%7 == 3) != errors.Is(err, errBoom) {
					t.Errorf("change %d: %v", i, err)
				}
			})
		}
		wg.Wait()
		for _, is := range issuers {
			rows, err := env.DB.Client.Invoice.Query().Where(entinvoice.OrganizationID(is.org.ID), entinvoice.Year(2027)).
				Order(entinvoice.BySequence()).All(sys)
			if err != nil || len(rows) == 0 {
				t.Fatalf("invoices of %s: %d, %v", is.prefix, len(rows), err)
			}
			for i, r := range rows {
				if r.Sequence != i+1 || r.Number != fmt.Sprintf("%s2027-%06d", is.prefix, i+1) {
					t.Errorf("invoice %d of %s is %s (sequence %d)", i+1, is.prefix, r.Number, r.Sequence)
				}
			}
		}
	})
}
