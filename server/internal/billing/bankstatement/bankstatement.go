// Package bankstatement reads the bank statements German operators export
// from their online banking, so that the transfers their customers make can
// be recorded against the invoices they pay, and proposes which invoice
// each credit pays.
//
// Parse reads two formats, recognised by their content, not their name:
//   - CAMT.053 (ISO 20022 Bank-to-Customer Statement), the XML every German
//     bank delivers, in the versions camt.053.001.02 to camt.053.001.08;
//   - the "CSV-CAMT" export of the Sparkassen (semicolons, German dates and
//     amounts, usually in Windows-1252).
//
// Both become the same Statement: one Entry per booked transaction, amounts
// in integer cents read exactly from their decimal text. Entries the bank
// has not booked yet (pending, "vorgemerkt") are left out, because their
// amount and date may still change and they would be imported twice.
//
// Match then proposes, for each entry, the open invoice it pays, but only
// when the remittance text names the invoice by its number; see Match.
//
// Nothing here touches a database: the caller stores the statement and
// books payments only after staff confirm them.
package bankstatement

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/leitstand/leitstand/server/internal/billing/calendar"
	"github.com/leitstand/leitstand/server/internal/platform/iban"
)

// MaxSize is the largest file Parse reads: a year of a busy account's
// statements as CAMT.053 stays well below it, and the whole file is held in
// memory while it is read.
const MaxSize = 10 << 20

// accepted names the formats in every refusal, so the person uploading a
// file learns what to export instead.
const accepted = "accepted are CAMT.053 XML (camt.053.001.02 to camt.053.001.08) and the Sparkasse CSV-CAMT export"

// Statement is what a bank statement file says about one account.
type Statement struct {
	Account     string    // the account's IBAN, without spaces; its other id when it has no IBAN
	Currency    string    // ISO 4217, upper case
	StatementID string    // the bank's id of the statement (CAMT Stmt/Id; several joined with ", "); "" for CSV
	Created     time.Time // when the bank wrote the file (CAMT CreDtTm), in UTC; zero for CSV
	// OpeningCents and ClosingCents are the booked balances at the start
	// and end of the statement (CAMT OPBD or PRCD, and CLBD), nil when the
	// file has none (CSV never has).
	OpeningCents *int64
	ClosingCents *int64
	Entries      []Entry // booked entries, in the order of the file
}

// Entry is one booked transaction on the account: a transfer in or out,
// or one transaction of a batch booking.
type Entry struct {
	// Ref identifies the entry across imports, so a statement imported
	// twice, or two exports whose dates overlap, record each transfer once.
	// It is the bank's reference (CAMT AcctSvcrRef, else NtryRef), else
	// the SHA-256 of the account, booking date, amount, remittance and
	// counterparty (contentRef spells out the exact bytes). The
	// transactions of a batch booking get the batch's reference followed
	// by /1, /2, … in the order of the file. When the same reference occurs
	// again in one file (two identical transfers on one day), the second
	// gets #2, the third #3. At most 35 characters of the bank's plus the
	// suffixes, or 64 hexadecimal digits plus the suffixes.
	Ref         string
	BookingDate calendar.Date
	ValueDate   calendar.Date // zero when the bank gives none
	AmountCents int64         // positive for money received (credit), negative for money paid (debit)
	Currency    string        // ISO 4217, upper case
	// Remittance is the payer's text ("Verwendungszweck"): the lines of
	// unstructured remittance joined with a space, then any structured
	// creditor reference.
	Remittance string
	EndToEndID string // the payer's end-to-end reference; "" when none ("NOTPROVIDED")
	// CounterpartyName and CounterpartyIBAN are the other side of the
	// transaction: who paid a credit, who received a debit. For a reversal
	// they stay the party of the transaction that is reversed.
	CounterpartyName string
	CounterpartyIBAN string
	// Reversal is set when the bank takes back an earlier booking (CAMT
	// RvslInd), such as a returned direct debit. The CSV export does not
	// mark reversals.
	Reversal bool
}

// Parse reads a bank statement file, CAMT.053 XML or the Sparkasse
// CSV-CAMT export, recognised by its content; name is only used in error
// messages. Every error is about the file's content and is written for
// the person who uploaded it.
func Parse(name string, data []byte) (Statement, error) {
	st, err := parse(data)
	if err != nil && name != "" {
		return Statement{}, fmt.Errorf("%s: %w", name, err)
	}
	return st, err
}

