package auditlog

import (
	"context"
	"fmt"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/internal/platform/audit"
	"github.com/leitstand/leitstand/server/internal/platform/authz"
	"github.com/leitstand/leitstand/server/internal/platform/ids"
)

// Targets names the objects audit events are about with the namers the
// areas declare. The audit module is one of the areas, so the namers are
// added once the list of modules is complete (app.New).
type Targets struct{ byPrefix map[ids.Prefix]audit.Namer }

// Add adds namers; a second namer for a prefix is a mistake of the module
// list.
func (t *Targets) Add(ns ...audit.Namer) error {
	if t.byPrefix == nil {
		t.byPrefix = map[ids.Prefix]audit.Namer{}
	}
	for _, n := range ns {
		if _, dup := t.byPrefix[n.Prefix]; dup {
			return fmt.Errorf("audit: two namers for %s", n.Prefix)
		}
		t.byPrefix[n.Prefix] = n
	}
	return nil
}

// Names returns the current names of the events' targets, by target id:
// one query per kind of object, for the kinds the caller may read. Targets
// that are gone, have no namer or are not the caller's to see are left out
// and shown by their id.
func (t *Targets) Names(ctx context.Context, events []audit.Entry) (map[string]string, error) {
	caller := authz.FromContext(ctx)
	byPrefix := map[ids.Prefix][]uuid.UUID{}
	seen := map[string]bool{}
	for _, e := range events {
		if seen[e.TargetID] {
			continue
		}
		seen[e.TargetID] = true
		p, id, ok := ids.ParseAny(e.TargetID)
		if !ok {
			continue
		}
		if n, ok := t.byPrefix[p]; ok && caller != nil && caller.Has(n.Permission) {
			byPrefix[p] = append(byPrefix[p], id)
		}
	}
	out := map[string]string{}
	for p, list := range byPrefix {
		names, err := t.byPrefix[p].Names(ctx, list)
		if err != nil {
			return nil, err
		}
		for id, name := range names {
			out[ids.Format(p, id)] = name
		}
	}
	return out, nil
}
