// Package girocode builds the EPC QR code ("GiroCode") that banking apps scan
// to fill in a SEPA credit transfer, after the European Payments Council's
// guideline EPC069-12 ("Quick Response Code: Guidelines to Enable Data
// Capture for the Initiation of a SEPA Credit Transfer"), version 002.
//
// Payload gives the text the code carries; Matrix gives its modules, so an
// invoice can draw them as vector squares that stay sharp at any zoom.
package girocode

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/skip2/go-qrcode"

	"github.com/leitstand/leitstand/server/internal/platform/iban"
)

// Limits of the guideline.
const (
	MaxNameLength       = 70          // beneficiary name, characters
	MaxRemittanceLength = 140         // unstructured remittance, characters
	MinAmountCents      = 1           // EUR 0.01
	MaxAmountCents      = 99999999999 // EUR 999999999.99
	maxPayloadBytes     = 331         // the whole text, by the guideline
	maxQRVersion        = 13          // largest symbol the guideline allows
)

// ErrAmount is returned (wrapped) for an amount the code cannot carry: zero,
// negative (a credit note) or above EUR 999,999,999.99. An invoice with such a
// total gets no GiroCode, which is not an error of the invoice.
var ErrAmount = errors.New("a GiroCode carries amounts from EUR 0.01 to EUR 999,999,999.99")

// Transfer is the credit transfer the customer is asked to make.
type Transfer struct {
	Name        string // beneficiary (account holder), at most 70 characters
	IBAN        string // beneficiary's IBAN; spaces allowed, they are removed
	BIC         string // optional in version 002 within the EEA; 8 or 11 characters
	AmountCents int64  // 1 … 99999999999
	Currency    string // must be "EUR": SEPA credit transfers are in euro
	Remittance  string // unstructured remittance information (the invoice number), at most 140 characters
}

// Payload returns the text of the code: the guideline's fields, one per
// line, separated by LF, ending after the remittance (trailing empty fields
// may be left out).
//
//	BCD                service tag
//	002                version
//	1                  character set: UTF-8
//	SCT                SEPA credit transfer
//	BIC
//	Name
//	IBAN
//	EUR1234.56         amount
//	                   purpose code (not used)
//	                   structured creditor reference (not used)
//	RE-2027-000042     unstructured remittance
func Payload(t Transfer) (string, error) {
	if t.Currency != "EUR" {
		return "", fmt.Errorf("a GiroCode transfer is in EUR, not %q", t.Currency)
	}
	if t.AmountCents < MinAmountCents || t.AmountCents > MaxAmountCents {
		return "", fmt.Errorf("%w, not %d cents", ErrAmount, t.AmountCents)
	}
	name := strings.TrimSpace(t.Name)
	if err := checkText("beneficiary name", name, MaxNameLength); err != nil {
		return "", err
	}
	if name == "" {
		return "", errors.New("a GiroCode needs the beneficiary's name")
	}
	rem := strings.TrimSpace(t.Remittance)
	if err := checkText("remittance", rem, MaxRemittanceLength); err != nil {
		return "", err
	}
	if err := iban.Validate(t.IBAN); err != nil {
		return "", fmt.Errorf("GiroCode IBAN: %w", err)
	}
	bic := iban.Normalize(t.BIC)
	if bic != "" && !validBIC(bic) {
		return "", fmt.Errorf("%q is not a BIC: 4 letters for the bank, 2 for the country, 2 letters or digits for the place and optionally 3 for the branch", t.BIC)
	}
	p := strings.Join([]string{
		"BCD", "002", "1", "SCT",
		bic,
		name,
		iban.Normalize(t.IBAN),
		fmt.Sprintf("EUR%d.%02d", t.AmountCents/100, t.AmountCents%100),
		"", // purpose
		"", // structured reference; exclusive with the unstructured one
		rem,
	}, "\n")
	if len(p) > maxPayloadBytes {
		return "", fmt.Errorf("GiroCode payload has %d bytes, at most %d fit", len(p), maxPayloadBytes)
	}
	return p, nil
}

// checkText refuses text longer than max characters and line breaks or
// other control characters, which would shift the fields that follow.
func checkText(field, s string, max int) error {
	if n := utf8.RuneCountInString(s); n > max {
		return fmt.Errorf("GiroCode %s has %d characters, at most %d fit", field, n, max)
	}
	if !utf8.ValidString(s) {
		return fmt.Errorf("GiroCode %s is not valid UTF-8", field)
	}
	if strings.IndexFunc(s, unicode.IsControl) >= 0 {
		return fmt.Errorf("GiroCode %s must be one line without control characters", field)
	}
	return nil
}

// validBIC checks the shape of a BIC (ISO 9362), not that the bank exists.
func validBIC(s string) bool {
	if len(s) != 8 && len(s) != 11 {
		return false
	}
	for i, c := range s {
		letter := c >= 'A' && c <= 'Z'
		digit := c >= '0' && c <= '9'
		if i < 6 && !letter || i >= 6 && !letter && !digit {
			return false
		}
	}
	return true
}

// Matrix encodes payload as a QR code with error correction level M, which
// the guideline prescribes, and returns its modules row by row (true is
// dark), without the quiet zone: whoever draws it leaves four modules of
// white space around it.
func Matrix(payload string) ([][]bool, error) {
	q, err := qrcode.New(payload, qrcode.Medium)
	if err != nil {
		return nil, fmt.Errorf("GiroCode QR code: %w", err)
	}
	if q.VersionNumber > maxQRVersion {
		return nil, fmt.Errorf("GiroCode QR code would be version %d, at most %d is allowed", q.VersionNumber, maxQRVersion)
	}
	q.DisableBorder = true
	return q.Bitmap(), nil
}
