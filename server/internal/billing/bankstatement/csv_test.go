package bankstatement

import (
	"strings"
	"testing"
	"time"
)

const csvHeader = `"Auftragskonto";"Buchungstag";"Valutadatum";"Buchungstext";"Verwendungszweck";"Glaeubiger ID";"Mandatsreferenz";"Kundenreferenz (End-to-End)";"Sammlerreferenz";"Lastschrift Ursprungsbetrag";"Auslagenersatz Ruecklastschrift";"Beguenstigter/Zahlungspflichtiger";"Kontonummer/IBAN";"BIC (SWIFT-Code)";"Betrag";"Waehrung";"Info"`

// csvRow is a booked credit of the export with the fields changed by the
// replacements (old, new, …).
func csvRow(replace ...string) string {
	return strings.NewReplacer(replace...).Replace(
		`"DE44500105175407324931";"19.03.26";"19.03.26";"GUTSCHR. UEBERWEISUNG";"RE-2026-000123";"";"";"";"";"";"";"Hansen IT";"DE34200505501234567890";"DEUTDEDBHAM";"119,00";"EUR";"Umsatz gebucht"`)
}

// The fixture is the export as the Sparkasse writes it: Windows-1252 (the
// euro sign is byte 0x80, which ISO-8859-1 does not have), CRLF, every
// field quoted, newest first, a pending row on top.
func TestSparkasseCSVCAMT(t *testing.T) {
	t.Parallel()
	st := parseFixture(t, "sparkasse-csv-camt.csv")
	const account = "DE44500105175407324931"
	dup := hashRef(account, "2026-03-17", "1999 EUR", "RE-2026-000143", "DE75430609674711081500", "Özdemir Webdesign")
	checkStatement(t, st, Statement{
		Account:  account,
		Currency: "EUR",
		Entries: []Entry{
			// The pending 119,00 is not there.
			{
				Ref:         hashRef(account, "2026-03-19", "123456 EUR", "RE 2026 000141 Servermiete März 1.234,56 €", "DE89370400440532013000", "Müller & Söhne GmbH"),
				BookingDate: date("2026-03-19"), ValueDate: date("2026-03-19"),
				AmountCents: 123456, Currency: "EUR", Remittance: "RE 2026 000141 Servermiete März 1.234,56 €",
				CounterpartyName: "Müller & Söhne GmbH", CounterpartyIBAN: "DE89370400440532013000",
			},
			{
				Ref:         hashRef(account, "2026-03-19", "-4590 EUR", "Strom Rechenzentrum 02/2026 Kd-Nr 4711", "DE02120300000000202051", "Stadtwerke Lüneburg GmbH"),
				BookingDate: date("2026-03-19"), ValueDate: date("2026-03-19"),
				AmountCents: -4590, Currency: "EUR", Remittance: "Strom Rechenzentrum 02/2026 Kd-Nr 4711", EndToEndID: "SWLG-2026-03-4711",
				CounterpartyName: "Stadtwerke Lüneburg GmbH", CounterpartyIBAN: "DE02120300000000202051",
			},
			{
				Ref:         hashRef(account, "2026-03-18", "11900 EUR", `Rechnung 2026-000142 "Webhosting"`, "DE50370501982718281828", "Jürgen Weiß"),
				BookingDate: date("2026-03-18"), ValueDate: date("2026-03-18"),
				AmountCents: 11900, Currency: "EUR", Remittance: `Rechnung 2026-000142 "Webhosting"`,
				CounterpartyName: "Jürgen Weiß", CounterpartyIBAN: "DE50370501982718281828",
			},
			{
				Ref:         hashRef(account, "2026-03-18", "-250000 EUR", "Miete Rack 4 April", "DE27100777770209299700", "Kältetechnik Süd GmbH"),
				BookingDate: date("2026-03-18"), ValueDate: date("2026-03-18"),
				AmountCents: -250000, Currency: "EUR", Remittance: "Miete Rack 4 April", EndToEndID: "MIETE-2026-04",
				CounterpartyName: "Kältetechnik Süd GmbH", CounterpartyIBAN: "DE27100777770209299700",
			},
			// The same customer paid the same invoice twice on one day: two
			// payments, not one imported twice.
			{
				Ref: dup, BookingDate: date("2026-03-17"), ValueDate: date("2026-03-17"),
				AmountCents: 1999, Currency: "EUR", Remittance: "RE-2026-000143",
				CounterpartyName: "Özdemir Webdesign", CounterpartyIBAN: "DE75430609674711081500",
			},
			{
				Ref: dup + "#2", BookingDate: date("2026-03-17"), ValueDate: date("2026-03-17"),
				AmountCents: 1999, Currency: "EUR", Remittance: "RE-2026-000143",
				CounterpartyName: "Özdemir Webdesign", CounterpartyIBAN: "DE75430609674711081500",
			},
		},
	})
	if !st.Created.Equal(time.Time{}) || st.OpeningCents != nil {
		t.Error("the CSV export has no creation time or balances")
	}
}

