package bankstatement

import (
	"slices"
	"strings"
	"testing"
)

// openInvoices are what the operator waits for. Two customers owe the
// same 119,00 €, as they do every month.
var openInvoices = []OpenInvoice{
	{ID: "inv-123", Number: "RE-2026-000123", OrganizationID: "org-a", Currency: "EUR", OpenCents: 11900},
	{ID: "inv-124", Number: "RE-2026-000124", OrganizationID: "org-b", Currency: "EUR", OpenCents: 11900},
	{ID: "inv-3", Number: "RE-2026-000003", OrganizationID: "org-c", Currency: "EUR", OpenCents: 5000},
	{ID: "inv-14", Number: "RE-2026-000014", OrganizationID: "org-c", Currency: "EUR", OpenCents: 1400},
	{ID: "inv-2025", Number: "RE-2025-000123", OrganizationID: "org-a", Currency: "EUR", OpenCents: 11900},
	{ID: "inv-chf", Number: "RE-2026-000140", OrganizationID: "org-d", Currency: "CHF", OpenCents: 10000},
}

func credit(remittance string, amount int64) Entry {
	return Entry{Ref: "B-" + remittance, AmountCents: amount, Currency: "EUR", Remittance: remittance}
}

type want struct {
	kind       Kind
	invoice    string   // ID, for Exact and Partial
	candidates []string // IDs, for Ambiguous
	why        []string // parts of Why
}

func checkResults(t *testing.T, got []Result, wants []want) {
	t.Helper()
	if len(got) != len(wants) {
		t.Fatalf("%d results, want %d", len(got), len(wants))
	}
	for i, w := range wants {
		r := got[i]
		id := ""
		if r.Invoice != nil {
			id = r.Invoice.ID
		}
		var cands []string
		for _, c := range r.Candidates {
			cands = append(cands, c.ID)
		}
		if r.Kind != w.kind || id != w.invoice || !slices.Equal(cands, w.candidates) {
			t.Errorf("entry %d (%q, %d): %s invoice %q candidates %v (%s), want %s invoice %q candidates %v",
				i+1, r.Entry.Remittance, r.Entry.AmountCents, r.Kind, id, cands, r.Why, w.kind, w.invoice, w.candidates)
		}
		for _, part := range w.why {
			if !strings.Contains(r.Why, part) {
				t.Errorf("entry %d: why %q does not say %q", i+1, r.Why, part)
			}
		}
	}
}

func TestMatch(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		entry Entry
		want  want
	}{
		{"exact", credit("RE-2026-000123 Hosting März", 11900),
			want{Exact, "inv-123", nil, []string{"RE-2026-000123", "119,00 €"}}},
		{"part payment", credit("RE-2026-000123 Teilzahlung", 5000),
			want{Partial, "inv-123", nil, []string{"part payment", "50,00 €", "119,00 €", "69,00 € remain"}}},
		{"overpayment", credit("RE-2026-000123", 15000),
			want{Partial, "inv-123", nil, []string{"overpayment", "150,00 €", "31,00 € too much"}}},
		{"two invoices named, paid together", credit("RE-2026-000123 und RE-2026-000124", 23800),
			want{Ambiguous, "", []string{"inv-123", "inv-124"}, []string{"2 open invoices", "RE-2026-000123, RE-2026-000124"}}},
		{"two invoices named, one's amount", credit("RE-2026-000123, RE-2026-000124", 11900),
			want{Ambiguous, "", []string{"inv-123", "inv-124"}, nil}},
		{"no number", credit("Hosting März Kundennr. 4711", 11900),
			want{Unknown, "", nil, []string{"names no open invoice"}}},
		// 119,00 € is open on two invoices of two customers: the amount
		// alone must not decide.
		{"only an amount equal to open invoices", credit("119,00 EUR", 11900),
			want{Unknown, "", nil, []string{"amount alone"}}},
		{"only an amount equal to one open invoice", credit("Zahlung 50,00", 5000),
			want{Unknown, "", nil, nil}},
		{"a number that is not open", credit("RE-2026-000099", 11900),
			want{Unknown, "", nil, []string{"RE-2026-000099", "not open"}}},
		{"one open and one not", credit("RE-2026-000099 RE-2026-000123", 11900),
			want{Exact, "inv-123", nil, []string{"also names RE-2026-000099"}}},
		{"the end-to-end reference names it", Entry{Ref: "E", AmountCents: 11900, Currency: "EUR", EndToEndID: "RE-2026-000123"},
			want{Exact, "inv-123", nil, nil}},
		{"the year tells 2025 from 2026", credit("RE-2025-000123", 11900),
			want{Exact, "inv-2025", nil, nil}},

		{"a date is not an invoice number", credit("Zahlung vom 2026-03-14", 5000), want{Unknown, "", nil, nil}},
		{"a date with the prefix", credit("RE 2026-03-14", 5000), want{Unknown, "", nil, nil}},
		{"a German date", credit("Überweisung 14.03.2026 3", 5000), want{Unknown, "", nil, nil}},
		{"a month", credit("Abrechnung 2026-03", 5000), want{Unknown, "", nil, nil}},
		{"a month with a slash", credit("Hosting 2026/03", 5000), want{Unknown, "", nil, nil}},
		{"an IBAN in groups", credit("von DE91 2026 0000 0000 0001 23", 11900), want{Unknown, "", nil, nil}},
		{"an IBAN in one", credit("von DE91202600000000000123", 11900), want{Unknown, "", nil, nil}},
		{"inside a longer number", credit("Kundennummer 12026-000123", 11900), want{Unknown, "", nil, nil}},
		{"a longer sequence", credit("RE-2026-0001234", 11900), want{Unknown, "", nil, nil}},
		{"a year out of range", credit("RE-1999-000123", 11900), want{Unknown, "", nil, nil}},
		{"another company's prefix", credit("RG-2026-000123", 11900), want{Unknown, "", nil, nil}},
		{"an end-to-end id of digits", Entry{Ref: "E", AmountCents: 11900, Currency: "EUR", EndToEndID: "E2E20260000123"}, want{Unknown, "", nil, nil}},

		{"debit", Entry{Ref: "D", AmountCents: -11900, Currency: "EUR", Remittance: "RE-2026-000123"},
			want{Ignored, "", nil, []string{"debit"}}},
		{"reversal", Entry{Ref: "R", AmountCents: 11900, Currency: "EUR", Remittance: "RE-2026-000123", Reversal: true},
			want{Ignored, "", nil, []string{"reversal"}}},
		{"another currency", Entry{Ref: "C", AmountCents: 11900, Currency: "CHF", Remittance: "RE-2026-000123"},
			want{Ambiguous, "", []string{"inv-123"}, []string{"currency", "CHF", "EUR"}}},
		{"a CHF invoice paid in CHF", Entry{Ref: "C", AmountCents: 10000, Currency: "CHF", Remittance: "RE-2026-000140"},
			want{Exact, "inv-chf", nil, []string{"100,00 CHF"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			checkResults(t, Match([]Entry{tt.entry}, openInvoices), []want{tt.want})
		})
	}
}

