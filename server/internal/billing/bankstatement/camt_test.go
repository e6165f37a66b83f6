package bankstatement

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// camt is a minimal camt.053 document of the given version holding the
// given entries, for the cases the fixtures do not show.
func camt(version string, entries ...string) string {
	return fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.%s">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>M1</MsgId><CreDtTm>2026-03-18T06:00:00+01:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>S1</Id>
      <Acct><Id><IBAN>DE44500105175407324931</IBAN></Id><Ccy>EUR</Ccy></Acct>
      %s
    </Stmt>
  </BkToCstmrStmt>
</Document>`, version, strings.Join(entries, "\n"))
}

// entry fills the template of one entry with its replacements (old, new, …).
func entry(replace ...string) string {
	return strings.NewReplacer(replace...).Replace(`<Ntry>
  <Amt Ccy="EUR">AMOUNT</Amt>
  <CdtDbtInd>CRDT</CdtDbtInd>
  <Sts>BOOK</Sts>
  <BookgDt><Dt>2026-03-16</Dt></BookgDt>
  <AcctSvcrRef>REF-1</AcctSvcrRef>
  <NtryDtls>DETAILS</NtryDtls>
</Ntry>`)
}

var bookedCredit = []string{"AMOUNT", "119.00", "DETAILS", "<TxDtls><RmtInf><Ustrd>RE-2026-000123</Ustrd></RmtInf></TxDtls>"}

func TestCAMT053Version02(t *testing.T) {
	t.Parallel()
	st := parseFixture(t, "camt053.001.02.xml")
	const account = "DE44500105175407324931"
	checkStatement(t, st, Statement{
		Account:      account,
		Currency:     "EUR",
		StatementID:  "0352026031800001",
		Created:      time.Date(2026, time.March, 18, 5, 12, 34, 0, time.UTC),
		OpeningCents: ptr(1000000), // PRCD, the previous day's closing
		ClosingCents: ptr(1154560),
		Entries: []Entry{
			{
				Ref: "2026031605001234", BookingDate: date("2026-03-16"), ValueDate: date("2026-03-16"),
				AmountCents: 11900, Currency: "EUR", Remittance: "RE-2026-000123 Hosting März",
				CounterpartyName: "Müller & Söhne GmbH", CounterpartyIBAN: "DE89370400440532013000",
			},
			{
				Ref: "2026031605001235", BookingDate: date("2026-03-16"), ValueDate: date("2026-03-16"),
				AmountCents: -4590, Currency: "EUR", Remittance: "Strom Rechenzentrum 02/2026 Kd-Nr 4711 vom 2026-03-14",
				EndToEndID: "SWLG-2026-03-4711", CounterpartyName: "Stadtwerke Lüneburg GmbH", CounterpartyIBAN: "DE02120300000000202051",
			},
			// The pending 500.00 is not there; the batch is three entries.
			{
				Ref: "2026031705002001/1", BookingDate: date("2026-03-17"), ValueDate: date("2026-03-17"),
				AmountCents: 11900, Currency: "EUR", Remittance: "RE-2026-000124 Leitstand Hosting",
				EndToEndID: "RE-2026-000124", CounterpartyName: "Bäckerei Größe e.K.", CounterpartyIBAN: "DE27240501100012345678",
			},
			{
				Ref: "2026031705002001/2", BookingDate: date("2026-03-17"), ValueDate: date("2026-03-17"),
				AmountCents: 5950, Currency: "EUR", Remittance: "RE-2026-000125 Leitstand Hosting",
				EndToEndID: "RE-2026-000125", CounterpartyName: "Hansen IT", CounterpartyIBAN: "DE34200505501234567890",
			},
			{
				Ref: "2026031705002001/3", BookingDate: date("2026-03-17"), ValueDate: date("2026-03-17"),
				AmountCents: 17850, Currency: "EUR", Remittance: "RE-2026-000126 Leitstand Hosting",
				EndToEndID: "RE-2026-000126", CounterpartyName: "Özdemir Webdesign", CounterpartyIBAN: "DE75430609674711081500",
			},
			// A returned direct debit still names the customer it was collected from.
			{
				Ref: "2026031705002002", BookingDate: date("2026-03-17"), ValueDate: date("2026-03-17"),
				AmountCents: -11900, Currency: "EUR", Remittance: "RE-2026-000101 Leitstand Hosting",
				EndToEndID: "RE-2026-000101", CounterpartyName: "Weber Logistik GmbH", CounterpartyIBAN: "DE52701500009876543210",
				Reversal: true,
			},
			{
				Ref:         hashRef(account, "2026-03-17", "123450 EUR", "Rechnung RE-2026- 000127 und Einrichtung", "DE44100100100031415926", "Schmidt & Partner Steuerberatung"),
				BookingDate: date("2026-03-17"), ValueDate: date("2026-03-18"),
				AmountCents: 123450, Currency: "EUR", Remittance: "Rechnung RE-2026- 000127 und Einrichtung",
				CounterpartyName: "Schmidt & Partner Steuerberatung", CounterpartyIBAN: "DE44100100100031415926",
			},
		},
	})
	checkBalances(t, st)
}

func TestCAMT053Version08(t *testing.T) {
	t.Parallel()
	st := parseFixture(t, "camt053.001.08.xml")
	const account = "DE75512108001245126199"
	checkStatement(t, st, Statement{
		Account:     account, // written with spaces in the file
		Currency:    "EUR",
		StatementID: "2026-04-01-EUR-01",
		// Written without a zone: German summer time.
		Created:      time.Date(2026, time.April, 2, 5, 30, 12, 345000000, time.UTC),
		OpeningCents: ptr(-250000), // overdrawn: DBIT
		ClosingCents: ptr(-197799), // CLBD, not the available balance CLAV
		Entries: []Entry{
			{
				Ref: "A1B2C3D4E5F60001", BookingDate: date("2026-04-01"), ValueDate: date("2026-04-01"),
				AmountCents: 23800, Currency: "EUR", Remittance: "Zahlung für Rechnung RF78RE2026000130",
				EndToEndID: "E2E20260401093012", CounterpartyName: "Jürgen Weiß", CounterpartyIBAN: "DE50370501982718281828",
			},
			{
				Ref: "NR-2026-04-01-77/1", BookingDate: date("2026-04-01"), ValueDate: date("2026-04-01"),
				AmountCents: 10000, Currency: "EUR", Remittance: "re 2026 128",
				CounterpartyName: "Förderverein Grünau e.V.", CounterpartyIBAN: "DE12500105170648489890",
			},
			{
				Ref: "NR-2026-04-01-77/2", BookingDate: date("2026-04-01"), ValueDate: date("2026-04-01"),
				AmountCents: 5000, Currency: "EUR", Remittance: "RE2026000129", EndToEndID: "FV-4410",
				CounterpartyName: "Förderverein Grünau e.V.", CounterpartyIBAN: "DE12500105170648489890",
			},
			{
				Ref: "A1B2C3D4E5F60003", BookingDate: date("2026-04-01"), ValueDate: date("2026-03-31"),
				AmountCents: -2999, Currency: "EUR",
			},
			// A returned transfer of the operator's names the payee it was sent to.
			{
				Ref: "A1B2C3D4E5F60005", BookingDate: date("2026-04-01"), ValueDate: date("2026-04-01"),
				AmountCents: 4500, Currency: "EUR", Remittance: "Rücküberweisung: Konto erloschen",
				EndToEndID: "LS-GUTSCHRIFT-2026-0007", CounterpartyName: "Kältetechnik Süd GmbH", CounterpartyIBAN: "DE27100777770209299700",
				Reversal: true,
			},
			{
				Ref:         hashRef(account, "2026-04-01", "11900 EUR", "RE-2026-000131", "DE89370400440532013000", "Ärztehaus Nord"),
				BookingDate: date("2026-04-01"), ValueDate: date("2026-04-01"),
				AmountCents: 11900, Currency: "EUR", Remittance: "RE-2026-000131", EndToEndID: "ÄN-2026-04",
				CounterpartyName: "Ärztehaus Nord", CounterpartyIBAN: "DE89370400440532013000",
			},
		},
	})
	checkBalances(t, st)
}

// Every version from 02 to 08 is read, the status written either way.
func TestCAMT053Versions(t *testing.T) {
	t.Parallel()
	for _, v := range []string{"02", "03", "04", "05", "06", "07", "08"} {
		for _, sts := range []string{"<Sts>BOOK</Sts>", "<Sts><Cd>BOOK</Cd></Sts>"} {
			st, err := Parse("", []byte(camt(v, entry(append(bookedCredit, "<Sts>BOOK</Sts>", sts)...))))
			if err != nil {
				t.Errorf("camt.053.001.%s with %s: %v", v, sts, err)
				continue
			}
			if len(st.Entries) != 1 || st.Entries[0].AmountCents != 11900 || st.Entries[0].Ref != "REF-1" {
				t.Errorf("camt.053.001.%s with %s: entries %+v", v, sts, st.Entries)
			}
		}
	}
}

func TestCAMT053Entries(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		doc  string
		want []Entry // only the fields set here are compared: Ref, AmountCents, Remittance, EndToEndID
	}{
		{"pending as Sts/Cd is left out",
			camt("08", entry(append(bookedCredit, "<Sts>BOOK</Sts>", "<Sts><Cd>PDNG</Cd></Sts>")...), entry(bookedCredit...)),
			[]Entry{{Ref: "REF-1", AmountCents: 11900, Remittance: "RE-2026-000123"}}},
		{"informational entries are left out",
			camt("08", entry(append(bookedCredit, "<Sts>BOOK</Sts>", "<Sts><Cd>INFO</Cd></Sts>")...)),
			nil},
		{"NtryRef when there is no AcctSvcrRef",
			camt("02", entry(append(bookedCredit, "<AcctSvcrRef>REF-1</AcctSvcrRef>", "<NtryRef>NR-9</NtryRef>")...)),
			[]Entry{{Ref: "NR-9", AmountCents: 11900, Remittance: "RE-2026-000123"}}},
		{"an entry without details",
			camt("02", entry("AMOUNT", "0.5", "<NtryDtls>DETAILS</NtryDtls>", "")),
			[]Entry{{Ref: "REF-1", AmountCents: 50}}},
		{"several remittance lines and structured references",
			camt("05", entry("AMOUNT", "10", "DETAILS", `<TxDtls><Refs><EndToEndId>notprovided</EndToEndId></Refs><RmtInf>
				<Ustrd> Rechnung </Ustrd><Ustrd></Ustrd><Ustrd>vom März</Ustrd>
				<Strd><CdtrRefInf><Ref>RF73RE2026000123</Ref></CdtrRefInf></Strd>
				<Strd><CdtrRefInf><Ref>RF18539007547034</Ref></CdtrRefInf></Strd></RmtInf></TxDtls>`)),
			[]Entry{{Ref: "REF-1", AmountCents: 1000, Remittance: "Rechnung vom März RF73RE2026000123 RF18539007547034"}}},
		{"a batch of version 02 with transaction amounts in AmtDtls",
			camt("02", entry("AMOUNT", "30.00", "DETAILS", `
				<TxDtls><AmtDtls><TxAmt><Amt Ccy="EUR">10.00</Amt></TxAmt></AmtDtls><RmtInf><Ustrd>A</Ustrd></RmtInf></TxDtls>
				<TxDtls><AmtDtls><TxAmt><Amt Ccy="EUR">20.00</Amt></TxAmt></AmtDtls><RmtInf><Ustrd>B</Ustrd></RmtInf></TxDtls>`)),
			[]Entry{{Ref: "REF-1/1", AmountCents: 1000, Remittance: "A"}, {Ref: "REF-1/2", AmountCents: 2000, Remittance: "B"}}},
		{"a batch in two NtryDtls, with a return in it",
			camt("08", entry("AMOUNT", "5.00", "<NtryDtls>DETAILS</NtryDtls>", `
				<NtryDtls><TxDtls><Amt Ccy="EUR">10.00</Amt><CdtDbtInd>CRDT</CdtDbtInd></TxDtls></NtryDtls>
				<NtryDtls><TxDtls><Amt Ccy="EUR">5.00</Amt><CdtDbtInd>DBIT</CdtDbtInd></TxDtls></NtryDtls>`)),
			[]Entry{{Ref: "REF-1/1", AmountCents: 1000}, {Ref: "REF-1/2", AmountCents: -500}}},
		{"the same reference twice: the second is numbered",
			camt("02", entry(bookedCredit...), entry(bookedCredit...), entry(bookedCredit...)),
			[]Entry{
				{Ref: "REF-1", AmountCents: 11900, Remittance: "RE-2026-000123"},
				{Ref: "REF-1#2", AmountCents: 11900, Remittance: "RE-2026-000123"},
				{Ref: "REF-1#3", AmountCents: 11900, Remittance: "RE-2026-000123"},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			st, err := Parse("", []byte(tt.doc))
			if err != nil {
				t.Fatal(err)
			}
			if len(st.Entries) != len(tt.want) {
				t.Fatalf("%d entries %+v, want %d", len(st.Entries), st.Entries, len(tt.want))
			}
			for i, w := range tt.want {
				g := st.Entries[i]
				if g.Ref != w.Ref || g.AmountCents != w.AmountCents || g.Remittance != w.Remittance || g.EndToEndID != w.EndToEndID {
					t.Errorf("entry %d = %q %d %q %q, want %q %d %q %q", i+1, g.Ref, g.AmountCents, g.Remittance, g.EndToEndID, w.Ref, w.AmountCents, w.Remittance, w.EndToEndID)
				}
			}
		})
	}
}

// A statement's entries that cannot be read exactly refuse the whole file,
// naming the entry, so nothing is booked from a half-read statement.
func TestCAMT053Refuses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		doc  string
		want []string
	}{
		{"three decimals", camt("02", entry(bookedCredit...), entry("AMOUNT", "12.345", "REF-1", "REF-2", "DETAILS", "")),
			[]string{"entry 2 (reference REF-2) booked 2026-03-16", `"12.345"`, "more than two decimals"}},
		{"German decimal comma", camt("08", entry("AMOUNT", "12,00", "DETAILS", "")),
			[]string{"entry 1 (reference REF-1)", `"12,00"`, "not a number"}},
		{"no amount", camt("08", entry("AMOUNT", "", "DETAILS", "")),
			[]string{"entry 1", "not a number"}},
		{"no credit/debit indicator", camt("02", entry("AMOUNT", "1.00", "<CdtDbtInd>CRDT</CdtDbtInd>", "<CdtDbtInd>X</CdtDbtInd>", "DETAILS", "")),
			[]string{"entry 1", "CRDT", "DBIT"}},
		{"no booking date", camt("02", entry("AMOUNT", "1.00", "<BookgDt><Dt>2026-03-16</Dt></BookgDt>", "", "DETAILS", "")),
			[]string{"entry 1", "without a booking date"}},
		{"booking date not a date", camt("02", entry("AMOUNT", "1.00", "2026-03-16", "16.03.2026", "DETAILS", "")),
			[]string{"entry 1", "booking date", "16.03.2026"}},
		{"batch transaction without amount", camt("02", entry("AMOUNT", "2.00", "DETAILS", "<TxDtls/><TxDtls/>")),
			[]string{"entry 1", "transaction 1 of the batch has no amount"}},
		{"batch that does not add up", camt("08", entry("AMOUNT", "3.00", "DETAILS",
			`<TxDtls><Amt Ccy="EUR">1.00</Amt></TxDtls><TxDtls><Amt Ccy="EUR">1.00</Amt></TxDtls>`)),
			[]string{"entry 1", "add up to 200 cents", "books 300"}},
		{"bad reversal indicator", camt("02", entry(append(bookedCredit, "<Sts>", "<RvslInd>ja</RvslInd><Sts>")...)),
			[]string{"entry 1", "RvslInd"}},
		{"two accounts", strings.Replace(camt("02", entry(bookedCredit...)), "</Stmt>",
			"</Stmt><Stmt><Id>S2</Id><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id></Acct></Stmt>", 1),
			[]string{"two accounts", "DE44500105175407324931", "DE89370400440532013000"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Parse("", []byte(tt.doc))
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

// Several statements of one account in one file (a bank's export of a
// week, one statement a day) are one Statement: the first's opening, the
// last's closing balance.
func TestCAMT053SeveralStatementsOfOneAccount(t *testing.T) {
	t.Parallel()
	day := func(id, open, close, amount string) string {
		return fmt.Sprintf(`<Stmt><Id>%s</Id><Acct><Id><IBAN>DE44500105175407324931</IBAN></Id></Acct>
			<Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">%s</Amt><CdtDbtInd>CRDT</CdtDbtInd></Bal>
			<Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">%s</Amt><CdtDbtInd>CRDT</CdtDbtInd></Bal>
			%s</Stmt>`, id, open, close, entry("AMOUNT", amount, "REF-1", id+"-1", "DETAILS", ""))
	}
	doc := `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.04"><BkToCstmrStmt>` +
		day("D1", "100.00", "110.00", "10.00") + day("D2", "110.00", "130.00", "20.00") + `</BkToCstmrStmt></Document>`
	st, err := Parse("", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if st.StatementID != "D1, D2" || len(st.Entries) != 2 || st.Entries[1].Ref != "D2-1" || st.Currency != "EUR" {
		t.Errorf("statement %q, currency %q, entries %+v", st.StatementID, st.Currency, st.Entries)
	}
	checkBalances(t, st)
	if *st.OpeningCents != 10000 {
		t.Errorf("opening %d, want the first statement's 10000", *st.OpeningCents)
	}
}

// Banking software that writes Latin-1 and says so is read.
func TestCAMT053DeclaredLatin1(t *testing.T) {
	t.Parallel()
	doc := strings.Replace(camt("02", entry("AMOUNT", "1.00", "DETAILS", "<TxDtls><RmtInf><Ustrd>Gebühr</Ustrd></RmtInf></TxDtls>")), "UTF-8", "ISO-8859-1", 1)
	latin1 := []byte(strings.ReplaceAll(doc, "ü", "\xfc"))
	st, err := Parse("", latin1)
	if err != nil {
		t.Fatal(err)
	}
	if got := st.Entries[0].Remittance; got != "Gebühr" {
		t.Errorf("remittance %q, want Gebühr", got)
	}
}
