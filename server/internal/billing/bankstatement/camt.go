package bankstatement

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	_ "time/tzdata" // CAMT times without a zone are German local time

	"golang.org/x/text/encoding/charmap"

	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/platform/iban"
)

// camtNamespace is the start of the namespace of every camt.053 version;
// the versions read differ only in details handled below (Sts as text or
// as Cd, parties directly or under Pty, a transaction's amount as Amt or
// AmtDtls/TxAmt), so the document is read without regard to namespaces.
const camtNamespace = "urn:iso:std:iso:20022:tech:xsd:camt.053.001."

// camtVersions are the versions accepted; later ones are refused until a
// file of theirs has been seen to read correctly.
var camtVersions = map[string]bool{"02": true, "03": true, "04": true, "05": true, "06": true, "07": true, "08": true}

// The parts of a camt.053 document that are read. encoding/xml matches
// tags without a namespace in any namespace.
type (
	camtDocument struct {
		CreDtTm string          `xml:"BkToCstmrStmt>GrpHdr>CreDtTm"`
		Stmts   []camtStatement `xml:"BkToCstmrStmt>Stmt"`
	}
	camtStatement struct {
		ID      string `xml:"Id"`
		CreDtTm string `xml:"CreDtTm"`
		IBAN    string `xml:"Acct>Id>IBAN"`
		OtherID string `xml:"Acct>Id>Othr>Id"`
		Ccy     string `xml:"Acct>Ccy"`
		Bal     []struct {
			Code      string     `xml:"Tp>CdOrPrtry>Cd"`
			Amt       camtAmount `xml:"Amt"`
			CdtDbtInd string     `xml:"CdtDbtInd"`
		} `xml:"Bal"`
		Ntry []camtEntry `xml:"Ntry"`
	}
	camtAmount struct {
		Value string `xml:",chardata"`
		Ccy   string `xml:"Ccy,attr"`
	}
	camtEntry struct {
		NtryRef   string     `xml:"NtryRef"`
		Amt       camtAmount `xml:"Amt"`
		CdtDbtInd string     `xml:"CdtDbtInd"`
		RvslInd   string     `xml:"RvslInd"`
		// Sts is the code itself up to version 06, and a Cd (or Prtry)
		// inside it from 07 on.
		Sts struct {
			Text  string `xml:",chardata"`
			Cd    string `xml:"Cd"`
			Prtry string `xml:"Prtry"`
		} `xml:"Sts"`
		BookgDt     camtDate `xml:"BookgDt"`
		ValDt       camtDate `xml:"ValDt"`
		AcctSvcrRef string   `xml:"AcctSvcrRef"`
		TxDtls      []camtTx `xml:"NtryDtls>TxDtls"`
	}
	camtDate struct {
		Dt   string `xml:"Dt"`
		DtTm string `xml:"DtTm"`
	}
	camtTx struct {
		EndToEndID string      `xml:"Refs>EndToEndId"`
		Amt        *camtAmount `xml:"Amt"`               // from version 03
		TxAmt      *camtAmount `xml:"AmtDtls>TxAmt>Amt"` // every version
		CdtDbtInd  string      `xml:"CdtDbtInd"`
		Dbtr       camtParty   `xml:"RltdPties>Dbtr"`
		DbtrIBAN   string      `xml:"RltdPties>DbtrAcct>Id>IBAN"`
		Cdtr       camtParty   `xml:"RltdPties>Cdtr"`
		CdtrIBAN   string      `xml:"RltdPties>CdtrAcct>Id>IBAN"`
		Ustrd      []string    `xml:"RmtInf>Ustrd"`
		StrdRefs   []string    `xml:"RmtInf>Strd>CdtrRefInf>Ref"`
	}
	// camtParty holds a name directly up to version 06 and under Pty from
	// version 07 on.
	camtParty struct {
		Nm    string `xml:"Nm"`
		PtyNm string `xml:"Pty>Nm"`
	}
)

func (p camtParty) name() string { return strings.TrimSpace(firstOf(p.Nm, p.PtyNm)) }

