package infra

import (
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/leitstand/leitstand/server/ent"
	"github.com/leitstand/leitstand/server/ent/container"
	"github.com/leitstand/leitstand/server/ent/serverevent"
	"github.com/leitstand/leitstand/server/internal/infra/provider"
	"github.com/leitstand/leitstand/server/internal/platform/coded"
)

// CheckEventText fails unless e carries a declared code with its declared
// values, less those shown as they are that it may leave out (a reason not
// given). Clients word events by code: one without would reach German
// operators in English.
func CheckEventText(t testing.TB, e coded.Text) {
	t.Helper()
	declared, ok := EventCodes[e.Code]
	if !ok {
		t.Errorf("event %q has the undeclared code %q", e.English, e.Code)
		return
	}
	if e.English == "" {
		t.Errorf("event %s has no English", e.Code)
	}
	want := slices.Sorted(slices.Values(declared))
	got := slices.Sorted(maps.Keys(e.Params))
	if !slices.Equal(got, want) {
		optional := slices.DeleteFunc(slices.Clone(want), func(p string) bool {
			return slices.Contains(EventValuesShownAsTheyAre, p) && !slices.Contains(got, p)
		})
		if !slices.Equal(got, optional) {
			t.Errorf("event %q (%s) has values %v, its code declares %v", e.English, e.Code, got, declared)
		}
	}
}

// Every text of a server's event log is said with a declared code and
// exactly its values, and each declared code is said by some event.
func TestEveryEventHasACode(t *testing.T) {
	start := time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)
	later := start.Add(time.Hour)
	gone := start
	ctr := func(mod func(c *ent.Container)) *ent.Container {
		c := &ent.Container{Name: "nginx", Status: container.StatusRUNNING, Health: container.HealthHEALTHY, StartTime: &start, RestartCount: 1}
		if mod != nil {
			mod(c)
		}
		return c
	}
	tests := []struct {
		name    string
		text    coded.Text
		english string
		params  map[string]string
	}{
		{"entered", serverEntered("ops@example.com"), "Server entered by ops@example.com", nil},
		{"linked", linkedTo("pve", "node1/qemu/101", "ops@example.com"),
			"Linked to connection pve (id node1/qemu/101) by ops@example.com", map[string]string{"connection": "pve", "external_id": "node1/qemu/101"}},
		{"imported", importedFrom("pve", "101", "the system"),
			"Imported from connection pve (id 101) by the system", map[string]string{"connection": "pve", "external_id": "101"}},
		{"unlinked", unlinkedFrom("pve", "ops@example.com"), "Unlinked from connection pve by ops@example.com", map[string]string{"connection": "pve"}},
		{"missing", missingAt("pve", "101"), "Connection pve no longer reports this server (id 101): deleted or moved at the provider?",
			map[string]string{"connection": "pve", "external_id": "101"}},
		{"status", statusChanged("running", "stopped", "pve"), "Status changed from running to stopped (pve)",
			map[string]string{"from": "running", "to": "stopped", "connection": "pve"}},
		{"moved", moved("node1", "node2", "pve"), "Moved from node1 to node2 (pve)", map[string]string{"from": "node1", "to": "node2", "connection": "pve"}},
		{"moved from no host", moved("", "node2", "pve"), "Moved from no host to node2 (pve)", map[string]string{"from": "", "to": "node2", "connection": "pve"}},
		{"sync failed", syncFailed("pve: timeout"), "Sync failed: pve: timeout", map[string]string{"error": "pve: timeout"}},
		{"sync recovered", syncRecovered(3), "Sync recovered after 3 failure(s)", map[string]string{"failures": "3"}},
		{"appeared", containerAppeared("nginx", "nginx:1.27"), "Container nginx appeared (nginx:1.27)", map[string]string{"container": "nginx", "image": "nginx:1.27"}},
		{"appeared without image", containerAppeared("nginx", ""), "Container nginx appeared (image unknown)", map[string]string{"container": "nginx", "image": ""}},
		{"gone", containerGone("nginx"), "Container nginx is gone", map[string]string{"container": "nginx"}},
		{"back", containerChange(ctr(func(c *ent.Container) { c.GoneTime = &gone }), ctr(nil)),
			"Container nginx is back (running)", map[string]string{"container": "nginx", "status": "RUNNING"}},
		{"restarted by its engine", containerChange(ctr(nil), ctr(func(c *ent.Container) { c.RestartCount = 3 })),
			"Container nginx was restarted by its engine (3 restart(s) so far)", map[string]string{"container": "nginx", "restarts": "3"}},
		{"status", containerChange(ctr(nil), ctr(func(c *ent.Container) { c.Status = container.StatusEXITED })),
			"Container nginx went from running to exited", map[string]string{"container": "nginx", "from": "RUNNING", "to": "EXITED"}},
		{"restarted", containerChange(ctr(nil), ctr(func(c *ent.Container) { c.StartTime = &later })),
			"Container nginx restarted", map[string]string{"container": "nginx"}},
		{"unhealthy", containerChange(ctr(nil), ctr(func(c *ent.Container) { c.Health = container.HealthUNHEALTHY })),
			"Container nginx became unhealthy", map[string]string{"container": "nginx"}},
		{"healthy again", containerChange(ctr(func(c *ent.Container) { c.Health = container.HealthUNHEALTHY }), ctr(nil)),
			"Container nginx is healthy again", map[string]string{"container": "nginx"}},
		{"more appeared", moreContainers(serverevent.KindCONTAINER_APPEARED, []string{"a", "b", "c", "d", "e", "f"}),
			"…and 6 more containers appeared: a, b, c, d, e, …", map[string]string{"count": "6", "names": "a, b, c, d, e, …"}},
		{"more changed", moreContainers(serverevent.KindCONTAINER_CHANGED, []string{"a"}),
			"…and 1 more containers changed: a", map[string]string{"count": "1", "names": "a"}},
		{"more gone", moreContainers(serverevent.KindCONTAINER_GONE, []string{"a", "b"}),
			"…and 2 more containers are gone: a, b", map[string]string{"count": "2", "names": "a, b"}},
		{"started with a reason", controlled("ops@example.com", provider.Start, "nginx", "after the upgrade"),
			"ops@example.com started container nginx: after the upgrade", map[string]string{"container": "nginx", "reason": "after the upgrade"}},
		{"stopped without one", controlled("ops@example.com", provider.Stop, "nginx", ""),
			"ops@example.com stopped container nginx", map[string]string{"container": "nginx"}},
		{"restarted by staff", controlled("ops@example.com", provider.Restart, "nginx", "stuck"),
			"ops@example.com restarted container nginx: stuck", map[string]string{"container": "nginx", "reason": "stuck"}},
	}
	said := map[string]bool{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			CheckEventText(t, tt.text)
			said[tt.text.Code] = true
			if tt.text.English != tt.english {
				t.Errorf("English = %q, want %q", tt.text.English, tt.english)
			}
			if !maps.Equal(tt.text.Params, tt.params) {
				t.Errorf("values = %v, want %v", tt.text.Params, tt.params)
			}
		})
	}
	for code := range EventCodes {
		if !coded.ValidCode(code) {
			t.Errorf("event code %q is not lower-case words joined by hyphens", code)
		}
		if !said[code] {
			t.Errorf("no event says %s: a code no event uses is a text clients keep for nothing", code)
		}
	}
	// Nothing to tell: the sync writes no event.
	if c := containerChange(ctr(nil), ctr(nil)); c.Code != "" {
		t.Errorf("an unchanged container has the event %+v", c)
	}
}