func parse(data []byte) (Statement, error) {
	if len(data) > MaxSize {
		return Statement{}, fmt.Errorf("the file has %d bytes, a bank statement of at most %d MiB is accepted; export a shorter period", len(data), MaxSize>>20)
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return Statement{}, errors.New("the file is empty; " + accepted)
	}
	if trimmed[0] == '<' {
		return parseCAMT(data)
	}
	text := decodeText(data)
	first, _, _ := strings.Cut(strings.TrimLeft(text, "\r\n \t"), "\n")
	switch {
	case strings.Contains(strings.ToLower(first), "auftragskonto") && strings.Contains(first, ";"):
		return parseCSV(text)
	case strings.HasPrefix(first, ":20:") || strings.Contains(text, "\n:61:"):
		return Statement{}, errors.New("this is an MT940 statement, which is not read; export the statement as CAMT.053 (XML) instead: " + accepted)
	case bytes.HasPrefix(trimmed, []byte("%PDF")):
		return Statement{}, errors.New("this is a PDF; export the statement as a file for accounting software instead: " + accepted)
	}
	return Statement{}, errors.New("not a bank statement this import reads; " + accepted)
}

// decodeText returns the file as UTF-8. Exports that are not valid UTF-8
// are taken as Windows-1252, the encoding German banking software writes;
// it is ISO-8859-1 plus the euro sign and typographic quotes, so Latin-1
// files are read correctly too.
func decodeText(data []byte) string {
	if utf8.Valid(data) {
		return string(data)
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil { // cannot happen: every byte has a character in Windows-1252
		return string(data)
	}
	return string(out)
}

// unsignedCents reads an amount written with digits, decimal separator dec
// and optionally groups of three separated by group (0: no grouping), in
// exact integer arithmetic. Decimals beyond the second must be zeros
// (CAMT allows five fraction digits), anything else is refused rather than
// rounded. Its errors say what is wrong, for the caller to name the value.
func unsignedCents(s string, dec, group byte) (int64, error) {
	intPart, frac, hasDec := strings.Cut(s, string(dec))
	if intPart == "" || hasDec && frac == "" {
		return 0, errors.New("not a number")
	}
	if group != 0 && strings.IndexByte(intPart, group) >= 0 {
		groups := strings.Split(intPart, string(group))
		if len(groups[0]) > 3 {
			return 0, errors.New("not a number: thousands are grouped by three")
		}
		for _, g := range groups[1:] {
			if len(g) != 3 {
				return 0, errors.New("not a number: thousands are grouped by three")
			}
		}
		intPart = strings.Join(groups, "")
	}
	if !allDigits(intPart) || !allDigits(frac) {
		return 0, errors.New("not a number")
	}
	if len(intPart) > 15 {
		return 0, errors.New("too large")
	}
	if len(frac) > 2 {
		if strings.Trim(frac[2:], "0") != "" {
			return 0, errors.New("not in cents: it has more than two decimals")
		}
		frac = frac[:2]
	}
	frac += strings.Repeat("0", 2-len(frac))
	n, err := strconv.ParseInt(intPart+frac, 10, 64)
	if err != nil {
		return 0, errors.New("not a number")
	}
	return n, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// contentRef is the reference of an entry the bank gave none: the SHA-256,
// in lower-case hexadecimal, of these fields, each followed by a line feed:
//
//	the account (IBAN without spaces, upper case)
//	the booking date, YYYY-MM-DD
//	the amount in cents, signed, and the currency, as "-4590 EUR"
//	the remittance, with every run of white space one space, trimmed
//	the counterparty's IBAN (without spaces, upper case)
//	the counterparty's name, trimmed
//
// The same transfer in two exports of one format therefore gets the same
// reference. The CSV and the CAMT export of one bank write the remittance
// differently, so switching formats may import an entry twice.
func contentRef(account string, e Entry) string {
	var b strings.Builder
	for _, f := range []string{
		iban.Normalize(account),
		e.BookingDate.String(),
		strconv.FormatInt(e.AmountCents, 10) + " " + e.Currency,
		strings.Join(strings.Fields(e.Remittance), " "),
		iban.Normalize(e.CounterpartyIBAN),
		strings.TrimSpace(e.CounterpartyName),
	} {
		b.WriteString(f)
		b.WriteByte('\n')
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:])
}

// uniqueRefs gives a reference that occurs again in one statement the
// suffix #2, #3, …, so that two identical transfers on one day stay two
// payments. Exports cover whole days, so an overlapping export of the same
// day numbers them alike.
func uniqueRefs(entries []Entry) {
	seen := make(map[string]int, len(entries))
	for i := range entries {
		r := entries[i].Ref
		seen[r]++
		if n := seen[r]; n > 1 {
			entries[i].Ref = r + "#" + strconv.Itoa(n)
		}
	}
}

// withoutNotProvided drops the placeholder SEPA requires when the payer
// gave no end-to-end reference.
func withoutNotProvided(s string) string {
	s = strings.TrimSpace(s)
	if strings.EqualFold(s, "NOTPROVIDED") {
		return ""
	}
	return s
}