// firstOf returns the first of a and b that is not blank.
func firstOf(a, b string) string {
	if strings.TrimSpace(a) != "" {
		return a
	}
	return b
}

func parseCAMT(data []byte) (Statement, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.CharsetReader = charsetReader
	root, err := rootElement(dec)
	if err != nil {
		return Statement{}, err
	}
	if err := checkCAMT053(dec, root); err != nil {
		return Statement{}, err
	}
	var doc camtDocument
	if err := dec.DecodeElement(&doc, &root); err != nil {
		return Statement{}, fmt.Errorf("the CAMT.053 file cannot be read: %v", err)
	}
	return doc.statement()
}

// rootElement returns the document's first element.
func rootElement(dec *xml.Decoder) (xml.StartElement, error) {
	for {
		tok, err := dec.Token()
		if err != nil {
			return xml.StartElement{}, fmt.Errorf("an XML file that cannot be read (%v); %s", err, accepted)
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se, nil
		}
	}
}

// checkCAMT053 refuses XML that is not a camt.053 statement of a version
// read here, saying what it is where that is known: banks also offer the
// intraday report camt.052 and the notifications camt.054.
func checkCAMT053(dec *xml.Decoder, root xml.StartElement) error {
	ns := root.Name.Space
	if root.Name.Local != "Document" {
		return fmt.Errorf("an XML file, but not a bank statement (its root element is <%s>); %s", root.Name.Local, accepted)
	}
	if version, ok := strings.CutPrefix(ns, camtNamespace); ok {
		if !camtVersions[version] {
			return fmt.Errorf("a CAMT.053 statement of version camt.053.001.%s, which is not read; %s", version, accepted)
		}
		return nil
	}
	if msg, ok := strings.CutPrefix(ns, "urn:iso:std:iso:20022:tech:xsd:"); ok {
		what := msg
		switch {
		case strings.HasPrefix(msg, "camt.052."):
			what += ", an intraday account report"
		case strings.HasPrefix(msg, "camt.054."):
			what += ", a debit and credit notification"
		case strings.HasPrefix(msg, "pain."):
			what += ", a payment order"
		}
		return fmt.Errorf("an ISO 20022 message %s, not a CAMT.053 bank statement; %s", what, accepted)
	}
	if ns != "" {
		return fmt.Errorf("an XML document in namespace %q, not a CAMT.053 bank statement; %s", ns, accepted)
	}
	return nil // no namespace: read it if it has the statement's elements
}

// charsetReader lets a file declare the Latin encodings some banking
// software still writes, although ISO 20022 prescribes UTF-8.
func charsetReader(label string, input io.Reader) (io.Reader, error) {
	switch strings.ToLower(label) {
	case "iso-8859-1", "iso8859-1", "latin1", "windows-1252", "cp1252":
		return charmap.Windows1252.NewDecoder().Reader(input), nil
	case "iso-8859-15", "latin9":
		return charmap.ISO8859_15.NewDecoder().Reader(input), nil
	}
	return nil, fmt.Errorf("the encoding %q is not read; CAMT files are UTF-8", label)
}

