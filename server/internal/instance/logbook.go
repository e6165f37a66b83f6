package instance

import (
	"fmt"
	"strings"
	"time"

	"github.com/leitstand/leitstand/server/internal/infra/provider"
	"github.com/leitstand/leitstand/server/internal/platform/coded"
)

// The codes of the logbook entries the platform writes itself.
const (
	codeBooked                = "service-booked"
	codeStatusChanged         = "status-changed"
	codeStatusFollowed        = "status-followed"
	codePriceChanged          = "price-changed"
	codeDecommissionScheduled = "decommission-scheduled"
	codeDecommissionCancelled = "decommission-cancelled"
	codeCredentialRevealed    = "credential-revealed"
	codeContainerLinked       = "container-linked"
	codeContainerUnlinked     = "container-unlinked"
	codeServiceAction         = "service-action"
	codeDecommissioned        = "decommissioned"
	codeDecommissionPostponed = "decommission-postponed"
)

// LogbookCodes are the codes of the entries the platform writes with the
// names of their values, for clients that need every code a text. The
// reason is shown beside the wording as it is, not worded.
var LogbookCodes = map[string][]string{
	codeBooked:                {"item", "price_cents", "currency"},
	codeStatusChanged:         {"from", "to", "reason"},
	codeStatusFollowed:        {"from", "to", "primaries", "healthy", "running"},
	codePriceChanged:          {"from_cents", "to_cents", "currency", "reason"},
	codeDecommissionScheduled: {"time", "reason"},
	codeDecommissionCancelled: {"time", "reason"},
	codeCredentialRevealed:    {"name", "by", "reason"},
	codeContainerLinked:       {"container", "server", "role", "primary"},
	codeContainerUnlinked:     {"container", "server"},
	codeServiceAction:         {"action", "succeeded", "failed", "reason"},
	codeDecommissioned:        {"stopped"},
	codeDecommissionPostponed: {"stopped", "failed"},
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

// StatusFollowedText is the logbook's entry for a status the sync set from
// the health of the primary containers: how many there are, how many of
// them are healthy and how many run.
func StatusFollowedText(from, to Status, primaries, healthy, running int, reason string) coded.Text {
	return coded.Text{Code: codeStatusFollowed,
		Params: map[string]string{"from": string(from), "to": string(to), "primaries": fmt.Sprint(primaries),
			"healthy": fmt.Sprint(healthy), "running": fmt.Sprint(running)},
		English: withReason(fmt.Sprintf("Status changed from %s to %s by the containers' health", from, to), reason)}
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

// ContainerLinkedText is the internal logbook's entry for a container
// linked, or its role or primary flag changed.
func ContainerLinkedText(name, server string, role Role, primary bool) coded.Text {
	kind := strings.ToLower(string(role))
	if primary {
		kind = "primary " + kind
	}
	return coded.Text{Code: codeContainerLinked,
		Params:  map[string]string{"container": name, "server": server, "role": string(role), "primary": fmt.Sprint(primary)},
		English: fmt.Sprintf("Container %s on %s linked as %s container", name, server, kind)}
}

// ContainerUnlinkedText is the internal logbook's entry for a container
// unlinked.
func ContainerUnlinkedText(name, server string) coded.Text {
	return coded.Text{Code: codeContainerUnlinked,
		Params:  map[string]string{"container": name, "server": server},
		English: fmt.Sprintf("Container %s on %s unlinked", name, server)}
}

// ActionText is the logbook's entry for a start, stop or restart of the
// primary containers: which succeeded and which failed.
func ActionText(action provider.Action, succeeded, failed []string, reason string) coded.Text {
	var s string
	switch {
	case len(failed) == 0:
		s = fmt.Sprintf("Service %s (%s)", pastTense(action), strings.Join(succeeded, ", "))
	case len(succeeded) == 0:
		s = fmt.Sprintf("Service could not be %s (%s failed)", pastTense(action), strings.Join(failed, ", "))
	default:
		s = fmt.Sprintf("Service partly %s: %s succeeded, %s failed", pastTense(action), strings.Join(succeeded, ", "), strings.Join(failed, ", "))
	}
	return coded.Text{Code: codeServiceAction,
		Params: map[string]string{"action": string(action), "succeeded": strings.Join(succeeded, ", "),
			"failed": strings.Join(failed, ", "), "reason": reason},
		English: withReason(s, reason)}
}

// DecommissionedText is the internal logbook's entry of the decommission:
// which primary containers were stopped before all were unlinked.
func DecommissionedText(stopped []string) coded.Text {
	s := "Decommissioned; all containers unlinked"
	if len(stopped) > 0 {
		s += "; stopped " + strings.Join(stopped, ", ")
	}
	return coded.Text{Code: codeDecommissioned, Params: map[string]string{"stopped": strings.Join(stopped, ", ")}, English: s}
}

// DecommissionPostponedText is the internal logbook's entry of a due
// decommission that could not stop every primary container.
func DecommissionPostponedText(stopped, failed []string) coded.Text {
	s := "Decommission postponed: could not stop " + strings.Join(failed, "; ")
	if len(stopped) > 0 {
		s += " (stopped " + strings.Join(stopped, ", ") + ")"
	}
	s += "; the next run tries again, or unlink the container to decommission without stopping it"
	return coded.Text{Code: codeDecommissionPostponed,
		Params:  map[string]string{"stopped": strings.Join(stopped, ", "), "failed": strings.Join(failed, "; ")},
		English: s}
}

func pastTense(a provider.Action) string {
	switch a {
	case provider.Start:
		return "started"
	case provider.Stop:
		return "stopped"
	default:
		return "restarted"
	}
}
