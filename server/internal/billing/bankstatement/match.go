package bankstatement

import (
	"fmt"
	"slices"
	"strings"

	"github.com/leitstand/leitstand/server/internal/billing/cents"
)

// OpenInvoice is an invoice that still waits for (some of) its money.
type OpenInvoice struct {
	ID             string
	Number         string // as issued: "RE-2026-000123"
	OrganizationID string
	Currency       string // ISO 4217
	OpenCents      int64  // the gross amount minus what is paid already
}

// Kind is what Match makes of an entry.
type Kind string

// The kinds of result.
const (
	// Exact: the entry names one open invoice and pays what is open of it,
	// in its currency. The invoice can be marked paid.
	Exact Kind = "EXACT"
	// Partial: the entry names one open invoice, in its currency, but pays
	// less than is open (a part payment) or more (an overpayment; Why says
	// which and by how much).
	Partial Kind = "PARTIAL"
	// Ambiguous: the entry names open invoices but cannot be booked to
	// one on its own: it names several, or it is in another currency than
	// the invoice it names. Candidates lists them; staff decide.
	Ambiguous Kind = "AMBIGUOUS"
	// Unknown: the entry names no open invoice. Staff assign it by hand.
	Unknown Kind = "UNKNOWN"
	// Ignored: not a payment of an invoice: money paid out, or a reversal
	// of an earlier booking.
	Ignored Kind = "IGNORED"
)

// Result is Match's proposal for one entry.
type Result struct {
	Entry      Entry
	Kind       Kind
	Invoice    *OpenInvoice  // the invoice paid, for Exact and Partial
	Candidates []OpenInvoice // the invoices named, for Ambiguous
	Why        string        // the reason, in words for staff
}

// Match proposes for each entry, in order, the open invoice it pays. An
// entry pays an invoice only if its remittance or end-to-end reference
// names the invoice's number. An amount alone never matches: many
// customers owe the same 119,00 €, and matching by amount would book one
// customer's money to another.
//
// Numbers are recognised as customers write them: in any case, with
// spaces, hyphens, slashes or nothing between the parts ("RE 2026 000123",
// "RE2026000123"), with leading zeros dropped after the prefix
// ("re-2026-123"), without the prefix when the six-digit sequence is
// written in full ("Rechnung 2026-000123"), broken where the bank joined
// two remittance lines ("RE-2026- 000123", "RE-2026-000 123"), and inside
// a structured creditor reference ("RF73RE2026000123"). Dates, months,
// IBANs and numbers with another company's prefix ("RG-2026-000123") are
// not taken for invoice numbers: the year must be 2000–2099 and must not
// continue a run of digits, and the sequence must not be followed by
// another group of digits ("2026-03-14").
//
// What the earlier entries pay is taken off the invoices' open amounts, so
// an invoice paid twice in one statement is Exact once and an overpayment
// the second time, and two part payments that add up make the second Exact.
// open itself is not changed. Debits and reversals are Ignored.
//
// The prefixes of invoice numbers are learned from the open invoices'
// numbers (what precedes the year, without punctuation), so whatever
// prefix the settings hold, and an older one of invoices still open, are
// recognised. An invoice whose number is not <prefix><year>-<sequence>
// can never be named.
func Match(entries []Entry, open []OpenInvoice) []Result {
	m := newMatcher(open)
	out := make([]Result, 0, len(entries))
	for _, e := range entries {
		out = append(out, m.match(e))
	}
	return out
}

type matcher struct {
	invoices []OpenInvoice
	refs     []invoiceRef     // refs[i] is the number of invoices[i]
	byNumber map[[2]int][]int // year and sequence → indexes into invoices
	prefixes []string         // longest first, so "REX" is tried before "RE"
	open     map[string]int64
	paidBy   map[string][]string // refs of the entries of this statement that paid an invoice
}

func newMatcher(open []OpenInvoice) *matcher {
	m := &matcher{byNumber: make(map[[2]int][]int), open: make(map[string]int64), paidBy: make(map[string][]string)}
	seen := make(map[string]bool)
	for _, inv := range open {
		r, ok := parseNumber(inv.Number)
		if !ok || seen[inv.ID] {
			continue
		}
		seen[inv.ID] = true
		key := [2]int{r.year, r.seq}
		m.byNumber[key] = append(m.byNumber[key], len(m.invoices))
		m.invoices = append(m.invoices, inv)
		m.refs = append(m.refs, r)
		m.open[inv.ID] = inv.OpenCents
		if r.prefix != "" && !slices.Contains(m.prefixes, r.prefix) {
			m.prefixes = append(m.prefixes, r.prefix)
		}
	}
	slices.SortFunc(m.prefixes, func(a, b string) int { return len(b) - len(a) })
	return m
}