func (doc camtDocument) statement() (Statement, error) {
	if len(doc.Stmts) == 0 {
		return Statement{}, errors.New("a camt.053 document without a statement (no BkToCstmrStmt/Stmt); " + accepted)
	}
	var st Statement
	var ids []string
	for i, s := range doc.Stmts {
		account := iban.Normalize(firstOf(s.IBAN, s.OtherID))
		if account == "" {
			return Statement{}, fmt.Errorf("statement %d names no account (Acct/Id)", i+1)
		}
		if i == 0 {
			st.Account = account
		} else if account != st.Account {
			return Statement{}, fmt.Errorf("the file holds statements of two accounts, %s and %s; import one account's statements at a time", st.Account, account)
		}
		if id := strings.TrimSpace(s.ID); id != "" {
			ids = append(ids, id)
		}
		if st.Currency == "" {
			st.Currency = upper(s.Ccy)
		}
		for _, b := range s.Bal {
			if st.Currency == "" {
				st.Currency = upper(b.Amt.Ccy)
			}
			code := upper(b.Code)
			if code != "OPBD" && code != "PRCD" && code != "CLBD" {
				continue
			}
			c, err := signedCents(b.Amt.Value, b.CdtDbtInd)
			if err != nil {
				return Statement{}, fmt.Errorf("statement %d, balance %s: %v", i+1, code, err)
			}
			switch {
			case code == "CLBD":
				st.ClosingCents = &c // the last statement's closes the file
			case i == 0 && st.OpeningCents == nil:
				st.OpeningCents = &c // the first statement's opens it
			}
		}
		for j, n := range s.Ntry {
			es, err := n.entries(account)
			if err != nil {
				return Statement{}, fmt.Errorf("%s: %v", n.label(i, j, len(doc.Stmts)), err)
			}
			st.Entries = append(st.Entries, es...)
		}
	}
	st.StatementID = strings.Join(ids, ", ")
	created := firstOf(doc.CreDtTm, doc.Stmts[0].CreDtTm)
	if strings.TrimSpace(created) != "" {
		t, err := parseDateTime(created)
		if err != nil {
			return Statement{}, fmt.Errorf("creation time (CreDtTm): %v", err)
		}
		st.Created = t.UTC()
	}
	if st.Currency == "" && len(st.Entries) > 0 {
		st.Currency = st.Entries[0].Currency
	}
	uniqueRefs(st.Entries)
	return st, nil
}

// label names an entry in an error the way a person finds it in the file
// or in the banking app: its position and the bank's reference.
func (n camtEntry) label(stmt, i, stmts int) string {
	l := fmt.Sprintf("entry %d", i+1)
	if stmts > 1 {
		l = fmt.Sprintf("statement %d, %s", stmt+1, l)
	}
	if ref := firstOf(n.AcctSvcrRef, n.NtryRef); strings.TrimSpace(ref) != "" {
		l += fmt.Sprintf(" (reference %s)", strings.TrimSpace(ref))
	}
	if d := firstOf(n.BookgDt.Dt, n.BookgDt.DtTm); d != "" {
		l += " booked " + strings.TrimSpace(d)
	}
	return l
}

// entries turns one booked Ntry into entries: itself, or one for each
// transaction of a batch booking (several TxDtls), each with its own
// amount, so that a collection of direct debits pays each invoice on its
// own. It returns none for an entry that is not booked.
func (n camtEntry) entries(account string) ([]Entry, error) {
	status := upper(firstOf(firstOf(n.Sts.Cd, n.Sts.Prtry), n.Sts.Text))
	if status != "BOOK" {
		return nil, nil
	}
	amount, err := signedCents(n.Amt.Value, n.CdtDbtInd)
	if err != nil {
		return nil, err
	}
	booked, err := camtDateOf(n.BookgDt)
	if err != nil {
		return nil, fmt.Errorf("booking date: %v", err)
	}
	if booked.IsZero() {
		return nil, errors.New("a booked entry without a booking date (BookgDt)")
	}
	value, err := camtDateOf(n.ValDt)
	if err != nil {
		return nil, fmt.Errorf("value date: %v", err)
	}
	reversal, err := camtBool(n.RvslInd)
	if err != nil {
		return nil, fmt.Errorf("reversal indicator (RvslInd): %v", err)
	}
	base := Entry{
		BookingDate: booked,
		ValueDate:   value,
		AmountCents: amount,
		Currency:    upper(n.Amt.Ccy),
		Reversal:    reversal,
	}
	bankRef := strings.TrimSpace(firstOf(n.AcctSvcrRef, n.NtryRef))

	if len(n.TxDtls) <= 1 {
		e := base
		if len(n.TxDtls) == 1 {
			n.TxDtls[0].fill(&e)
		}
		e.Ref = firstOf(bankRef, contentRef(account, e))
		return []Entry{e}, nil
	}

	out := make([]Entry, 0, len(n.TxDtls))
	var sum int64
	for k, tx := range n.TxDtls {
		amt := tx.Amt
		if amt == nil {
			amt = tx.TxAmt
		}
		if amt == nil {
			return nil, fmt.Errorf("transaction %d of the batch has no amount (Amt or AmtDtls/TxAmt)", k+1)
		}
		ind := firstOf(tx.CdtDbtInd, n.CdtDbtInd)
		c, err := signedCents(amt.Value, ind)
		if err != nil {
			return nil, fmt.Errorf("transaction %d of the batch: %v", k+1, err)
		}
		e := base
		e.AmountCents = c
		if ccy := upper(amt.Ccy); ccy != "" {
			e.Currency = ccy
		}
		if e.Currency != base.Currency {
			return nil, fmt.Errorf("transaction %d of the batch is in %s, the entry in %s", k+1, e.Currency, base.Currency)
		}
		tx.fill(&e)
		ref := bankRef
		if ref == "" {
			ref = contentRef(account, e)
		}
		e.Ref = fmt.Sprintf("%s/%d", ref, k+1)
		sum += c
		out = append(out, e)
	}
	if sum != amount {
		return nil, fmt.Errorf("the %d transactions of the batch add up to %d cents, the entry books %d; the file is incomplete", len(out), sum, amount)
	}
	return out, nil
}

