package infra

import (
	"cmp"
	"fmt"
	"strings"
	"time"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/container"
	"github.com/leitstand/leitstand/server/ent/serverevent"
	"github.com/leitstand/leitstand/server/internal/infra/provider"
	"github.com/leitstand/leitstand/server/internal/platform/coded"
)

// The codes of what a server's event log says (coded.Text), which clients
// word in their language; the English message is kept beside them for logs
// and for clients that show it as it is. Who acted is not part of the
// wording: the event names its actor by itself.
const (
	eventServerEntered         = "server-entered"
	eventLinked                = "linked"
	eventImported              = "imported"
	eventUnlinked              = "unlinked"
	eventMissing               = "missing"
	eventStatusChanged         = "status-changed"
	eventMoved                 = "moved"
	eventSyncFailed            = "sync-failed"
	eventSyncRecovered         = "sync-recovered"
	eventContainerAppeared     = "container-appeared"
	eventContainerGone         = "container-gone"
	eventContainerBack         = "container-back"
	eventContainerEngineRetry  = "container-restarted-by-engine"
	eventContainerStatus       = "container-status-changed"
	eventContainerRestarted    = "container-restarted"
	eventContainerUnhealthy    = "container-unhealthy"
	eventContainerHealthyAgain = "container-healthy-again"
	eventMoreAppeared          = "more-containers-appeared"
	eventMoreChanged           = "more-containers-changed"
	eventMoreGone              = "more-containers-gone"
	eventStartedContainer      = "started-container"
	eventStoppedContainer      = "stopped-container"
	eventRestartedContainer    = "restarted-container"
)

// EventCodes are the event log's codes with the names of their values, for
// clients that need every code a text. Two values are shown beside the
// wording as they are, not worded: error (a provider's answer, in English)
// and reason (what the person who acted gave); either may be absent. Empty
// values mean "none": image (unknown), from of a move (no host).
var EventCodes = map[string][]string{
	eventServerEntered:         nil,
	eventLinked:                {"connection", "external_id"},
	eventImported:              {"connection", "external_id"},
	eventUnlinked:              {"connection"},
	eventMissing:               {"connection", "external_id"},
	eventStatusChanged:         {"from", "to", "connection"},
	eventMoved:                 {"from", "to", "connection"},
	eventSyncFailed:            {"error"},
	eventSyncRecovered:         {"failures"},
	eventContainerAppeared:     {"container", "image"},
	eventContainerGone:         {"container"},
	eventContainerBack:         {"container", "status"},
	eventContainerEngineRetry:  {"container", "restarts"},
	eventContainerStatus:       {"container", "from", "to"},
	eventContainerRestarted:    {"container"},
	eventContainerUnhealthy:    {"container"},
	eventContainerHealthyAgain: {"container"},
	eventMoreAppeared:          {"count", "names"},
	eventMoreChanged:           {"count", "names"},
	eventMoreGone:              {"count", "names"},
	eventStartedContainer:      {"container", "reason"},
	eventStoppedContainer:      {"container", "reason"},
	eventRestartedContainer:    {"container", "reason"},
}

// EventValuesShownAsTheyAre are the values of EventCodes that clients
// show beside the wording rather than in it.
var EventValuesShownAsTheyAre = []string{"error", "reason"}

func serverEntered(actor string) coded.Text {
	return coded.Text{Code: eventServerEntered, English: "Server entered by " + actor}
}

func linkedTo(conn, externalID, actor string) coded.Text {
	return coded.Text{Code: eventLinked, Params: map[string]string{"connection": conn, "external_id": externalID},
		English: fmt.Sprintf("Linked to connection %s (id %s) by %s", conn, externalID, actor)}
}

func importedFrom(conn, externalID, actor string) coded.Text {
	return coded.Text{Code: eventImported, Params: map[string]string{"connection": conn, "external_id": externalID},
		English: fmt.Sprintf("Imported from connection %s (id %s) by %s", conn, externalID, actor)}
}

func unlinkedFrom(conn, actor string) coded.Text {
	return coded.Text{Code: eventUnlinked, Params: map[string]string{"connection": conn},
		English: fmt.Sprintf("Unlinked from connection %s by %s", conn, actor)}
}

func missingAt(conn, externalID string) coded.Text {
	return coded.Text{Code: eventMissing, Params: map[string]string{"connection": conn, "external_id": externalID},
		English: fmt.Sprintf("Connection %s no longer reports this server (id %s): deleted or moved at the provider?", conn, externalID)}
}

func statusChanged(from, to, conn string) coded.Text {
	return coded.Text{Code: eventStatusChanged, Params: map[string]string{"from": from, "to": to, "connection": conn},
		English: fmt.Sprintf("Status changed from %s to %s (%s)", from, to, conn)}
}

