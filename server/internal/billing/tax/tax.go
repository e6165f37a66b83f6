// Package tax computes the VAT of an invoice as EN 16931 wants it: the
// lines' nets are grouped by VAT category and rate, and the VAT of each
// group is computed once on the group's net (BR-CO-17), not per line. It
// is pure arithmetic on cents, like the charges it taxes.
package tax

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/leitstand/leitstand/server/internal/billing/cents"
	"github.com/leitstand/leitstand/server/internal/platform/vatid"
)

// Scheme is how an invoice is taxed.
type Scheme int

const (
	// Standard charges the issuer's VAT rate (category S).
	Standard Scheme = iota + 1
	// SmallBusiness is the Kleinunternehmer rule (§ 19 UStG): the issuer
	// charges no VAT (category E) and says so on the invoice.
	SmallBusiness
	// ReverseCharge is a service to a business in another EU member
	// state: the customer owes the VAT (category AE, 0 %), and the invoice
	// shows the customer's VAT ID.
	ReverseCharge
	// OutsideScope is a charge that is no supply at all, such as a
	// dunning fee (damages for late payment, Abschn. 1.3 (6) UStAE): no
	// VAT (category O), and the invoice says why.
	OutsideScope
)

// Category is the VAT category code of EN 16931 (UNTDID 5305).
type Category string

const (
	CategoryStandard      Category = "S"
	CategoryExempt        Category = "E"
	CategoryReverseCharge Category = "AE"
	CategoryOutsideScope  Category = "O"
)

// The notes an invoice of each scheme must carry.
const (
	NoteSmallBusiness = "Gemäß § 19 UStG wird keine Umsatzsteuer berechnet."
	NoteReverseCharge = "Steuerschuldnerschaft des Leistungsempfängers"
	// NoteDunningFee is the reason of a dunning fee's OutsideScope.
	NoteDunningFee = "Mahngebühren sind pauschalierter Schadensersatz und nicht umsatzsteuerbar."
)

// Mode is the scheme of one invoice with what it needs.
type Mode struct {
	Scheme Scheme
	// RateBasisPoints is the VAT rate of Standard (1900 is 19 %); 0 for
	// the other schemes.
	RateBasisPoints int
	// CustomerVATID is the customer's VAT ID, which a ReverseCharge
	// invoice must show.
	CustomerVATID string
	// Reason says why an OutsideScope charge carries no VAT; the invoice
	// prints it.
	Reason string
}

// Issuer is what decides the mode on the issuer's side: the billing
// entity's tax settings.
type Issuer struct {
	SmallBusiness   bool
	RateBasisPoints int
	// Country is the ISO 3166 code of the issuer's seat (DE).
	Country string
}

// Customer is what decides the mode on the customer's side.
type Customer struct {
	// Country is the ISO 3166 code of the billing address.
	Country string
	// VATID is the customer's VAT ID; a customer with one is a business.
	VATID string
}

// euMembers are the member states of the EU by their ISO 3166 code (Greece
// is GR here, EL only in VAT IDs). The one list; a test counts it.
var euMembers = map[string]bool{
	"AT": true, "BE": true, "BG": true, "CY": true, "CZ": true, "DE": true, "DK": true,
	"EE": true, "ES": true, "FI": true, "FR": true, "GR": true, "HR": true, "HU": true,
	"IE": true, "IT": true, "LT": true, "LU": true, "LV": true, "MT": true, "NL": true,
	"PL": true, "PT": true, "RO": true, "SE": true, "SI": true, "SK": true,
}

// InEU reports whether country (ISO 3166, or EL for Greece) is an EU member
// state.
func InEU(country string) bool { return euMembers[normCountry(country)] }

func normCountry(c string) string {
	c = strings.ToUpper(strings.TrimSpace(c))
	if c == "EL" {
		return "GR"
	}
	return c
}

// ModeFor decides how an invoice from issuer to customer is taxed:
//   - a small business issuer charges no VAT, whoever the customer is;
//   - a business (one with a VAT ID) in another EU member state than the
//     issuer's gets a reverse-charge invoice;
//   - everyone else pays the standard rate.
//
// Customers outside the EU are charged the standard rate as well: the
// place-of-supply rule of § 3a UStG, under which a service to a business
// abroad may not be taxable in Germany, is not modelled.
func ModeFor(issuer Issuer, customer Customer) Mode {
	if issuer.SmallBusiness {
		return Mode{Scheme: SmallBusiness}
	}
	id := vatid.Normalize(customer.VATID)
	country := normCountry(customer.Country)
	if id != "" && InEU(country) && country != normCountry(issuer.Country) {
		return Mode{Scheme: ReverseCharge, CustomerVATID: id}
	}
	return Mode{Scheme: Standard, RateBasisPoints: issuer.RateBasisPoints}
}