// An export whose columns are in another order, with extra columns,
// umlauts in the header and unquoted fields, in UTF-8, is read alike.
func TestSparkasseCSVColumnsByName(t *testing.T) {
	t.Parallel()
	data := "\uFEFFInfo;Betrag;Währung;Verwendungszweck;Extra;Buchungstag;Auftragskonto;Begünstigter/Zahlungspflichtiger\n" +
		"Umsatz gebucht;-1.234,56;EUR;Miete;x;01.04.2026;DE44 5001 0517 5407 3249 31;Kältetechnik Süd GmbH\n" +
		"\n" +
		"Umsatz gebucht;+12,5;eur;RE-2026-000123;;02.04.26;DE44500105175407324931;\n"
	st, err := Parse("umsaetze.csv", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	if st.Account != "DE44500105175407324931" || len(st.Entries) != 2 {
		t.Fatalf("account %q, entries %+v", st.Account, st.Entries)
	}
	e := st.Entries[0]
	if e.AmountCents != -123456 || e.BookingDate != date("2026-04-01") || !e.ValueDate.IsZero() || e.Remittance != "Miete" || e.CounterpartyName != "Kältetechnik Süd GmbH" {
		t.Errorf("first entry %+v", e)
	}
	if e := st.Entries[1]; e.AmountCents != 1250 || e.Currency != "EUR" || e.BookingDate != date("2026-04-02") {
		t.Errorf("second entry %+v", e)
	}
}

func TestSparkasseCSVRefuses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		data string
		want []string
	}{
		{"missing column", strings.Replace(csvHeader, `;"Info"`, "", 1) + "\n", []string{"no column Info"}},
		{"missing columns", strings.NewReplacer(`"Betrag";`, "", `"Waehrung";`, "").Replace(csvHeader) + "\n", []string{"no column Betrag, Waehrung"}},
		{"bad thousands", csvHeader + "\n" + csvRow("119,00", "1.23,45") + "\n", []string{"line 2", "Betrag", `"1.23,45"`}},
		{"three decimals", csvHeader + "\n" + csvRow() + "\n" + csvRow("119,00", "119,005") + "\n", []string{"line 3", "Betrag", `"119,005"`}},
		{"amount not a number", csvHeader + "\n" + csvRow("119,00", "EUR 119") + "\n", []string{"line 2", "Betrag"}},
		{"no date", csvHeader + "\n" + csvRow(`"19.03.26";"19.03.26"`, `"";"19.03.26"`) + "\n", []string{"line 2", "Buchungstag"}},
		{"31 February", csvHeader + "\n" + csvRow(`"19.03.26";"19.03.26"`, `"31.02.26";"19.03.26"`) + "\n", []string{"line 2", "Buchungstag", "31.02.26"}},
		{"short row", csvHeader + "\n" + `"DE44500105175407324931";"19.03.26"` + "\n", []string{"line 2", "2 fields"}},
		{"two accounts", csvHeader + "\n" + csvRow() + "\n" + csvRow("DE44500105175407324931", "DE89370400440532013000") + "\n", []string{"line 3", "two accounts"}},
		{"no currency", csvHeader + "\n" + csvRow(`"EUR"`, `""`) + "\n", []string{"line 2", "Waehrung"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Parse("", []byte(tt.data))
			if err == nil {
				t.Fatal("Parse accepted it")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
}

// A pending row comes again once booked; only the booked one counts.
func TestSparkasseCSVSkipsPendingRows(t *testing.T) {
	t.Parallel()
	data := csvHeader + "\n" + csvRow("Umsatz gebucht", "Umsatz vorgemerkt", `"19.03.26";"19.03.26"`, `"20.03.26";""`) + "\n" + csvRow() + "\n"
	st, err := Parse("", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Entries) != 1 || st.Entries[0].BookingDate != date("2026-03-19") {
		t.Errorf("entries %+v, want only the booked row", st.Entries)
	}
}