// moved is a VM's move to another host; from is "" when it had none.
func moved(from, to, conn string) coded.Text {
	return coded.Text{Code: eventMoved, Params: map[string]string{"from": from, "to": to, "connection": conn},
		English: fmt.Sprintf("Moved from %s to %s (%s)", cmp.Or(from, "no host"), to, conn)}
}

func syncFailed(detail string) coded.Text {
	return coded.Text{Code: eventSyncFailed, Params: map[string]string{"error": detail}, English: "Sync failed: " + detail}
}

func syncRecovered(failures int) coded.Text {
	return coded.Text{Code: eventSyncRecovered, Params: map[string]string{"failures": coded.Int(failures)},
		English: fmt.Sprintf("Sync recovered after %d failure(s)", failures)}
}

func containerAppeared(name, image string) coded.Text {
	return coded.Text{Code: eventContainerAppeared, Params: map[string]string{"container": name, "image": image},
		English: fmt.Sprintf("Container %s appeared (%s)", name, cmp.Or(image, "image unknown"))}
}

func containerGone(name string) coded.Text {
	return coded.Text{Code: eventContainerGone, Params: map[string]string{"container": name},
		English: fmt.Sprintf("Container %s is gone", name)}
}

// containerChange says how a container changed between two syncs; the
// zero Text if in nothing the log tells. A status is a value by its
// ContainerStatus name (RUNNING), which clients word.
func containerChange(old, now *ent.Container) coded.Text {
	name := now.Name
	one := func(code, english string) coded.Text {
		return coded.Text{Code: code, Params: map[string]string{"container": name}, English: english}
	}
	switch {
	case old.GoneTime != nil:
		return coded.Text{Code: eventContainerBack, Params: map[string]string{"container": name, "status": now.Status.String()},
			English: fmt.Sprintf("Container %s is back (%s)", name, strings.ToLower(now.Status.String()))}
	case now.RestartCount > old.RestartCount:
		return coded.Text{Code: eventContainerEngineRetry, Params: map[string]string{"container": name, "restarts": coded.Int(now.RestartCount)},
			English: fmt.Sprintf("Container %s was restarted by its engine (%d restart(s) so far)", name, now.RestartCount)}
	case old.Status != now.Status:
		return coded.Text{Code: eventContainerStatus,
			Params:  map[string]string{"container": name, "from": old.Status.String(), "to": now.Status.String()},
			English: fmt.Sprintf("Container %s went from %s to %s", name, strings.ToLower(old.Status.String()), strings.ToLower(now.Status.String()))}
	case old.Status == container.StatusRUNNING && old.StartTime != nil && now.StartTime != nil && now.StartTime.After(old.StartTime.Add(time.Second)):
		return one(eventContainerRestarted, fmt.Sprintf("Container %s restarted", name))
	case old.Health != now.Health && now.Health == container.HealthUNHEALTHY:
		return one(eventContainerUnhealthy, fmt.Sprintf("Container %s became unhealthy", name))
	case old.Health == container.HealthUNHEALTHY && now.Health == container.HealthHEALTHY:
		return one(eventContainerHealthyAgain, fmt.Sprintf("Container %s is healthy again", name))
	}
	return coded.Text{}
}

// moreContainers sums up the containers of one kind of event beyond
// eventsPerTick: how many, and the first few by name.
func moreContainers(kind serverevent.Kind, names []string) coded.Text {
	code, verb := eventMoreChanged, "changed"
	switch kind {
	case serverevent.KindCONTAINER_APPEARED:
		code, verb = eventMoreAppeared, "appeared"
	case serverevent.KindCONTAINER_GONE:
		code, verb = eventMoreGone, "are gone"
	}
	shown := strings.Join(first(names, 5), ", ")
	return coded.Text{Code: code, Params: map[string]string{"count": coded.Int(len(names)), "names": shown},
		English: fmt.Sprintf("…and %d more containers %s: %s", len(names), verb, shown)}
}

// controlled is a person's start, stop or restart of a container, with the
// reason they gave ("" for none).
func controlled(actor string, action provider.Action, name, reason string) coded.Text {
	code := eventRestartedContainer
	switch action {
	case provider.Start:
		code = eventStartedContainer
	case provider.Stop:
		code = eventStoppedContainer
	}
	params := map[string]string{"container": name}
	english := fmt.Sprintf("%s %s container %s", actor, pastTense(action), name)
	if reason != "" {
		params["reason"] = reason
		english += ": " + reason
	}
	return coded.Text{Code: code, Params: params, English: english}
}