// A container that cannot be controlled says why with a declared code and
// its values.
func TestEveryControlUnavailableReasonHasACode(t *testing.T) {
	src := uuid.New()
	gone := time.Now()
	tests := []struct {
		name     string
		row      ent.Container
		readOnly bool
		code     string
	}{
		{"gone", ent.Container{GoneTime: &gone, Source: container.SourceDOCKER, SourceConnectionID: src}, false, UnavailableGone},
		{"monitoring-only connection", ent.Container{Source: container.SourcePROXMOX, SourceConnectionID: src}, true, UnavailableMonitoringOnly},
		{"a provider that only monitors", ent.Container{Source: container.SourceBESZEL, SourceConnectionID: src}, false, UnavailableMonitoringProvider},
		{"controllable", ent.Container{Source: container.SourceDOCKER, SourceConnectionID: src, ControlConnectionID: &src}, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := containerView(&tt.row, map[uuid.UUID]bool{src: tt.readOnly})
			u := v.Unavailable
			if u.Code != tt.code {
				t.Fatalf("code = %q, want %q (%s)", u.Code, tt.code, u.English)
			}
			if u.Code == "" {
				return
			}
			declared, ok := UnavailableCodes[u.Code]
			if !ok || !coded.ValidCode(u.Code) || u.English == "" {
				t.Errorf("%q: undeclared or malformed code %q", u.English, u.Code)
			}
			if got := slices.Sorted(maps.Keys(u.Params)); !slices.Equal(got, slices.Sorted(slices.Values(declared))) {
				t.Errorf("%q (%s) has values %v, its code declares %v", u.English, u.Code, got, declared)
			}
		})
	}
}
