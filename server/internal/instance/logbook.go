package instance

import (
	"fmt"
	"time"

	"github.com/leitstand/leitstand/server/internal/platform/coded"
)

// The codes of the logbook entries the platform writes itself.
const (
	codeBooked                = "service-booked"
	codeStatusChanged         = "status-changed"
	codePriceChanged          = "price-changed"
	codeDecommissionScheduled = "decommission-scheduled"
	codeDecommissionCancelled = "decommission-cancelled"
	codeCredentialRevealed    = "credential-revealed"
)

// LogbookCodes are the codes of the entries the platform writes with the
// names of their values, for clients that need every code a text. The
// reason is shown beside the wording as it is, not worded.
var LogbookCodes = map[string][]string{
	codeBooked:                {"item", "price_cents", "currency"},
	codeStatusChanged:         {"from", "to", "reason"},
	codePriceChanged:          {"from_cents", "to_cents", "currency", "reason"},
	codeDecommissionScheduled: {"time", "reason"},
	codeDecommissionCancelled: {"time", "reason"},
	codeCredentialRevealed:    {"name", "by", "reason"},
}

// LogbookValuesShownAsTheyAre are the values of LogbookCodes that clients
// show beside the wording rather than in it.
var LogbookValuesShownAsTheyAre = []string{"reason"}

// euros renders cents as the English texts show them: 89.00 EUR.
func euros(cents int64, currency string) string {
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	return fmt.Sprintf("%s%d.%02d %s", sign, cents/100, cents%100, currency)
}

// withReason appends the reason to an English sentence.
func withReason(s, reason string) string {
	if reason == "" {
		return s
	}
	return s + ": " + reason
}

// BookedText is the logbook's entry for a booking.
func BookedText(item string, cents int64, currency string) coded.Text {
	return coded.Text{Code: codeBooked,
		Params:  map[string]string{"item": item, "price_cents": coded.Int(cents), "currency": currency},
		English: fmt.Sprintf("Booked %s at %s a month", item, euros(cents, currency))}
}

// StatusChangedText is the logbook's entry for a status change.
func StatusChangedText(from, to Status, reason string) coded.Text {
	return coded.Text{Code: codeStatusChanged,
		Params:  map[string]string{"from": string(from), "to": string(to), "reason": reason},
		English: withReason(fmt.Sprintf("Status changed from %s to %s", from, to), reason)}
}

// PriceChangedText is the logbook's entry for a price change.
func PriceChangedText(from, to int64, currency, reason string) coded.Text {
	return coded.Text{Code: codePriceChanged,
		Params: map[string]string{"from_cents": coded.Int(from), "to_cents": coded.Int(to), "currency": currency,
			"reason": reason},
		English: withReason(fmt.Sprintf("Monthly price changed from %s to %s", euros(from, currency), euros(to, currency)), reason)}
}

// DecommissionScheduledText is the logbook's entry for a scheduled
// decommission.
func DecommissionScheduledText(at time.Time, reason string) coded.Text {
	return coded.Text{Code: codeDecommissionScheduled,
		Params:  map[string]string{"time": at.UTC().Format(time.RFC3339), "reason": reason},
		English: withReason("Decommission scheduled for "+at.UTC().Format("2006-01-02 15:04 UTC"), reason)}
}

// DecommissionCancelledText is the logbook's entry for a cancelled
// decommission.
func DecommissionCancelledText(at time.Time, reason string) coded.Text {
	return coded.Text{Code: codeDecommissionCancelled,
		Params:  map[string]string{"time": at.UTC().Format(time.RFC3339), "reason": reason},
		English: withReason("Decommission of "+at.UTC().Format("2006-01-02 15:04 UTC")+" cancelled", reason)}
}

// CredentialRevealedText is the internal logbook's entry for a revealed
// credential.
func CredentialRevealedText(name, by, reason string) coded.Text {
	if by == "" {
		by = "the system"
	}
	return coded.Text{Code: codeCredentialRevealed,
		Params:  map[string]string{"name": name, "by": by, "reason": reason},
		English: withReason(fmt.Sprintf("Credential %q revealed by %s", name, by), reason)}
}