// Line is what tax needs of an invoice line: its net, already rounded to
// the cent, and its VAT rate.
type Line struct {
	NetCents int64
	// RateBasisPoints is the line's rate under Standard. Under
	// SmallBusiness and ReverseCharge every line is at 0 %, whatever it
	// carries: the mode decides.
	RateBasisPoints int
}

// Group is one VAT breakdown of the invoice (EN 16931 BG-23).
type Group struct {
	RateBasisPoints int
	Category        Category
	NetCents        int64
	VATCents        int64
	// ExemptionReason is the text EN 16931 requires for categories E and
	// AE (BT-120); empty for S.
	ExemptionReason string
}

// Summary is the tax of an invoice: its breakdowns, totals and the notes
// it must carry.
type Summary struct {
	Groups     []Group
	NetCents   int64
	VATCents   int64
	GrossCents int64
	Notes      []string
}

// Totals sums the lines per rate and computes each group's VAT once on the
// group's net, rounded half up (half away from zero for a negative net, so
// that a cancellation invoice, which negates every line, is the exact
// negative of the invoice it cancels). Ten lines of 1.20 € at 19 % have
// VAT 2.28 €, not ten times 0.23 €. An invoice without lines has one group
// of 0 at its mode's rate, as EN 16931 wants one breakdown at least.
func Totals(lines []Line, m Mode) (Summary, error) {
	var s Summary
	switch m.Scheme {
	case Standard:
		byRate := map[int]int64{}
		for i, l := range lines {
			if l.RateBasisPoints <= 0 || l.RateBasisPoints > 10000 {
				return Summary{}, fmt.Errorf("line %d: a standard rate between 0 and 100 %%, not %s", i+1, cents.Percent(l.RateBasisPoints))
			}
			byRate[l.RateBasisPoints] += l.NetCents
		}
		if len(lines) == 0 {
			if m.RateBasisPoints <= 0 || m.RateBasisPoints > 10000 {
				return Summary{}, fmt.Errorf("a standard rate between 0 and 100 %%, not %s", cents.Percent(m.RateBasisPoints))
			}
			byRate[m.RateBasisPoints] = 0
		}
		for _, rate := range slices.Sorted(maps.Keys(byRate)) {
			vat, err := cents.MulDiv(byRate[rate], int64(rate), 10000)
			if err != nil {
				return Summary{}, err
			}
			s.Groups = append(s.Groups, Group{RateBasisPoints: rate, Category: CategoryStandard, NetCents: byRate[rate], VATCents: vat})
		}
	case SmallBusiness:
		s.Groups = []Group{{Category: CategoryExempt, NetCents: sum(lines), ExemptionReason: NoteSmallBusiness}}
		s.Notes = []string{NoteSmallBusiness}
	case ReverseCharge:
		if m.CustomerVATID == "" {
			return Summary{}, fmt.Errorf("a reverse-charge invoice must show the customer's VAT ID")
		}
		s.Groups = []Group{{Category: CategoryReverseCharge, NetCents: sum(lines), ExemptionReason: NoteReverseCharge}}
		s.Notes = []string{NoteReverseCharge, "USt-IdNr. des Leistungsempfängers: " + m.CustomerVATID}
	case OutsideScope:
		if m.Reason == "" {
			return Summary{}, fmt.Errorf("a charge outside the scope of VAT says why")
		}
		s.Groups = []Group{{Category: CategoryOutsideScope, NetCents: sum(lines), ExemptionReason: m.Reason}}
		s.Notes = []string{m.Reason}
	default:
		return Summary{}, fmt.Errorf("no tax scheme %d", m.Scheme)
	}
	for _, g := range s.Groups {
		s.NetCents += g.NetCents
		s.VATCents += g.VATCents
	}
	s.GrossCents = s.NetCents + s.VATCents
	return s, nil
}

func sum(lines []Line) int64 {
	var n int64
	for _, l := range lines {
		n += l.NetCents
	}
	return n
}