// fill copies a transaction's references, remittance and other party into
// e, whose amount and reversal are already set.
func (tx camtTx) fill(e *Entry) {
	e.EndToEndID = withoutNotProvided(tx.EndToEndID)
	var lines []string
	for _, l := range append(tx.Ustrd, tx.StrdRefs...) {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	e.Remittance = strings.Join(lines, " ")
	// The payer of a credit is the debtor; a reversal keeps the parties of
	// the booking it reverses, so a returned credit still names its payer.
	paidToUs := e.AmountCents > 0
	if e.Reversal {
		paidToUs = !paidToUs
	}
	if paidToUs {
		e.CounterpartyName, e.CounterpartyIBAN = tx.Dbtr.name(), iban.Normalize(tx.DbtrIBAN)
	} else {
		e.CounterpartyName, e.CounterpartyIBAN = tx.Cdtr.name(), iban.Normalize(tx.CdtrIBAN)
	}
}

// signedCents reads a CAMT amount, which is written without a sign, and
// signs it by its credit/debit indicator.
func signedCents(value, indicator string) (int64, error) {
	value = strings.TrimSpace(value)
	c, err := unsignedCents(value, '.', 0)
	if err != nil {
		return 0, fmt.Errorf("amount %q is %v", value, err)
	}
	switch upper(indicator) {
	case "CRDT":
		return c, nil
	case "DBIT":
		return -c, nil
	}
	return 0, fmt.Errorf("credit/debit indicator %q is neither CRDT nor DBIT", strings.TrimSpace(indicator))
}

// camtDateOf reads a date given as Dt or as DtTm; of a DtTm the date the
// bank wrote is taken, in the bank's time zone.
func camtDateOf(d camtDate) (calendar.Date, error) {
	s := strings.TrimSpace(d.Dt)
	if s == "" {
		s = strings.TrimSpace(d.DtTm)
		if len(s) > len(time.DateOnly) {
			s = s[:len(time.DateOnly)]
		}
	}
	if s == "" {
		return calendar.Date{}, nil
	}
	return calendar.Parse(s)
}

// berlin is where German banks keep their clocks; CAMT times written
// without a zone are read there.
var berlin = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		panic(err) // the zone is embedded (time/tzdata)
	}
	return loc
}()

// parseDateTime reads an ISODateTime, with or without fractional seconds
// and zone.
func parseDateTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	if t, err := time.ParseInLocation("2006-01-02T15:04:05.999999999", s, berlin); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%q is not a date and time as YYYY-MM-DDThh:mm:ss", s)
}

// camtBool reads an xs:boolean; absent is false.
func camtBool(s string) (bool, error) {
	switch strings.TrimSpace(s) {
	case "", "false", "0":
		return false, nil
	case "true", "1":
		return true, nil
	}
	return false, fmt.Errorf("%q is neither true nor false", s)
}

func upper(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }
