package bankstatement

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/platform/iban"
)

// The columns of the Sparkasse CSV-CAMT export that are read, by their
// header as folded by columnKey. Columns are found by name, so exports
// whose columns are ordered differently, or that have more, are read alike.
const (
	colAccount      = "auftragskonto"
	colBookingDate  = "buchungstag"
	colValueDate    = "valutadatum"
	colRemittance   = "verwendungszweck"
	colEndToEnd     = "kundenreferenz (end-to-end)"
	colCounterparty = "beguenstigter/zahlungspflichtiger"
	colIBAN         = "kontonummer/iban"
	colAmount       = "betrag"
	colCurrency     = "waehrung"
	colInfo         = "info"
)

// requiredColumns cannot be done without: a file without them would be
// read wrongly (without Info, pending rows would be booked), not just
// with less detail. Their names are as the export writes them.
var requiredColumns = []struct{ key, name string }{
	{colAccount, "Auftragskonto"},
	{colBookingDate, "Buchungstag"},
	{colRemittance, "Verwendungszweck"},
	{colAmount, "Betrag"},
	{colCurrency, "Waehrung"},
	{colInfo, "Info"},
}

// columnKey folds a header so that the spellings of different export
// versions meet: case, surrounding space, and umlauts written as such or
// as ae, oe, ue ("Währung", "Waehrung").
func columnKey(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss").Replace(s)
}

func parseCSV(text string) (Statement, error) {
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = ';'
	r.FieldsPerRecord = -1 // checked per row, to name the line
	r.LazyQuotes = true    // a quote inside a remittance is not always doubled
	header, err := r.Read()
	if err != nil {
		return Statement{}, fmt.Errorf("the CSV header cannot be read: %v", err)
	}
	col := make(map[string]int, len(header))
	for i, h := range header {
		if _, dup := col[columnKey(h)]; !dup {
			col[columnKey(h)] = i
		}
	}
	var missing []string
	for _, c := range requiredColumns {
		if _, ok := col[c.key]; !ok {
			missing = append(missing, c.name)
		}
	}
	if len(missing) > 0 {
		return Statement{}, fmt.Errorf("the CSV export has no column %s; export the statement as CSV-CAMT", strings.Join(missing, ", "))
	}

	var st Statement
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := r.FieldPos(0)
		if err != nil {
			return Statement{}, fmt.Errorf("line %d cannot be read: %v", line, err)
		}
		if blank(rec) {
			continue
		}
		if len(rec) < len(header) {
			return Statement{}, fmt.Errorf("line %d has %d fields, the header %d", line, len(rec), len(header))
		}
		field := func(key string) string {
			if i, ok := col[key]; ok {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		// "Umsatz vorgemerkt": pending, may change or vanish; it comes
		// again as "Umsatz gebucht" once booked.
		if strings.Contains(strings.ToLower(field(colInfo)), "vorgemerkt") {
			continue
		}
		e, account, err := csvEntry(field)
		if err != nil {
			return Statement{}, fmt.Errorf("line %d: %v", line, err)
		}
		switch {
		case st.Account == "":
			st.Account, st.Currency = account, e.Currency
		case account != st.Account:
			return Statement{}, fmt.Errorf("line %d: the file holds two accounts, %s and %s; export one account at a time", line, st.Account, account)
		}
		e.Ref = contentRef(account, e)
		st.Entries = append(st.Entries, e)
	}
	uniqueRefs(st.Entries)
	return st, nil
}

// csvEntry reads one booked row.
func csvEntry(field func(string) string) (Entry, string, error) {
	account := iban.Normalize(field(colAccount))
	if account == "" {
		return Entry{}, "", errors.New("no Auftragskonto")
	}
	booked, err := germanDate(field(colBookingDate))
	if err != nil {
		return Entry{}, "", fmt.Errorf("Buchungstag: %v", err)
	}
	var value calendar.Date
	if s := field(colValueDate); s != "" {
		if value, err = germanDate(s); err != nil {
			return Entry{}, "", fmt.Errorf("Valutadatum: %v", err)
		}
	}
	amount, err := germanCents(field(colAmount))
	if err != nil {
		return Entry{}, "", fmt.Errorf("Betrag: %v", err)
	}
	currency := upper(field(colCurrency))
	if currency == "" {
		return Entry{}, "", errors.New("no Waehrung")
	}
	return Entry{
		BookingDate:      booked,
		ValueDate:        value,
		AmountCents:      amount,
		Currency:         currency,
		Remittance:       field(colRemittance),
		EndToEndID:       withoutNotProvided(field(colEndToEnd)),
		CounterpartyName: field(colCounterparty),
		CounterpartyIBAN: iban.Normalize(field(colIBAN)),
	}, account, nil
}

func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// germanDate reads dd.mm.yy, as the export writes dates, or dd.mm.yyyy.
// Two-digit years are of this century: bank statements are not older.
func germanDate(s string) (calendar.Date, error) {
	bad := fmt.Errorf("%q is not a date as dd.mm.yy", s)
	parts := strings.Split(s, ".")
	if len(parts) != 3 || len(parts[0]) != 2 || len(parts[1]) != 2 || len(parts[2]) != 2 && len(parts[2]) != 4 {
		return calendar.Date{}, bad
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || !allDigits(p) {
			return calendar.Date{}, bad
		}
		n[i] = v
	}
	year := n[2]
	if len(parts[2]) == 2 {
		year += 2000
	}
	d := calendar.D(year, time.Month(n[1]), n[0])
	if d.Day() != n[0] || int(d.Month()) != n[1] { // 31.02. rolls over
		return calendar.Date{}, bad
	}
	return d, nil
}

// germanCents reads an amount as the export writes it: comma decimals,
// optional dots between thousands, a minus for money paid ("-1.234,56").
func germanCents(s string) (int64, error) {
	neg := false
	t := s
	switch {
	case strings.HasPrefix(t, "-"):
		neg, t = true, t[1:]
	case strings.HasPrefix(t, "+"):
		t = t[1:]
	}
	c, err := unsignedCents(t, ',', '.')
	if err != nil {
		return 0, fmt.Errorf("%q is %v (written as -1.234,56)", s, err)
	}
	if neg {
		c = -c
	}
	return c, nil
}