// Customers write invoice numbers as they please, and banks break
// remittance lines where they like; each of these names RE-2026-000123.
func TestMatchSloppySpellings(t *testing.T) {
	t.Parallel()
	for _, remittance := range []string{
		"RE-2026-000123",
		"re-2026-000123",
		"RE 2026 000123",
		"RE2026000123",
		"re-2026-123",
		"RE 2026 123 Hosting",
		"Rechnung 2026-000123",
		"Rechnung: 2026/000123",
		"Rechnungsnr.2026-000123",
		"Re: 2026-000123",
		"RE_2026_000123",
		"Rechnung Nr. RE-2026-000123, Kunde 4711",
		"(RE-2026-000123)",
		"Rechnung RE-2026- 000123 vom 14.03.2026",        // broken after the year
		"Rechnung RE- 2026-000123",                       // broken after the prefix
		"Rechnung RE-2026-000 123 Hosting",               // broken inside the sequence
		"Rechnung 2026-0001 23",                          // the same without the prefix
		"Zahlung für Rechnung RF73RE2026000123",          // a structured creditor reference
		"Rechnung RE-2026-000123 Betrag 119,00 EUR",      // an amount after the number
		"Kunde 4711 RE-2026-000123 vom 2026-03-14",       // a date after the number
		"SVWZ+RE-2026-000123 EREF+NOTPROVIDED",           // SEPA field tags left in by the bank
		"RE-2026-000123/Hosting",                         // a slash, then a word
		"Rechnung RE-2026-000123 DE89370400440532013000", // the payer's IBAN after it
	} {
		t.Run(remittance, func(t *testing.T) {
			t.Parallel()
			checkResults(t, Match([]Entry{credit(remittance, 11900)}, openInvoices), []want{{Exact, "inv-123", nil, nil}})
		})
	}
}

// A sequence broken across lines may also be two numbers; both readings
// are kept, and only the open invoices they name count.
func TestMatchBrokenSequenceIsReadBothWays(t *testing.T) {
	t.Parallel()
	open := []OpenInvoice{
		{ID: "inv-12", Number: "RE-2026-000012", Currency: "EUR", OpenCents: 11900},
		{ID: "inv-123456", Number: "RE-2026-123456", Currency: "EUR", OpenCents: 11900},
	}
	checkResults(t, Match([]Entry{credit("RE-2026-12 3456", 11900)}, open),
		[]want{{Ambiguous, "", []string{"inv-12", "inv-123456"}, nil}})
	checkResults(t, Match([]Entry{credit("RE-2026-12 3456", 11900)}, open[:1]),
		[]want{{Exact, "inv-12", nil, nil}})
	checkResults(t, Match([]Entry{credit("RE-2026-12 3456", 11900)}, open[1:]),
		[]want{{Exact, "inv-123456", nil, nil}})
}

// Within one statement an invoice is paid once: what earlier entries paid
// is taken off, in the order of the statement.
func TestMatchWithinOneStatement(t *testing.T) {
	t.Parallel()
	t.Run("paid twice", func(t *testing.T) {
		t.Parallel()
		entries := []Entry{credit("RE-2026-000123", 11900), credit("RE-2026-000123 ", 11900)}
		entries[1].Ref = "B-2"
		checkResults(t, Match(entries, openInvoices), []want{
			{Exact, "inv-123", nil, nil},
			{Partial, "inv-123", nil, []string{"overpayment", "0,00 € open after the earlier entry B-RE-2026-000123", "119,00 € too much"}},
		})
	})
	t.Run("two part payments", func(t *testing.T) {
		t.Parallel()
		entries := []Entry{credit("RE-2026-000123 1. Rate", 5000), credit("RE-2026-000123 2. Rate", 6900)}
		checkResults(t, Match(entries, openInvoices), []want{
			{Partial, "inv-123", nil, []string{"69,00 € remain"}},
			{Exact, "inv-123", nil, []string{"69,00 € open after the earlier entry"}},
		})
	})
	t.Run("the caller's list is not changed", func(t *testing.T) {
		t.Parallel()
		open := slices.Clone(openInvoices)
		Match([]Entry{credit("RE-2026-000123", 11900)}, open)
		if open[0].OpenCents != 11900 {
			t.Errorf("OpenCents = %d after Match", open[0].OpenCents)
		}
		if r := Match([]Entry{credit("RE-2026-000123", 11900)}, open); r[0].Kind != Exact {
			t.Errorf("a second Match (another statement) = %s, want Exact", r[0].Kind)
		}
	})
}

