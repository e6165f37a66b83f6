package demo

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"time"

	"github.com/leitstand/leitstand/server/internal/billing/calendar"
)

// Booking is one entry of a demo bank statement.
type Booking struct {
	// Ref is the bank's reference of the entry.
	Ref         string
	Day         calendar.Date
	AmountCents int64 // a credit when positive, a debit when negative
	Remittance  string
	Name, IBAN  string // who paid (or was paid)
}

// CAMT053 writes a bank statement of account as the CAMT.053.001.02 file
// a German bank delivers, with the bookings given: the demo's statement to
// import, and the tests'.
func CAMT053(account, id string, created time.Time, bookings []Booking) []byte {
	var b bytes.Buffer
	esc := func(s string) string {
		var e bytes.Buffer
		_ = xml.EscapeText(&e, []byte(s))
		return e.String()
	}
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
<BkToCstmrStmt><GrpHdr><MsgId>%s</MsgId><CreDtTm>%s</CreDtTm></GrpHdr>
<Stmt><Id>%s</Id><CreDtTm>%s</CreDtTm><Acct><Id><IBAN>%s</IBAN></Id><Ccy>EUR</Ccy></Acct>
`, esc(id), created.Format(time.RFC3339), esc(id), created.Format(time.RFC3339), esc(account))
	for _, k := range bookings {
		ind, amount, party := "CRDT", k.AmountCents, "Dbtr"
		if amount < 0 {
			ind, amount, party = "DBIT", -amount, "Cdtr"
		}
		fmt.Fprintf(&b, `<Ntry><Amt Ccy="EUR">%d.%02d</Amt><CdtDbtInd>%s</CdtDbtInd><Sts>BOOK</Sts>
<BookgDt><Dt>%s</Dt></BookgDt><ValDt><Dt>%s</Dt></ValDt><AcctSvcrRef>%s</AcctSvcrRef>
<NtryDtls><TxDtls><RltdPties><%s><Nm>%s</Nm></%s><%sAcct><Id><IBAN>%s</IBAN></Id></%sAcct></RltdPties>
<RmtInf><Ustrd>%s</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
`, amount/100, amount%100, ind, k.Day, k.Day, esc(k.Ref), party, esc(k.Name), party, party, esc(k.IBAN), party, esc(k.Remittance))
	}
	b.WriteString("</Stmt></BkToCstmrStmt></Document>\n")
	return b.Bytes()
}