func (m *matcher) match(e Entry) Result {
	res := Result{Entry: e}
	switch {
	case e.Reversal:
		res.Kind, res.Why = Ignored, "a reversal: the bank takes back an earlier booking; check it by hand"
		return res
	case e.AmountCents < 0:
		res.Kind, res.Why = Ignored, "a debit: money paid out, not a payment of an invoice"
		return res
	case e.AmountCents == 0:
		res.Kind, res.Why = Ignored, "no amount"
		return res
	}

	named, notOpen := m.named(e)
	notOpenWords := strings.Join(notOpen, ", ") + ", which is not open"
	if len(notOpen) > 1 {
		notOpenWords = strings.Join(notOpen, ", ") + ", which are not open"
	}
	also := ""
	if len(notOpen) > 0 {
		also = "; also names " + notOpenWords
	}
	switch len(named) {
	case 0:
		res.Kind = Unknown
		if len(notOpen) > 0 {
			res.Why = "names " + notOpenWords + " (paid already, cancelled or not an invoice of ours); assign by hand"
		} else {
			res.Why = "names no open invoice; an amount alone is not matched; assign by hand"
		}
		return res
	case 1:
	default:
		res.Kind, res.Candidates = Ambiguous, named
		numbers := make([]string, len(named))
		for i, inv := range named {
			numbers[i] = inv.Number
		}
		res.Why = fmt.Sprintf("names %d open invoices, %s; assign by hand%s", len(named), strings.Join(numbers, ", "), also)
		return res
	}

	inv := named[0]
	if !strings.EqualFold(e.Currency, inv.Currency) {
		res.Kind, res.Candidates = Ambiguous, named
		res.Why = fmt.Sprintf("names %s, but pays in currency %s and the invoice is in %s; assign by hand%s", inv.Number, e.Currency, inv.Currency, also)
		return res
	}
	res.Invoice = &inv
	open := m.open[inv.ID]
	openWords := cents.Format(open, inv.Currency) + " open"
	switch earlier := m.paidBy[inv.ID]; len(earlier) {
	case 0:
	case 1:
		openWords += " after the earlier entry " + earlier[0] + " of this statement"
	default:
		openWords += " after the earlier entries " + strings.Join(earlier, ", ") + " of this statement"
	}
	paid := cents.Format(e.AmountCents, e.Currency)
	switch {
	case e.AmountCents == open:
		res.Kind = Exact
		res.Why = fmt.Sprintf("names %s and pays the %s%s", inv.Number, openWords, also)
	case e.AmountCents < open:
		res.Kind = Partial
		res.Why = fmt.Sprintf("part payment: names %s and pays %s of %s; %s remain open%s",
			inv.Number, paid, openWords, cents.Format(open-e.AmountCents, inv.Currency), also)
	default:
		res.Kind = Partial
		res.Why = fmt.Sprintf("overpayment: names %s and pays %s, %s; %s too much%s",
			inv.Number, paid, openWords, cents.Format(e.AmountCents-max(open, 0), inv.Currency), also)
	}
	m.open[inv.ID] = open - e.AmountCents
	m.paidBy[inv.ID] = append(m.paidBy[inv.ID], e.Ref)
	return res
}

// named returns the open invoices e names, in the order of the open list,
// and the numbers it names that are not open.
func (m *matcher) named(e Entry) ([]OpenInvoice, []string) {
	hit := make([]bool, len(m.invoices))
	var notOpen []string
	for _, text := range []string{e.Remittance, e.EndToEndID} {
		for _, f := range findNumbers(text, m.prefixes) {
			matched := false
			for _, i := range m.byNumber[[2]int{f.ref.year, f.ref.seq}] {
				if f.ref.prefix == "" || f.ref.prefix == m.refs[i].prefix {
					hit[i], matched = true, true
				}
			}
			if !matched && !f.glued && !slices.Contains(notOpen, f.ref.String()) {
				notOpen = append(notOpen, f.ref.String())
			}
		}
	}
	var named []OpenInvoice
	for i, h := range hit {
		if h {
			named = append(named, m.invoices[i])
		}
	}
	return named, notOpen
}