// The prefixes are learned from the open invoices' numbers: another prefix
// than RE- works, an old one of invoices still open too, and a number with
// a prefix names only the invoice of that prefix.
func TestMatchPrefixes(t *testing.T) {
	t.Parallel()
	open := []OpenInvoice{
		{ID: "ls", Number: "LS-2026-000007", Currency: "EUR", OpenCents: 1000},
		{ID: "inv", Number: "INV2026-000008", Currency: "EUR", OpenCents: 1000}, // a prefix without hyphen
		{ID: "re-dup", Number: "RE-2026-000009", Currency: "EUR", OpenCents: 1000},
		{ID: "ab-dup", Number: "AB-2026-000009", Currency: "EUR", OpenCents: 1000}, // a second issuer's series
		{ID: "broken", Number: "Rechnung neun", Currency: "EUR", OpenCents: 1000},
	}
	tests := []struct {
		remittance string
		want       want
	}{
		{"LS 2026 7", want{Exact, "ls", nil, nil}},
		{"ls2026000007", want{Exact, "ls", nil, nil}},
		{"inv-2026-8", want{Exact, "inv", nil, nil}},
		{"RE-2026-000007", want{Unknown, "", nil, []string{"RE-2026-000007", "not open"}}},
		{"RE-2026-000009", want{Exact, "re-dup", nil, nil}},
		{"AB 2026 9", want{Exact, "ab-dup", nil, nil}},
		{"Rechnung 2026-000009", want{Ambiguous, "", []string{"re-dup", "ab-dup"}, nil}},
		{"Rechnung neun", want{Unknown, "", nil, nil}},
	}
	for _, tt := range tests {
		t.Run(tt.remittance, func(t *testing.T) {
			t.Parallel()
			checkResults(t, Match([]Entry{credit(tt.remittance, 1000)}, open), []want{tt.want})
		})
	}
}

// From the bank's file to the proposals staff confirm.
func TestImportedStatementProposesPayments(t *testing.T) {
	t.Parallel()
	st := parseFixture(t, "camt053.001.02.xml")
	open := []OpenInvoice{
		{ID: "a", Number: "RE-2026-000123", Currency: "EUR", OpenCents: 11900},
		{ID: "b", Number: "RE-2026-000124", Currency: "EUR", OpenCents: 11900},
		{ID: "c", Number: "RE-2026-000125", Currency: "EUR", OpenCents: 11900},
		{ID: "d", Number: "RE-2026-000126", Currency: "EUR", OpenCents: 17850},
		{ID: "e", Number: "RE-2026-000127", Currency: "EUR", OpenCents: 123450},
		{ID: "f", Number: "RE-2026-000101", Currency: "EUR", OpenCents: 11900},
	}
	checkResults(t, Match(st.Entries, open), []want{
		{Exact, "a", nil, nil},                          // transfer
		{Ignored, "", nil, []string{"debit"}},           // electricity
		{Exact, "b", nil, nil},                          // batch 1
		{Partial, "c", nil, []string{"59,50 € remain"}}, // batch 2, a direct debit of part of it
		{Exact, "d", nil, nil},                          // batch 3
		{Ignored, "", nil, []string{"reversal"}},        // returned direct debit
		{Exact, "e", nil, nil},                          // number broken across remittance lines
	})

	st = parseFixture(t, "camt053.001.08.xml")
	open = []OpenInvoice{
		{ID: "s", Number: "RE-2026-000130", Currency: "EUR", OpenCents: 23800},
		{ID: "t", Number: "RE-2026-000128", Currency: "EUR", OpenCents: 10000},
		{ID: "u", Number: "RE-2026-000129", Currency: "EUR", OpenCents: 5000},
		{ID: "v", Number: "RE-2026-000131", Currency: "EUR", OpenCents: 11900},
	}
	checkResults(t, Match(st.Entries, open), []want{
		{Exact, "s", nil, nil},                   // structured creditor reference
		{Exact, "t", nil, nil},                   // "re 2026 128"
		{Exact, "u", nil, nil},                   // "RE2026000129"
		{Ignored, "", nil, []string{"debit"}},    // the bank's fee
		{Ignored, "", nil, []string{"reversal"}}, // a returned transfer is money in, but no payment
		{Exact, "v", nil, nil},
	})
}
